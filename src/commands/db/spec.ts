import { argument, command, example, flag, group, type InputOf, type NoArguments } from '../spec.js';

const backupArgs = { file: argument('<file>', 'db.argBackupFile') };
export type DbBackupInput = InputOf<typeof backupArgs, NoArguments>;

const copyArgs = { from: argument('<from>', 'db.argCopyFrom'), to: argument('<to>', 'db.argCopyTo') };
const copyOptions = { replace: flag('--replace', 'db.optCopyReplace') };
export type DbCopyInput = InputOf<typeof copyArgs, typeof copyOptions>;

const rescoreOptions = { dryRun: flag('--dry-run', 'db.optRescoreDryRun'), json: flag('--json', 'db.optRescoreJson') };
export type DbRescoreInput = InputOf<NoArguments, typeof rescoreOptions>;

/** `leadq db path|init|check|backup|copy|rescore`: the store itself. */
export const dbGroup = group({
  name: 'db',
  description: 'db.description',
  examples: ['leadq db path', 'leadq db init', 'leadq db check', 'leadq db backup ~/leadq-backup.db', 'leadq db rescore --dry-run'],
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
      name: 'init',
      description: 'db.initDescription',
      args: {},
      options: {},
      examples: [
        example('leadq db init                      # the data file, before anyone writes', 'leadq db init                      # 在任何人写入之前创建数据文件'),
        example(
          'LEADQ_DB=postgresql://leadq_owner@db.example.com/leadq leadq db init   # leadq’s tables, as the owner role',
          'LEADQ_DB=postgresql://leadq_owner@db.example.com/leadq leadq db init   # 以属主角色创建 leadq 的表',
        ),
      ],
      load: () => import('./init.js'),
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
      name: 'copy',
      description: 'db.copyDescription',
      args: copyArgs,
      options: copyOptions,
      examples: [
        'leadq db copy ~/.local/share/leadq/leadq.db postgresql://rep@db.example.com/sales?sslmode=verify-full',
        'leadq db copy postgresql://rep@db.example.com/sales team-copy.db',
        'leadq db copy old.db new.db --replace',
      ],
      load: () => import('./copy.js'),
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
