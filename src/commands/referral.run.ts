import type { Context } from '../context.js';
import { REFERRAL_ASK_DEFAULT, referralAskOf, type ReferralAsk } from '../domain/lead-sources.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n/index.js';
import { insertLead, leadJson, resolveLead } from '../store/leads.js';
import { openStore, withWriteTransaction } from '../store/open.js';
import {
  getReferralRequest,
  insertReferral,
  insertReferralRequest,
  listReferralRequests,
  openReferralRequestId,
  type ReferralRequestRow,
} from '../store/referrals.js';
import { fieldsOf, givenText } from './lead.fields.js';
import type { ReferralAddOptions, ReferralAskOptions, ReferralListOptions } from './referral.js';
import { printStoredList, type ColumnSpec } from '../output/stored-list.js';
import { terminalLine } from '../output/terminal-text.js';

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
  const db = openStore(ctx.dbPath, { busyTimeoutMs: ctx.env.busyTimeoutMs, mustExist: true });
  try {
    const id = withWriteTransaction(db, () => {
      const lead = resolveLead(db, leadRef);
      return insertReferralRequest(db, { leadId: lead.id, asked, note, askedAt: ctx.now().toISOString() });
    });
    if (options.json === true) ctx.stdout.write(JSON.stringify(getReferralRequest(db, id), null, 2) + '\n');
    else ctx.stdout.write(`${id}\n`);
  } finally {
    db.close();
  }
}

/** `leadq referral add`: a referred lead (source referral) linked to its referrer and the referrer's open request, in one transaction. */
export async function runReferralAdd(ctx: Context, referrerRef: string, options: ReferralAddOptions): Promise<void> {
  const { parseLeadFieldOptions } = await import('./lead.options.js');
  const values = parseLeadFieldOptions(options);
  const db = openStore(ctx.dbPath, { busyTimeoutMs: ctx.env.busyTimeoutMs, mustExist: true });
  try {
    const now = ctx.now().toISOString();
    const { lead, referrer, requestId } = withWriteTransaction(db, () => {
      const referrer = resolveLead(db, referrerRef);
      const lead = insertLead(db, { ...fieldsOf(db, values, undefined), company: values.company ?? '', source: 'referral', referrerId: referrer.id }, now);
      const requestId = openReferralRequestId(db, referrer.id);
      insertReferral(db, { referrerId: referrer.id, leadId: lead.id, requestId, createdAt: now });
      return { lead, referrer, requestId };
    });
    if (requestId === undefined) {
      ctx.stderr.write(terminalLine(t('sources.referral.noOpenRequest', { referrer: `#${referrer.id} ${referrer.company}`, referrerId: referrer.id })) + '\n');
    }
    if (options.json === true) ctx.stdout.write(JSON.stringify(leadJson(lead), null, 2) + '\n');
    else ctx.stdout.write(`${lead.id}\n`);
  } finally {
    db.close();
  }
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
  await printStoredList(ctx, { format: options.format, header: options.header !== false, spec: REQUEST_COLUMNS, read: (db) => listReferralRequests(db, { open: options.open === true }) });
}

/** A lead reference as the user would type it again in a shell (quoted when it has spaces or quotes). */
function shellWord(s: string): string {
  return /^[\p{L}\p{N}_.#-]+$/u.test(s) ? s : `"${s.replace(/(["\\$`])/g, '\\$1')}"`;
}
