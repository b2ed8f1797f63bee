import type { Context } from '../../context.js';
import type { Row } from '../../output/format.js';
import { printStoredList, type ColumnSpec } from '../../output/stored-list.js';
import { localTime as shortTime } from '../../output/time.js';
import type { LeadFilter, LeadListRow } from '../../store/store.js';
import { ME } from '../../domain/lead-fields.js';
import { sourceLabel, statusLabel } from './labels.js';
import type { LeadListInput } from './spec.js';

const DAY_MS = 86_400_000;

// `lead list` stays light: it must answer within ~100 ms of `leadq --version` on a million leads.

// The columns of `lead list`, in SPEC order: [key, table header, alignment].
const LIST_COLUMNS: ColumnSpec<LeadListRow> = [
  ['id', 'lead.colId', 'right'],
  ['company', 'col.company', 'left'],
  ['industry', 'col.industry', 'left'],
  ['source', 'col.source', 'left'],
  ['status', 'col.status', 'left'],
  ['score', 'col.score', 'right'],
  ['last_contact', 'col.lastContact', 'left'],
];

/** `leadq lead list`: read-only, streamed in batches so `| head` ends it at once; no data file yet is an empty list. */
export async function handler(ctx: Context, input: LeadListInput): Promise<void> {
  const owner = input.owner?.trim() || undefined;
  const filter: LeadFilter = {
    status: input.status,
    source: input.source,
    industry: input.industry?.trim() || undefined,
    owner: owner === ME ? ctx.actor : owner,
    sort: input.sort,
    search: input.search || undefined,
    minScore: input.minScore,
    notQualifiedSince: input.stale === undefined ? undefined : new Date(ctx.now().getTime() - input.stale * DAY_MS).toISOString(),
  };
  await printStoredList(ctx, {
    format: input.format,
    header: input.header,
    spec: LIST_COLUMNS,
    read: (tx) => tx.listLeads(filter),
    forTable: humanListRow,
  });
}

/** The table view speaks the user's language: status and source labels, short local times. */
function humanListRow(row: Row): Row {
  return {
    ...row,
    source: sourceLabel(String(row.source)),
    status: statusLabel(String(row.status)),
    last_contact: typeof row.last_contact === 'string' ? shortTime(row.last_contact) : null,
  };
}

