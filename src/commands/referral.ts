import type { Command } from 'commander';
import { examples, listOutputOptions } from '../cli.js';
import { contextOf } from '../context.js';
import { t } from '../i18n/index.js';
import { withLeadFields, type LeadFieldOptions } from './lead.js';

export interface ReferralAskOptions {
  count?: string;
  note?: string;
  json?: boolean;
}

// The lead fields `referral add` sets itself: --source (always referral) and --referrer (the argument).
const REFERRAL_SETS = ['source', 'referrer'] as const;

/** The lead fields `referral add` takes: those of `lead add` but the ones it sets itself. */
export interface ReferralAddOptions extends Omit<LeadFieldOptions, (typeof REFERRAL_SETS)[number]> {
  company: string;
  json?: boolean;
}

export interface ReferralListOptions {
  open?: boolean;
  format?: string;
  header?: boolean;
}

/** Registers `leadq referral ask|add|list`: the method's referral source (ask 1 to 3, never more). */
export function register(program: Command): void {
  const referral = program.command('referral').description(t('help.cmdReferral')).helpCommand(false);
  examples(referral, [
    'leadq referral ask "华信科技" --count 3 --note "after the demo"',
    'leadq referral add "华信科技" --company "恒达制造有限公司" --contact 王敏 --phone 13800000000',
    'leadq referral list --open',
  ]);

  const ask = referral
    .command('ask')
    .description(t('sources.referral.ask.description'))
    .argument('<lead>', t('sources.referral.ask.argLead'))
    .option('--count <n>', t('sources.referral.ask.optCount'))
    .option('--note <text>', t('sources.referral.ask.optNote'))
    .option('--json', t('sources.referral.ask.optJson'))
    .action(async (lead: string, options: ReferralAskOptions, cmd: Command) => {
      const { runReferralAsk } = await import('./referral.run.js');
      await runReferralAsk(contextOf(cmd), lead, options);
    });
  examples(ask, ['leadq referral ask 12', 'leadq referral ask "Acme Inc." --count 1 --note "only knows one peer"']);

  const add = withLeadFields(
    referral.command('add').description(t('sources.referral.add.description')).argument('<referrer-lead>', t('sources.referral.add.argReferrer')),
    true,
    REFERRAL_SETS,
  )
    .option('--json', t('sources.referral.add.optJson'))
    .action(async (referrer: string, options: ReferralAddOptions, cmd: Command) => {
      const { runReferralAdd } = await import('./referral.run.js');
      await runReferralAdd(contextOf(cmd), referrer, options);
    });
  examples(add, [
    'leadq referral add 12 --company "Globex Ltd." --contact "Anna Lee" --title CTO',
    'leadq referral add "华信科技" --company "恒达制造" --industry 制造业 --json',
  ]);

  const list = listOutputOptions(
    referral
      .command('list')
      .description(t('sources.referral.list.description'))
      .option('--open', t('sources.referral.list.optOpen'))
  ).action(async (options: ReferralListOptions, cmd: Command) => {
    const { runReferralList } = await import('./referral.run.js');
    await runReferralList(contextOf(cmd), options);
  });
  examples(list, ['leadq referral list', 'leadq referral list --open --format csv > open-requests.csv']);
}
