import { LEAD_SORTS, LEAD_STATUSES } from '../../domain/lead.js';
import { SOURCES } from '../../engine/enums.js';
import { UsageError } from '../../errors.js';
import { json, listOutputs, trimmed, wholeNumber } from '../options.js';
import { argument, choice, command, example, flag, group, mandatory, text, type InputOf, type NoArguments } from '../spec.js';
import { leadFieldOptions } from './field-options.js';

const lead = { lead: argument('<lead>', 'lead.argLead') };

const addOptions = { ...leadFieldOptions(), company: mandatory(leadFieldOptions().company), json: json() };
export type LeadAddInput = InputOf<NoArguments, typeof addOptions>;

const editOptions = { ...leadFieldOptions(), json: json() };
export type LeadEditInput = InputOf<typeof lead, typeof editOptions>;

const listOptions = {
  status: choice('--status <status>', 'lead.optStatus', LEAD_STATUSES, { choices: LEAD_STATUSES.join('|') }),
  source: choice('--source <source>', 'lead.optFilterSource', SOURCES, { choices: SOURCES.join('|') }),
  industry: text('--industry <industry>', 'lead.optFilterIndustry'),
  owner: text('--owner <name>', 'lead.optFilterOwner'),
  sort: choice('--sort <order>', 'lead.optSort', LEAD_SORTS, { choices: LEAD_SORTS.join('|') }),
  search: trimmed('--search <text>', 'lead.optSearch'),
  minScore: wholeNumber('--min-score <n>', 'lead.optMinScore', 0, 100),
  stale: wholeNumber('--stale <days>', 'lead.optStale', 1, 36_500),
  ...listOutputs(),
};
export type LeadListInput = InputOf<NoArguments, typeof listOptions>;

const showOptions = { json: json() };
export type LeadShowInput = InputOf<typeof lead, typeof showOptions>;

const closeOptions = {
  won: flag('--won', 'lead.optWon'),
  lost: flag('--lost', 'lead.optLost'),
  note: trimmed('--note <text>', 'lead.optCloseNote'),
  reopen: flag('--reopen', 'lead.optReopen'),
};
export type LeadCloseInput = InputOf<typeof lead, typeof closeOptions>;

const reopenOptions = { json: json() };
export type LeadReopenInput = InputOf<typeof lead, typeof reopenOptions>;

const deleteOptions = { yes: flag('--yes', 'lead.optYes'), json: json() };
export type LeadDeleteInput = InputOf<typeof lead, typeof deleteOptions>;

/** `leadq lead add|list|show|edit|close|reopen|delete`. */
export const leadGroup = group({
  name: 'lead',
  description: 'lead.description',
  examples: [
    'leadq lead add --company "上海华信科技有限公司" --source competitor_customer --competitor 销售易',
    'leadq lead list --status precise',
    'leadq lead show 华信科技',
    example('leadq lead close 12 --won --note "3-year contract"', 'leadq lead close 12 --won --note "签了三年合同"'),
  ],
  commands: [
    command({
      name: 'add',
      description: 'lead.addDescription',
      args: {},
      options: addOptions,
      examples: [
        'leadq lead add --company "Acme Co., Ltd." --contact "Anna Lee" --title CTO --source cold',
        'leadq lead add --company "恒达制造有限公司" --source referral --referrer 12 --industry 制造业',
        'leadq lead add --company "华信科技" --credit-code 91350100M000100Y43 --json',
      ],
      load: () => import('./add.js'),
    }),
    command({
      name: 'list',
      description: 'lead.listDescription',
      args: {},
      options: listOptions,
      examples: [
        'leadq lead list',
        'leadq lead list --status precise --format csv > precise.csv',
        'leadq lead list --source referral --industry 制造业 --format json',
        'leadq lead list --format tsv --no-header | cut -f2',
        'leadq lead list --sort score --min-score 50 --search 华信',
        'leadq lead list --stale 90 --status qualifying',
      ],
      load: () => import('./list.js'),
    }),
    command({
      name: 'show',
      description: 'lead.showDescription',
      args: lead,
      options: showOptions,
      examples: ['leadq lead show 12', 'leadq lead show "华信科技"', 'leadq lead show "Acme Inc." --json | jq .qualifications[0].result'],
      load: () => import('./show.js'),
    }),
    command({
      name: 'edit',
      description: 'lead.editDescription',
      args: lead,
      options: editOptions,
      examples: ['leadq lead edit 12 --industry 制造业 --phone 13800000000', 'leadq lead edit "Acme" --company "Acme Robotics Inc."', 'leadq lead edit 12 --notes ""'],
      check: (input) => {
        const { lead: _lead, json: _json, ...fields } = input;
        if (Object.values(fields).every((v) => v === undefined)) throw new UsageError('lead.nothingToEdit', {}, 'lead.hintEdit');
      },
      load: () => import('./edit.js'),
    }),
    command({
      name: 'close',
      description: 'lead.closeDescription',
      args: lead,
      options: closeOptions,
      examples: [
        example('leadq lead close 12 --won --note "signed a 3-year contract"', 'leadq lead close 12 --won --note "签了三年合同"'),
        example('leadq lead close "华信科技" --lost --note "chose the cheaper competitor"', 'leadq lead close "华信科技" --lost --note "选了更便宜的竞品"'),
        example('leadq lead close 12 --lost --reopen --note "the contract fell through"', 'leadq lead close 12 --lost --reopen --note "合同最后没签成"'),
      ],
      check: (input) => {
        if ((input.won === true) === (input.lost === true)) throw new UsageError('lead.closeOneOf', {}, 'hint.help', { command: 'leadq lead close' });
      },
      load: () => import('./close.js'),
    }),
    command({
      name: 'reopen',
      description: 'lead.reopenDescription',
      args: lead,
      options: reopenOptions,
      examples: ['leadq lead reopen 12'],
      load: () => import('./reopen.js'),
    }),
    command({
      name: 'delete',
      description: 'lead.deleteDescription',
      args: lead,
      options: deleteOptions,
      examples: ['leadq lead delete 12', 'leadq lead delete "Acme Inc." --yes'],
      load: () => import('./delete.js'),
    }),
  ],
});
