import { CONTACT_KINDS } from '../../domain/lead.js';
import { dateOption, happenedDate, json, listOutputs, trimmedText } from '../options.js';
import { argument, choice, command, example, group, mandatory, parsed, type InputOf } from '../spec.js';

const args = { lead: argument('<lead>', 'lead.argLead') };
const options = {
  kind: mandatory(choice('--kind <kind>', 'contact.optKind', CONTACT_KINDS, { choices: CONTACT_KINDS.join('|') })),
  at: happenedDate('--at <date>', 'contact.optAt'),
  note: trimmedText('--note <text>', 'contact.optNote'),
  // A follow-up day: today … five years ahead (SPEC v2); `leadq today` lists the lead on that day.
  next: parsed('--next <YYYY-MM-DD>', 'contact.optNext', (value, { now }) => dateOption('--next', value, 'followUp', now).date),
  json: json(),
};
export type ContactInput = InputOf<typeof args, typeof options>;

const listOptions = listOutputs();
export type ContactListInput = InputOf<typeof args, typeof listOptions>;

const deleteArgs = { contact: argument('<contact-id>', 'contact.argContactId') };
const deleteOptions = { json: json() };
export type ContactDeleteInput = InputOf<typeof deleteArgs, typeof deleteOptions>;

/** `leadq contact <lead> --kind …` (log, the default), `contact list <lead>`, `contact delete <contact-id>`. */
export const contact = group({
  name: 'contact',
  description: 'contact.description',
  examples: [
    example('leadq contact 12 --kind visit --note "met the GM and his wife" --next 2029-06-01', 'leadq contact 12 --kind visit --note "见了总经理和他太太" --next 2029-06-01'),
    'leadq contact "华信科技" --kind call --at 2026-05-01T14:30',
    'leadq contact list 12',
    'leadq contact delete 57',
  ],
  commands: [
    command({
      name: 'log',
      description: 'contact.logDescription',
      isDefault: true,
      args,
      options,
      examples: [
        example('leadq contact 12 --kind visit --note "met the GM and his wife"', 'leadq contact 12 --kind visit --note "见了总经理和他太太"'),
        'leadq contact "华信科技" --kind call --at 2026-05-01T14:30 --next 2029-05-08',
        'leadq contact "Acme Inc." --kind email --at 2026-04-28',
      ],
      load: () => import('./handler.js'),
    }),
    command({
      name: 'list',
      description: 'contact.listDescription',
      args,
      options: listOptions,
      examples: ['leadq contact list 12', 'leadq contact list "华信科技" --format json'],
      load: () => import('./list.js'),
    }),
    command({
      name: 'delete',
      description: 'contact.deleteDescription',
      args: deleteArgs,
      options: deleteOptions,
      examples: ['leadq contact delete 57'],
      load: () => import('./delete.js'),
    }),
  ],
});
