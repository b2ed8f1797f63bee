import { formatOption } from '../../output/format.js';
import { dateOption } from '../options.js';
import { command, parsed, type InputOf, type NoArguments } from '../spec.js';

/** The values of `report --format`. */
export const REPORT_FORMATS = ['table', 'json'] as const;

/** --since: a day that happened (1900 … tomorrow), local time; its local midnight is compared with the stored UTC times. */
export function sinceOption(value: string, now: Date): { readonly iso: string; readonly date: string } {
  return dateOption('--since', value, 'happened', now);
}

const options = {
  since: parsed('--since <YYYY-MM-DD>', 'report.optSince', (value, { now }) => sinceOption(value, now)),
  format: parsed('--format <format>', 'report.optFormat', (value) => formatOption(value, REPORT_FORMATS), { choices: REPORT_FORMATS, descriptionParams: { choices: REPORT_FORMATS.join('|') } }),
};
export type ReportInput = InputOf<NoArguments, typeof options>;

/** `leadq report`: results per lead source against the cold-visit baseline (1 in 66). */
export const report = command({
  name: 'report',
  description: 'report.description',
  args: {},
  options,
  examples: ['leadq report', 'leadq report --since 2025-01-01', 'leadq --lang zh report', 'leadq report --format json | jq .sources'],
  notes: { key: 'report.notes' },
  load: () => import('./handler.js'),
});
