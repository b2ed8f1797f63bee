import type { Context } from '../../context.js';
import { t, type MessageKey } from '../../i18n/index.js';
import type { Row } from '../../output/format.js';
import { printStoredList, type ColumnSpec } from '../../output/stored-list.js';
import { localTime } from '../../output/time.js';
import { resolveLead } from '../../store/leads.js';
import type { ReadTx } from '../../store/store.js';
import { contactJson } from './json.js';
import type { ContactListInput } from './spec.js';

type ContactRow = ReturnType<typeof contactJson> & Row;

const CONTACT_COLUMNS: ColumnSpec<ContactRow> = [
  ['id', 'col.contactId', 'right'],
  ['kind', 'col.kind', 'left'],
  ['at', 'col.at', 'left'],
  ['note', 'col.note', 'left'],
];

/** `leadq contact list <lead>`: the lead's contacts, latest first, with the ids `contact delete` takes. */
export async function handler(ctx: Context, input: ContactListInput): Promise<void> {
  await printStoredList(ctx, {
    format: input.format,
    header: input.header,
    spec: CONTACT_COLUMNS,
    read: (tx) => contactsOfLead(tx, input.lead),
    // The table speaks the reader's language and clock; the data formats keep the ids and ISO UTC.
    forTable: (row) => ({ ...row, at: localTime(String(row.at)), kind: t(`lead.kind.${String(row.kind)}` as MessageKey) }),
  });
}

/** The contacts of the lead a `<lead>` names (66 when none), in one batch: a lead's contacts are few. */
async function* contactsOfLead(tx: ReadTx, ref: string): AsyncIterable<readonly ContactRow[]> {
  const lead = await resolveLead(tx, ref, { partial: 'take' });
  yield (await tx.contactsOf(lead.id)).map((c) => contactJson(c) as ContactRow);
}
