import type { Command } from 'commander';
import { examples, listOutputOptions } from '../cli.js';
import { contextOf } from '../context.js';
import { ENCODINGS } from '../csv/encodings.js';
import { t } from '../i18n/index.js';

export interface Top20ImportOptions {
  encoding?: string;
}

export interface Top20ListOptions {
  uncontacted?: boolean;
  days?: string;
  industry?: string;
  format?: string;
  header?: boolean;
}

/** Registers `leadq top20 import|list`: the industry's top 20 companies as a list of accounts to work through. */
export function register(program: Command): void {
  const top20 = program.command('top20').description(t('help.cmdTop20')).helpCommand(false);
  examples(top20, [
    'leadq top20 import data/samples/top20.csv',
    'leadq top20 list --uncontacted --days 30 --format tsv',
  ]);

  const importCommand = top20
    .command('import')
    .description(t('sources.top20.import.description'))
    .argument('<file|->', t('sources.top20.import.argFile'))
    .option('--encoding <encoding>', t('sources.top20.import.optEncoding', { choices: ENCODINGS.join('|') }))
    .action(async (file: string, options: Top20ImportOptions, cmd: Command) => {
      const { runTop20Import } = await import('./top20.run.js');
      await runTop20Import(contextOf(cmd), file, options);
    });
  examples(importCommand, [
    'leadq top20 import data/samples/top20.csv',
    'leadq top20 import 行业排名.csv --encoding gbk',
    'cat ranking.csv | leadq top20 import -',
  ]);
  importCommand.addHelpText('after', `\n${t('sources.top20.import.rules')}\n`);

  const list = listOutputOptions(
    top20
      .command('list')
      .description(t('sources.top20.list.description'))
      .option('--uncontacted', t('sources.top20.list.optUncontacted'))
      .option('--days <n>', t('sources.top20.list.optDays'))
      .option('--industry <industry>', t('sources.top20.list.optIndustry'))
  ).action(async (options: Top20ListOptions, cmd: Command) => {
    const { runTop20List } = await import('./top20.run.js');
    await runTop20List(contextOf(cmd), options);
  });
  examples(list, [
    'leadq top20 list',
    'leadq top20 list --uncontacted --industry 制造业',
    'leadq --db /srv/sales/leadq.db top20 list --uncontacted --days 30 --format tsv --no-header   # cron',
  ]);
  list.addHelpText('after', `\n${t('sources.top20.list.notes')}\n`);
}
