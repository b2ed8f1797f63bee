import type { Context } from '../../context.js';
import type { Lead } from '../../store/store.js';

/** The note `referral add` and `lead add --referrer` give when the referrer has no open request the referral answers. */
export function sayNoOpenRequest(ctx: Context, referrer: Pick<Lead, 'id' | 'company'>): void {
  ctx.log.say('referral.noOpenRequest', { referrer: `#${referrer.id} ${referrer.company}`, referrerId: referrer.id });
}
