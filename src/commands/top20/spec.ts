import { ENCODINGS, encodingOption } from '../../csv/encodings.js';
import { UsageError } from '../../errors.js';
import { listOutputs } from '../options.js';
import { argument, command, example, flag, group, parsed, text, type InputOf, type NoArguments } from '../spec.js';

const importArgs = { file: argument('<file|->', 'top20.import.argFile') };
const importOptions = {
  encoding: parsed('--encoding <encoding>', 'top20.import.optEncoding', encodingOption, { choices: ENCODINGS, descriptionParams: { choices: ENCODINGS.join('|') } }),
};
export type Top20ImportInput = InputOf<typeof importArgs, typeof importOptions>;

const listOptions = {
  uncontacted: flag('--uncontacted', 'top20.list.optUncontacted'),
  days: parsed('--days <n>', 'top20.list.optDays', daysOption),
  industry: text('--industry <industry>', 'top20.list.optIndustry'),
  ...listOutputs(),
};
export type Top20ListInput = InputOf<NoArguments, typeof listOptions>;

/** --days: a whole number of days, 1 or more. */
function daysOption(value: string): number {
  const text = value.trim();
  const days = /^\d{1,6}$/.test(text) ? Number(text) : 0;
  if (days < 1) throw new UsageError('top20.badDays', { value });
  return days;
}

/** `leadq top20 import|list`: the industry's top 20 companies as a list of accounts to work through. */
export const top20Group = group({
  name: 'top20',
  description: 'top20.description',
  examples: ['leadq top20 import data/samples/top20.csv', 'leadq top20 list --uncontacted --days 30 --format tsv'],
  commands: [
    command({
      name: 'import',
      description: 'top20.import.description',
      args: importArgs,
      options: importOptions,
      examples: ['leadq top20 import data/samples/top20.csv', 'leadq top20 import 行业排名.csv --encoding gbk', 'cat ranking.csv | leadq top20 import -'],
      notes: { key: 'top20.import.rules' },
      load: () => import('./import.js'),
    }),
    command({
      name: 'list',
      description: 'top20.list.description',
      args: {},
      options: listOptions,
      examples: [
        'leadq top20 list',
        'leadq top20 list --uncontacted --industry 制造业',
        example('leadq --db /srv/sales/leadq.db top20 list --uncontacted --days 30 --format tsv --no-header   # cron', 'leadq --db /srv/sales/leadq.db top20 list --uncontacted --days 30 --format tsv --no-header   # 定时任务'),
      ],
      notes: { key: 'top20.list.notes' },
      load: () => import('./list.js'),
    }),
  ],
});
