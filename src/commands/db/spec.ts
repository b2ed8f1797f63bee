import { argument, command, example, flag, group, type InputOf, type NoArguments } from '../spec.js';

const backupArgs = { file: argument('<file>', 'db.argBackupFile') };
export type DbBackupInput = InputOf<typeof backupArgs, NoArguments>;

const rescoreOptions = { dryRun: flag('--dry-run', 'db.optRescoreDryRun'), json: flag('--json', 'db.optRescoreJson') };
export type DbRescoreInput = InputOf<NoArguments, typeof rescoreOptions>;

/** `leadq db path|check|backup|rescore`: the data file itself. */
export const dbGroup = group({
  name: 'db',
  description: 'db.description',
  examples: ['leadq db path', 'leadq db check', 'leadq db backup ~/leadq-backup.db', 'leadq db rescore --dry-run'],
  commands: [
    command({
      name: 'path',
      description: 'db.pathDescription',
      args: {},
      options: {},
      examples: ['leadq db path', 'LEADQ_DB=/srv/sales/leadq.db leadq db path', 'leadq --db team.db db path'],
      load: () => import('./path.js'),
    }),
    command({
      name: 'check',
      description: 'db.checkDescription',
      args: {},
      options: {},
      examples: ['leadq db check', example('leadq --db /srv/sales/leadq.db db check || echo "restore a backup"', 'leadq --db /srv/sales/leadq.db db check || echo "请恢复备份"')],
      load: () => import('./check.js'),
    }),
    command({
      name: 'backup',
      description: 'db.backupDescription',
      args: backupArgs,
      options: {},
      examples: ['leadq db backup ~/leadq-backup.db', 'leadq db backup "backups/leadq-$(date +%F).db"'],
      load: () => import('./backup.js'),
    }),
    command({
      name: 'rescore',
      description: 'db.rescoreDescription',
      args: {},
      options: rescoreOptions,
      examples: [example('leadq db rescore --dry-run            # what the current method would change', 'leadq db rescore --dry-run            # 当前方法会改变什么'), 'leadq db rescore', 'leadq db rescore --json | jq .verdictChanges'],
      load: () => import('./rescore.js'),
    }),
  ],
});
