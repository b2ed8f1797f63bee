import { CONTACT_KINDS } from '../../domain/lead.js';
import { happenedDate, json, trimmedText } from '../options.js';
import { argument, choice, command, mandatory, type InputOf } from '../spec.js';

const args = { lead: argument('<lead>', 'lead.argLead') };
const options = {
  kind: mandatory(choice('--kind <kind>', 'contact.optKind', CONTACT_KINDS, { choices: CONTACT_KINDS.join('|') })),
  at: happenedDate('--at <date>', 'contact.optAt'),
  note: trimmedText('--note <text>', 'contact.optNote'),
  json: json(),
};
export type ContactInput = InputOf<typeof args, typeof options>;

/** `leadq contact <lead> --kind visit|call|email|meeting [--at] [--note]`. */
export const contact = command({
  name: 'contact',
  description: 'contact.description',
  args,
  options,
  examples: [
    'leadq contact 12 --kind visit --note "met the GM and his wife"',
    'leadq contact "华信科技" --kind call --at 2026-05-01T14:30',
    'leadq contact "Acme Inc." --kind email --at 2026-04-28',
  ],
  load: () => import('./handler.js'),
});
