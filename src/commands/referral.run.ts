import type { Context } from '../context.js';
import { REFERRAL_ASK_DEFAULT, referralAskOf, type ReferralAsk } from '../domain/lead-sources.js';
import { UsageError } from '../errors.js';
import { leadJson } from '../output/lead-json.js';
import { resolveLead } from '../store/leads.js';
import type { ReferralRequestRow } from '../store/store.js';
import { fieldsOf, givenText } from './lead.fields.js';
import type { ReferralAddOptions, ReferralAskOptions, ReferralListOptions } from './referral.js';
import { printStoredList, type ColumnSpec } from '../output/stored-list.js';

/** --count: 1 to 3 referrals (the method: 3 is best, 1 at least, never more); anything else is exit 64 with that reason. */
export function referralCount(value: string | undefined, leadRef: string): ReferralAsk {
  const count = value === undefined ? REFERRAL_ASK_DEFAULT : referralAskOf(value);
  if (count !== undefined) return count;
  throw new UsageError('sources.referral.countRange', { value: value ?? '' }, 'sources.referral.countHint', { lead: shellWord(leadRef) });
}

/** `leadq referral ask`: records a request for 1–3 referrals; prints its id (--json: the request). */
export async function runReferralAsk(ctx: Context, leadRef: string, options: ReferralAskOptions): Promise<void> {
  const asked = referralCount(options.count, leadRef);
  const note = givenText(options.note);
  const request = await ctx.store.write(
    async (tx) => {
      const lead = await resolveLead(tx, leadRef);
      const id = await tx.insertReferralRequest({ leadId: lead.id, asked, note, askedAt: ctx.now().toISOString() });
      return { id, json: options.json === true ? await tx.referralRequest(id) : undefined };
    },
    { mustExist: true },
  );
  if (options.json === true) ctx.stdout.write(JSON.stringify(request.json, null, 2) + '\n');
  else ctx.stdout.write(`${request.id}\n`);
}

/** `leadq referral add`: a referred lead (source referral) linked to its referrer and the referrer's open request, in one transaction. */
export async function runReferralAdd(ctx: Context, referrerRef: string, options: ReferralAddOptions): Promise<void> {
  const { parseLeadFieldOptions } = await import('./lead.options.js');
  const values = parseLeadFieldOptions(options);
  const now = ctx.now().toISOString();
  const { lead, referrer, requestId } = await ctx.store.write(
    async (tx) => {
      const referrer = await resolveLead(tx, referrerRef);
      const lead = await tx.insertLead({ ...(await fieldsOf(tx, values, undefined)), company: values.company ?? '', source: 'referral', referrerId: referrer.id }, now);
      const requestId = await tx.openReferralRequestId(referrer.id);
      await tx.insertReferral({ referrerId: referrer.id, leadId: lead.id, requestId, createdAt: now });
      return { lead, referrer, requestId };
    },
    { mustExist: true },
  );
  if (requestId === undefined) ctx.log.say('sources.referral.noOpenRequest', { referrer: `#${referrer.id} ${referrer.company}`, referrerId: referrer.id });
  if (options.json === true) ctx.stdout.write(JSON.stringify(leadJson(lead), null, 2) + '\n');
  else ctx.stdout.write(`${lead.id}\n`);
}

const REQUEST_COLUMNS: ColumnSpec<ReferralRequestRow> = [
  ['id', 'sources.col.requestId', 'right'],
  ['lead_id', 'sources.col.referrerId', 'right'],
  ['company', 'sources.col.referrer', 'left'],
  ['asked', 'sources.col.asked', 'right'],
  ['received', 'sources.col.received', 'right'],
  ['asked_at', 'sources.col.askedAt', 'left'],
];

/** `leadq referral list`: one row per request with asked and received counts; read-only, an absent data file is an empty list. */
export async function runReferralList(ctx: Context, options: ReferralListOptions): Promise<void> {
  await printStoredList(ctx, { format: options.format, header: options.header !== false, spec: REQUEST_COLUMNS, read: (tx) => tx.listReferralRequests({ open: options.open === true }) });
}

/** A lead reference as the user would type it again in a shell (quoted when it has spaces or quotes). */
function shellWord(s: string): string {
  return /^[\p{L}\p{N}_.#-]+$/u.test(s) ? s : `"${s.replace(/(["\\$`])/g, '\\$1')}"`;
}
