import type { Command } from 'commander';
import { examples } from '../cli.js';
import { contextOf } from '../context.js';
import { ENCODINGS } from '../csv/encodings.js';
import { FIELDS } from '../csv/fields.js';
import { SCORE_FORMATS } from '../csv/formats.js';
import { t } from '../i18n/index.js';

/** The options of `leadq score`, as commander gives them (checked in score.run.ts). */
export interface ScoreOptions {
  encoding: string;
  delimiter?: string;
  headerRow?: string;
  preset?: string;
  map: string[];
  showMapping?: boolean;
  out?: string;
  format: string;
  bom: boolean;
  rejects?: string;
  strict?: boolean;
  import?: boolean;
}

// Shipped presets (data/presets); listed here so that `--help` reads no files.
const PRESETS = 'salesforce, hubspot, pipedrive, zoho, odoo, chinese, generic';

/** Registers `leadq score <file|->`: bulk-score a CSV export, streaming. */
export function register(program: Command): void {
  const command = program
    .command('score')
    .description(t('csv.description'))
    .argument('<file|->', t('csv.argFile'))
    .option('--encoding <encoding>', t('csv.optEncoding', { choices: ENCODINGS.join('|') }), 'auto')
    .option('--delimiter <char>', t('csv.optDelimiter'))
    .option('--header-row <n>', t('csv.optHeaderRow'))
    .option('--preset <name>', t('csv.optPreset', { presets: PRESETS }))
    .option('--map <field=Header>', t('csv.optMap'), (value: string, previous: string[]) => [...previous, value], [])
    .option('--show-mapping', t('csv.optShowMapping'))
    .option('--out <file>', t('csv.optOut'))
    .option('--format <format>', t('help.format', { choices: SCORE_FORMATS.join('|') }), 'csv')
    .option('--no-bom', t('csv.optNoBom'))
    .option('--rejects <file>', t('csv.optRejects'))
    .option('--strict', t('csv.optStrict'))
    .option('--import', t('csv.optImport'))
    .action(async (file: string, options: ScoreOptions, cmd: Command) => {
      const { runScore } = await import('./score.run.js');
      await runScore(contextOf(cmd), file, options);
    });
  examples(command, [
    'leadq score data/samples/leads.csv                     # scored CSV on stdout',
    'leadq score export.csv --out scored.csv                # + scored.csv.rejects.csv for bad rows',
    'leadq score 客户.csv --encoding gbk --format table',
    'leadq score crm.csv --map company="Account Name" --show-mapping',
    'leadq score leads.csv --import --strict                # save as leads; any bad row: exit 65',
    'cat leads.csv | leadq score - --format ndjson',
  ]);
  command.addHelpText('after', `\n${t('csv.help', { fields: FIELDS.map((f) => f.name).join(', ') })}\n`);
}
