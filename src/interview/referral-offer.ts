import { t } from '../i18n/index.js';
import { REFERRAL_ASK_DEFAULT, REFERRAL_ASK_MAX, REFERRAL_ASK_MIN, type ReferralAsk } from '../domain/lead-sources.js';
import type { Prompter } from './prompter.js';

/** A referral request the rep chose to record: 1 at least, 3 is best, never more. */
export interface ReferralRequest {
  readonly asked: ReferralAsk;
  readonly note?: string;
}

/**
 * After a verdict that is not precise: offers to record a referral request (default 3, more refused with the method's
 * reason). "Before you leave" and yes by default only after a visit; with no visit logged the default is no, so Enter
 * never records a request that was never made.
 */
export async function offerReferralRequest(prompter: Prompter, visitLogged: boolean): Promise<ReferralRequest | undefined> {
  const wanted = await prompter.yesNo(
    visitLogged
      ? { id: 'referral.ask', message: t('interview.q.referral'), why: t('interview.why.referral'), default: true }
      : { id: 'referral.ask', message: t('interview.q.referralNoVisit'), why: t('interview.why.referralNoVisit'), default: false },
  );
  if (wanted !== true) return undefined;
  const asked = await prompter.number({
    id: 'referral.count',
    message: t('interview.q.referralCount'),
    why: t('interview.why.referralCount'),
    default: REFERRAL_ASK_DEFAULT,
    min: REFERRAL_ASK_MIN,
    max: REFERRAL_ASK_MAX,
    outOfRange: t('interview.referralTooMany'),
  });
  const note = (await prompter.input({ id: 'referral.note', message: t('interview.q.referralNote'), why: t('interview.why.referralNote') })).trim();
  return { asked: asked as ReferralAsk, ...(note === '' ? {} : { note }) };
}
