import { todayOf, type Context } from '../../context.js';
import { worklistQuery, type WorkReason } from '../../domain/today.js';
import { t, type MessageKey, type Params } from '../../i18n/index.js';
import { codeText } from '../../output/qualification.js';
import { listFormatOption, printStoredList, type ColumnSpec } from '../../output/stored-list.js';
import { localTime } from '../../output/time.js';
import type { WorklistRow } from '../../store/store.js';
import { TABLE_LIMIT, type TodayInput } from './spec.js';

// `leadq today` stays light like `lead list`: it must answer within ~100 ms of `leadq --version` on a million leads.

type TodayRow = { readonly id: number; readonly company: string; readonly why: string; readonly action: string };

const TODAY_COLUMNS: ColumnSpec<TodayRow> = [
  ['id', 'lead.colId', 'right'],
  ['company', 'col.company', 'left'],
  // Why and what to do are the point of the list: read whole (up to a long line); on a terminal the table fits its
  // width, the action giving way first.
  ['why', 'col.why', 'left', 90],
  ['action', 'col.action', 'left', 160],
];

const DAY_MS = 86_400_000;

/** `leadq today`: read-only, streamed in the ranking's order; an absent data file is an empty list. */
export async function handler(ctx: Context, input: TodayInput): Promise<void> {
  const now = ctx.now();
  // The rep's own leads and nobody's, unless --all: the same rule on a team's store and on a data file (where a rep's
  // leads are all their own or, made before leadq recorded owners, nobody's), so both stores list alike.
  const query = worklistQuery(now, todayOf(ctx), input.days, input.all === true ? undefined : ctx.actor);
  const format = listFormatOption(ctx, input.format);
  const limit = input.limit ?? (format === 'table' ? TABLE_LIMIT : 0);
  let shown = 0;
  let more = false;
  await printStoredList(ctx, {
    format: input.format,
    header: input.header,
    spec: TODAY_COLUMNS,
    read: (tx) => {
      shown = 0;
      more = false;
      return texts(tx.worklist(query));
    },
  });
  if (format === 'table' && shown === 0) ctx.log.say('today.nothing');
  else if (format === 'table' && more) ctx.log.say('today.more', { limit });

  /** The rows as the rep reads them (why and what to do, in the chosen language), at most limit of them (0: all). */
  async function* texts(batches: AsyncIterable<readonly WorklistRow[]>): AsyncIterable<readonly TodayRow[]> {
    for await (const batch of batches) {
      const room = limit === 0 ? batch.length : Math.min(batch.length, limit - shown);
      shown += room;
      yield batch.slice(0, room).map((row) => ({ id: row.id, company: row.company, why: why(row, now), action: action(row) }));
      if (limit !== 0 && shown >= limit) {
        more = room < batch.length || !(await batches[Symbol.asyncIterator]().next()).done;
        return;
      }
    }
  }
}

/** Why the lead is on the list, in the chosen language. */
function why(row: WorklistRow, now: Date): string {
  const daysAgo = (iso: string | null) => (iso === null ? 0 : Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / DAY_MS)));
  const params: Record<WorkReason, Params> = {
    visit: { score: row.score ?? 0 },
    followUp: { date: row.followUpOn ?? '' },
    qualifying: { score: row.score ?? 0 },
    referral: { asked: row.asked ?? 0, received: row.received ?? 0, at: row.askedAt === null ? '' : localTime(row.askedAt), days: daysAgo(row.askedAt) },
    stale: { at: row.qualifiedAt === null ? '' : localTime(row.qualifiedAt), days: daysAgo(row.qualifiedAt) },
    top20: { industry: row.industry ?? '', rank: row.rank ?? 0, at: row.lastContactAt === null ? '' : localTime(row.lastContactAt) },
  };
  const key = row.reason === 'top20' && row.lastContactAt === null ? 'today.why.top20Never' : (`today.why.${row.reason}` as MessageKey);
  return t(key, params[row.reason]);
}

/** What to do: the latest qualification's first next action where the reason is the method's own, else the reason's move. */
function action(row: WorklistRow): string {
  const next = firstAction(row.nextAction);
  if ((row.reason === 'visit' || row.reason === 'qualifying' || row.reason === 'followUp') && next !== undefined) return codeText('engine.action.', next.code, next.params);
  return t(`today.action.${row.reason}` as MessageKey, { id: row.id });
}

/** The first next action as the lead keeps it (JSON {code, params}); undefined when none or unreadable. */
function firstAction(json: string | null): { code: string; params: Record<string, string | number> } | undefined {
  if (json === null) return undefined;
  try {
    const value = JSON.parse(json) as { code?: unknown; params?: unknown };
    if (typeof value.code !== 'string') return undefined;
    return { code: value.code, params: typeof value.params === 'object' && value.params !== null ? (value.params as Record<string, string | number>) : {} };
  } catch {
    return undefined;
  }
}

