import type { Context } from '../../context.js';
import { printStoredList, type ColumnSpec } from '../../output/stored-list.js';
import { localTime } from '../../output/time.js';
import type { ReferralRequestRow } from '../../store/store.js';
import type { ReferralListInput } from './spec.js';

const REQUEST_COLUMNS: ColumnSpec<ReferralRequestRow> = [
  ['id', 'col.requestId', 'right'],
  ['lead_id', 'col.referrerId', 'right'],
  ['company', 'col.referrer', 'left'],
  ['asked', 'col.asked', 'right'],
  ['received', 'col.received', 'right'],
  ['asked_at', 'col.askedAt', 'left'],
];

/** `leadq referral list`: one row per request with asked and received counts; read-only, an absent data file is an empty list. */
export async function handler(ctx: Context, input: ReferralListInput): Promise<void> {
  await printStoredList(ctx, {
    format: input.format,
    header: input.header,
    spec: REQUEST_COLUMNS,
    read: (tx) => tx.listReferralRequests({ open: input.open === true }),
    // Every human view shows local time (SPEC v2); csv/tsv/json keep ISO UTC.
    forTable: (row) => ({ ...row, asked_at: localTime(row.asked_at) }),
  });
}
