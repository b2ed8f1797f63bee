import { STALE_DAYS } from '../../domain/today.js';
import { listOutputs, wholeNumber } from '../options.js';
import { command, flag, withDefault, type InputOf, type NoArguments } from '../spec.js';

/** Rows the table view shows unless --limit says otherwise (a terminal is read by a person; scripts get every row). */
export const TABLE_LIMIT = 100;

const options = {
  days: withDefault(wholeNumber('--days <n>', 'today.optDays', 1, 36_500), STALE_DAYS),
  all: flag('--all', 'today.optAll'),
  limit: wholeNumber('--limit <n>', 'today.optLimit', 0, 1_000_000_000),
  ...listOutputs(),
};
export type TodayInput = InputOf<NoArguments, typeof options>;

/** `leadq today`: the rep's worklist, ranked, one row per lead: id, company, why, action. */
export const today = command({
  name: 'today',
  description: 'today.description',
  args: {},
  options,
  examples: ['leadq today', 'leadq today --days 60', 'leadq today --format tsv | head -5', 'leadq today --format json | jq ".[0]"'],
  notes: { key: 'today.notes' },
  load: () => import('./handler.js'),
});
