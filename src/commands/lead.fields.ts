import { givenText } from '../engine/text.js';
import { resolveLead } from '../store/leads.js';
import type { LeadFields, ReadTx } from '../store/store.js';
import type { LeadFieldValues } from './lead.options.js';

// Lead fields as the writing commands (lead add/edit, referral add, qualify) take them from a rep.

// One definition of "given text" for the engine's names and the lead fields alike.
export { givenText };

/**
 * The optional text fields and the referrer of parsed lead options (call it inside the write transaction: the referrer
 * is resolved). blank is what an empty value means: undefined on a new lead (unset), null on edit (clear the field).
 */
export async function fieldsOf(tx: ReadTx, values: LeadFieldValues, blank: undefined | null): Promise<LeadFields> {
  const text = (value: string | undefined) => (value === undefined ? undefined : (givenText(value) ?? blank));
  const referrer = text(values.referrer);
  return {
    contact: text(values.contact),
    title: text(values.title),
    phone: text(values.phone),
    email: text(values.email),
    industry: text(values.industry),
    competitor: text(values.competitor),
    partner: text(values.partner),
    notes: text(values.notes),
    creditCode: text(values.creditCode),
    referrerId: typeof referrer === 'string' ? (await resolveLead(tx, referrer)).id : referrer,
  };
}
