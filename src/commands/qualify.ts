import type { Command } from 'commander';
import { examples } from '../cli.js';
import { contextOf } from '../context.js';
import { t } from '../i18n/index.js';
import type { SaveQualification } from '../interview/session.js';

export interface QualifyOptions {
  answers?: string;
  json?: boolean;
  dryRun?: boolean;
}

/** Registers `leadq qualify [lead]`: the interview (or an answers file) → engine → result, saved as history. */
export function register(program: Command): void {
  const command = program
    .command('qualify')
    .description(t('qualify.description'))
    .argument('[lead]', t('qualify.argLead'))
    .option('--answers <file|->', t('qualify.optAnswers'))
    .option('--json', t('qualify.optJson'))
    .option('--dry-run', t('qualify.optDryRun'))
    .action(async (lead: string | undefined, options: QualifyOptions, cmd: Command) => {
      if (options.answers === undefined) {
        // Straight to the interview: it loads inquirer first and the engine/store only after the first prompt shows.
        const { interviewLead } = await import('../interview/session.js');
        const ctx = contextOf(cmd);
        // The save loads (with the store and the engine) only once the answers are in.
        const save: SaveQualification = async (input) => (await import('./qualify.save.js')).saveQualification(ctx.store, ctx.now, input);
        await interviewLead(ctx, lead, { dryRun: options.dryRun === true, json: options.json === true }, save);
        return;
      }
      const { runQualify } = await import('./qualify.run.js');
      await runQualify(contextOf(cmd), lead, options.answers, options);
    });
  examples(command, [
    'leadq qualify                                   # interview; pick or create the lead',
    'leadq qualify "华信科技"                          # re-qualify: previous answers are the defaults',
    'leadq qualify --answers visit.json --json       # no prompts: answers from a file',
    "echo '{\"lead\":{\"company\":\"Acme\"},\"need\":{\"kind\":\"switching\"}}' | leadq qualify --answers - --dry-run",
  ]);
  command.addHelpText('after', `\n${t('qualify.answersHelp')}\n`);
}
