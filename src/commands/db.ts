import type { Command } from 'commander';
import { examples } from '../cli.js';
import { contextOf } from '../context.js';
import { t } from '../i18n/index.js';
import type { DbRescoreOptions } from './db.run.js';

/** Registers `leadq db path|check|backup`. */
export function register(program: Command): void {
  const db = program.command('db').description(t('lead.dbDescription'));
  examples(db, ['leadq db path', 'leadq db check', 'leadq db backup ~/leadq-backup.db', 'leadq db rescore --dry-run']);

  const path = db
    .command('path')
    .description(t('lead.dbPathDescription'))
    .action(async (_options: object, cmd: Command) => {
      const { runDbPath } = await import('./db.run.js');
      runDbPath(contextOf(cmd));
    });
  examples(path, ['leadq db path', 'LEADQ_DB=/srv/sales/leadq.db leadq db path', 'leadq --db team.db db path']);

  const check = db
    .command('check')
    .description(t('lead.dbCheckDescription'))
    .action(async (_options: object, cmd: Command) => {
      const { runDbCheck } = await import('./db.run.js');
      await runDbCheck(contextOf(cmd));
    });
  examples(check, ['leadq db check', 'leadq --db /srv/sales/leadq.db db check || echo "restore a backup"']);

  const backup = db
    .command('backup')
    .description(t('lead.dbBackupDescription'))
    .argument('<file>', t('lead.argBackupFile'))
    .action(async (file: string, _options: object, cmd: Command) => {
      const { runDbBackup } = await import('./db.run.js');
      await runDbBackup(contextOf(cmd), file);
    });
  examples(backup, ['leadq db backup ~/leadq-backup.db', 'leadq db backup "backups/leadq-$(date +%F).db"']);

  const rescore = db
    .command('rescore')
    .description(t('method.rescoreDescription'))
    .option('--dry-run', t('method.optRescoreDryRun'))
    .option('--json', t('method.optRescoreJson'))
    .action(async (options: DbRescoreOptions, cmd: Command) => {
      const { runDbRescore } = await import('./db.run.js');
      await runDbRescore(contextOf(cmd), options);
    });
  examples(rescore, ['leadq db rescore --dry-run            # what the current method would change', 'leadq db rescore', 'leadq db rescore --json | jq .verdictChanges']);
}
