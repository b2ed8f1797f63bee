import type { Command } from 'commander';
import { examples } from '../cli.js';
import { contextOf } from '../context.js';
import { t } from '../i18n/index.js';

/** The values of `report --format`. */
export const REPORT_FORMATS = ['table', 'json'] as const;

export interface ReportOptions {
  since?: string;
  format?: string;
}

/** Registers `leadq report`: results per lead source against the cold-visit baseline (1 in 66). */
export function register(program: Command): void {
  const command = program
    .command('report')
    .description(t('help.cmdReport'))
    .option('--since <YYYY-MM-DD>', t('sources.report.optSince'))
    .option('--format <format>', t('sources.report.optFormat', { choices: REPORT_FORMATS.join('|') }))
    .action(async (options: ReportOptions, cmd: Command) => {
      const { runReport } = await import('./report.run.js');
      await runReport(contextOf(cmd), options);
    });
  examples(command, ['leadq report', 'leadq report --since 2025-01-01', 'leadq --lang zh report', 'leadq report --format json | jq .sources']);
  command.addHelpText('after', `\n${t('sources.report.notes')}\n`);
}
