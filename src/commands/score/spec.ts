import { ENCODINGS, encodingOption } from '../../csv/encodings.js';
import { FIELDS, fieldNamed, type FieldDef } from '../../csv/fields.js';
import { SCORE_FORMATS } from '../../csv/formats.js';
import { UsageError } from '../../errors.js';
import { formatOption } from '../../output/format.js';
import { argument, command, example, flag, negatable, parsed, repeatable, text, withDefault, type InputOf } from '../spec.js';

// Shipped presets (data/presets); listed here so that `--help` reads no files (score's check reads them).
const PRESET_NAMES = ['salesforce', 'hubspot', 'pipedrive', 'zoho', 'odoo', 'chinese', 'generic'];
const PRESETS = PRESET_NAMES.join(', ');

/** --delimiter: one character, or a name (tab, comma, semicolon, pipe). */
export function delimiterOption(value: string): string {
  const named: Record<string, string> = { tab: '\t', '\\t': '\t', comma: ',', semicolon: ';', pipe: '|' };
  const d = named[value.toLowerCase()] ?? value;
  if (d.length !== 1 || d === '"' || d === '\n' || d === '\r') throw new UsageError('score.badDelimiter', { value });
  return d;
}

/** --header-row: the line number of the header, 1 or more. */
export function headerRowOption(value: string): number {
  const text = value.normalize('NFKC').trim();
  const row = /^\d{1,9}$/.test(text) ? Number(text) : 0;
  if (row < 1) throw new UsageError('score.badHeaderRow', { value });
  return row;
}

/** One --map value: field=Header (an empty Header unmaps the field). */
export function mapOption(value: string): readonly [FieldDef, string | undefined] {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new UsageError('score.badMap', { value });
  const field = fieldNamed(value.slice(0, eq));
  if (field === undefined) throw new UsageError('score.unknownField', { value: value.slice(0, eq) }, 'score.hintFields', { fields: FIELDS.map((f) => f.name).join(', ') });
  const header = value.slice(eq + 1);
  return [field, header.trim() === '' ? undefined : header];
}

const args = { file: argument('<file|->', 'score.argFile') };
const options = {
  encoding: withDefault(parsed('--encoding <encoding>', 'score.optEncoding', encodingOption, { choices: ENCODINGS, descriptionParams: { choices: ENCODINGS.join('|') } }), 'auto' as const),
  delimiter: parsed('--delimiter <char>', 'score.optDelimiter', delimiterOption),
  headerRow: parsed('--header-row <n>', 'score.optHeaderRow', headerRowOption),
  // Checked against the preset files by the command's check, in any case; the names are for completion.
  preset: parsed('--preset <name>', 'score.optPreset', (value) => value, { choices: PRESET_NAMES, descriptionParams: { presets: PRESETS } }),
  map: repeatable('--map <field=Header>', 'score.optMap', mapOption),
  showMapping: flag('--show-mapping', 'score.optShowMapping'),
  out: text('--out <file>', 'score.optOut'),
  format: withDefault(parsed('--format <format>', 'help.format', (value) => formatOption(value, SCORE_FORMATS), { choices: SCORE_FORMATS, descriptionParams: { choices: SCORE_FORMATS.join('|') } }), 'csv' as const),
  bom: negatable('--no-bom', 'score.optNoBom'),
  rejects: text('--rejects <file>', 'score.optRejects'),
  strict: flag('--strict', 'score.optStrict'),
  import: flag('--import', 'score.optImport'),
};
export type ScoreInput = InputOf<typeof args, typeof options>;

/** `leadq score <file|->`: bulk-score a CSV export, streaming. */
export const score = command({
  name: 'score',
  description: 'score.description',
  args,
  options,
  examples: [
    example('leadq score data/samples/leads.csv                     # scored CSV on stdout', 'leadq score data/samples/leads.csv                     # 打分后的 CSV 输出到 stdout'),
    example('leadq score export.csv --out scored.csv                # + scored.csv.rejects.csv for bad rows', 'leadq score export.csv --out scored.csv                # 另有 scored.csv.rejects.csv 存放坏行'),
    'leadq score 客户.csv --encoding gbk --format table',
    'leadq score crm.csv --map company="Account Name" --show-mapping',
    example('leadq score leads.csv --import --strict                # save as leads; any bad row: exit 65', 'leadq score leads.csv --import --strict                # 存为线索；有坏行则退出码 65'),
    'cat leads.csv | leadq score - --format ndjson',
  ],
  notes: () => ({ key: 'score.help', params: { fields: FIELDS.map((f) => f.name).join(', ') } }),
  check: async (input) => {
    if (input.preset === undefined) return;
    // The presets are data files: read only when a preset is named.
    const { presetNames } = await import('../../csv/presets.js');
    if (!presetNames().includes(input.preset.toLowerCase())) {
      throw new UsageError('score.unknownPreset', { value: input.preset }, 'score.hintPresets', { presets: presetNames().join(', ') });
    }
  },
  load: () => import('./handler.js'),
});
