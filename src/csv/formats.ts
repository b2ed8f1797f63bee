// The values of `score --format`, and the one check of every --format value (score, the lists, report). A light
// module: command registration imports it for the help text.
import { UsageError } from '../errors.js';

/** The output formats of `leadq score`. */
export const SCORE_FORMATS = ['csv', 'json', 'ndjson', 'table'] as const;

/** An output format of `leadq score`. */
export type ScoreFormat = (typeof SCORE_FORMATS)[number];

/** --format: one of a command's formats in any case (JSON is json); anything else is exit 64 naming them. */
export function formatOption<F extends string>(value: string, formats: readonly F[]): F {
  const format = formats.find((f) => f === value.toLowerCase());
  if (format === undefined) throw new UsageError('error.badFormat', { value, choices: formats.join(', ') });
  return format;
}
