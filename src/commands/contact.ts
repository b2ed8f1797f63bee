import { Option, type Command } from 'commander';
import { examples } from '../cli.js';
import { contextOf } from '../context.js';
import { t } from '../i18n/index.js';
import { CONTACT_KINDS } from '../domain/lead.js';

export interface ContactOptions {
  kind: string;
  at?: string;
  note?: string;
  json?: boolean;
}

/** Registers `leadq contact <lead> --kind visit|call|email|meeting [--at] [--note]`. */
export function register(program: Command): void {
  const contact = program
    .command('contact')
    .description(t('lead.contactDescription'))
    .argument('<lead>', t('lead.argLead'))
    .addOption(new Option('--kind <kind>', t('lead.optKind', { choices: CONTACT_KINDS.join('|') })).choices(CONTACT_KINDS).makeOptionMandatory())
    .option('--at <date>', t('lead.optAt'))
    .option('--note <text>', t('lead.optContactNote'))
    .option('--json', t('help.json'))
    .action(async (lead: string, options: ContactOptions, cmd: Command) => {
      const { runContact } = await import('./contact.run.js');
      await runContact(contextOf(cmd), lead, options);
    });
  examples(contact, [
    'leadq contact 12 --kind visit --note "met the GM and his wife"',
    'leadq contact "华信科技" --kind call --at 2026-05-01T14:30',
    'leadq contact "Acme Inc." --kind email --at 2026-04-28',
  ]);
}
