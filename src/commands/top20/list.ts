import type { Context } from '../../context.js';
import { isMessageKey, t } from '../../i18n/index.js';
import type { Row } from '../../output/format.js';
import { printStoredList, type ColumnSpec } from '../../output/stored-list.js';
import { localTime } from '../../output/time.js';
import type { Top20Row } from '../../store/store.js';
import type { Top20ListInput } from './spec.js';

const DAY_MS = 86_400_000;

// Stable columns: scripts read them by position (tsv) or by name (csv header, json).
const TOP20_COLUMNS: ColumnSpec<Top20Row> = [
  ['industry', 'col.industry', 'left'],
  ['rank', 'col.rank', 'right'],
  ['company', 'col.company', 'left'],
  ['lead_id', 'col.leadId', 'right'],
  ['status', 'col.status', 'left'],
  ['last_contact', 'col.lastContact', 'left'],
];

/** `leadq top20 list`: the accounts ranked 1–20, read-only (cron-safe); an absent data file is an empty list. */
export async function handler(ctx: Context, input: Top20ListInput): Promise<void> {
  const { days } = input;
  const uncontacted = input.uncontacted === true || days !== undefined;
  const contactedSince = !uncontacted ? undefined : days === undefined ? '' : new Date(ctx.now().getTime() - days * DAY_MS).toISOString();
  const industry = input.industry?.trim();
  await printStoredList(ctx, { format: input.format, header: input.header, spec: TOP20_COLUMNS, read: (tx) => tx.listTop20({ contactedSince, industry }), forTable: tableRow });
}

/** Statuses in the reader's language and local times for the table view (csv/tsv/json keep the English ids and ISO UTC). */
function tableRow(row: Top20Row): Row {
  const key = `lead.status.${row.status ?? ''}`;
  // Every human view shows local time (SPEC v2); csv/tsv/json keep ISO UTC.
  return { ...row, status: isMessageKey(key) ? t(key) : row.status, last_contact: row.last_contact === null ? null : localTime(row.last_contact) };
}
