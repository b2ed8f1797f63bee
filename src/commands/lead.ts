import { Option, type Command } from 'commander';
import { examples, listOutputOptions } from '../cli.js';
import { contextOf } from '../context.js';
import { SOURCES } from '../engine/enums.js';
import { t } from '../i18n/index.js';
import { LEAD_STATUSES } from '../domain/lead.js';

/** The lead fields `lead add` and `lead edit` take, as typed (validated in lead.options.ts). */
export interface LeadFieldOptions {
  company?: string;
  contact?: string;
  title?: string;
  phone?: string;
  email?: string;
  industry?: string;
  source?: string;
  competitor?: string;
  partner?: string;
  referrer?: string;
  notes?: string;
  creditCode?: string;
}

export interface LeadAddOptions extends LeadFieldOptions {
  json?: boolean;
}

export interface LeadListOptions {
  status?: string;
  source?: string;
  industry?: string;
  format?: string;
  header?: boolean;
}

export interface LeadShowOptions {
  json?: boolean;
}

export interface LeadCloseOptions {
  won?: boolean;
  lost?: boolean;
  note?: string;
}

/** Registers `leadq lead add|list|show|edit|close`. */
export function register(program: Command): void {
  const lead = program.command('lead').description(t('lead.description'));
  examples(lead, [
    'leadq lead add --company "上海华信科技有限公司" --source competitor_customer --competitor 销售易',
    'leadq lead list --status precise',
    'leadq lead show 华信科技',
    'leadq lead close 12 --won --note "3-year contract"',
  ]);

  const add = withLeadFields(lead.command('add').description(t('lead.addDescription')), true)
    .option('--json', t('help.json'))
    .action(async (options: LeadAddOptions, cmd: Command) => {
      const { runLeadAdd } = await import('./lead.run.js');
      await runLeadAdd(contextOf(cmd), options);
    });
  examples(add, [
    'leadq lead add --company "Acme Co., Ltd." --contact "Anna Lee" --title CTO --source cold',
    'leadq lead add --company "恒达制造有限公司" --source referral --referrer 12 --industry 制造业',
    'leadq lead add --company "华信科技" --credit-code 91350100M000100Y43 --json',
  ]);

  const list = listOutputOptions(
    lead
      .command('list')
      .description(t('lead.listDescription'))
      .addOption(new Option('--status <status>', t('lead.optStatus', { choices: LEAD_STATUSES.join('|') })).choices(LEAD_STATUSES))
      .addOption(new Option('--source <source>', t('lead.optFilterSource', { choices: SOURCES.join('|') })).choices(SOURCES))
      .option('--industry <industry>', t('lead.optFilterIndustry'))
  ).action(async (options: LeadListOptions, cmd: Command) => {
    const { runLeadList } = await import('./lead.run.js');
    await runLeadList(contextOf(cmd), options);
  });
  examples(list, [
    'leadq lead list',
    'leadq lead list --status precise --format csv > precise.csv',
    'leadq lead list --source referral --industry 制造业 --format json',
    'leadq lead list --format tsv --no-header | cut -f2',
  ]);

  const show = lead
    .command('show')
    .description(t('lead.showDescription'))
    .argument('<lead>', t('lead.argLead'))
    .option('--json', t('help.json'))
    .action(async (ref: string, options: LeadShowOptions, cmd: Command) => {
      const { runLeadShow } = await import('./lead.run.js');
      await runLeadShow(contextOf(cmd), ref, options);
    });
  examples(show, ['leadq lead show 12', 'leadq lead show "华信科技"', 'leadq lead show "Acme Inc." --json | jq .qualifications[0].result']);

  const edit = withLeadFields(lead.command('edit').description(t('lead.editDescription')).argument('<lead>', t('lead.argLead')), false)
    .option('--json', t('help.json'))
    .action(async (ref: string, options: LeadAddOptions, cmd: Command) => {
      const { runLeadEdit } = await import('./lead.run.js');
      await runLeadEdit(contextOf(cmd), ref, options);
    });
  examples(edit, ['leadq lead edit 12 --industry 制造业 --phone 13800000000', 'leadq lead edit "Acme" --company "Acme Robotics Inc."', 'leadq lead edit 12 --notes ""']);

  const close = lead
    .command('close')
    .description(t('lead.closeDescription'))
    .argument('<lead>', t('lead.argLead'))
    .option('--won', t('lead.optWon'))
    .option('--lost', t('lead.optLost'))
    .option('--note <text>', t('lead.optCloseNote'))
    .action(async (ref: string, options: LeadCloseOptions, cmd: Command) => {
      const { runLeadClose } = await import('./lead.run.js');
      await runLeadClose(contextOf(cmd), ref, options);
    });
  examples(close, ['leadq lead close 12 --won --note "signed a 3-year contract"', 'leadq lead close "华信科技" --lost --note "chose the cheaper competitor"']);
}

/**
 * Adds the lead field options of `lead add` and `lead edit` (add requires --company); omit leaves out those a command
 * sets itself (`referral add`: --source and --referrer).
 */
export function withLeadFields(command: Command, companyRequired: boolean, omit: readonly (keyof LeadFieldOptions)[] = []): Command {
  const company = new Option('--company <name>', t('lead.optCompany'));
  if (companyRequired) company.makeOptionMandatory();
  const options = [
    company,
    new Option('--contact <name>', t('lead.optContact')),
    new Option('--title <title>', t('lead.optTitle')),
    new Option('--phone <phone>', t('lead.optPhone')),
    new Option('--email <email>', t('lead.optEmail')),
    new Option('--industry <industry>', t('lead.optIndustry')),
    new Option('--source <source>', t('lead.optSource', { choices: SOURCES.join('|') })).choices(SOURCES),
    new Option('--competitor <name>', t('lead.optCompetitor')),
    new Option('--partner <name>', t('lead.optPartner')),
    new Option('--referrer <lead>', t('lead.optReferrer')),
    new Option('--notes <text>', t('lead.optNotes')),
    new Option('--credit-code <code>', t('lead.optCreditCode')),
  ];
  for (const option of options) {
    if (!omit.includes(option.attributeName() as keyof LeadFieldOptions)) command.addOption(option);
  }
  return command;
}
