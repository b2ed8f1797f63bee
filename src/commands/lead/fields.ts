import { LEAD_FIELDS, ME } from '../../domain/lead-fields.js';
import { resolveLead } from '../../store/leads.js';
import type { LeadFields, ReadTx } from '../../store/store.js';
import type { InputOf, NoArguments } from '../spec.js';
import type { LeadFieldOptions } from './field-options.js';

/** The lead field values of a command's input (lead add, lead edit, referral add; some may be left out). */
export type LeadFieldInput = Partial<InputOf<NoArguments, LeadFieldOptions>>;

/**
 * The fields a rep's options set, but the company and source (the command decides those); call it inside the write
 * transaction: a referrer is resolved to its id. blank is what an empty value means: undefined on a new lead (unset),
 * null on edit (clear the field). actor: who runs leadq (`me` names them).
 */
export async function fieldsOf(tx: ReadTx, values: LeadFieldInput, blank: undefined | null, actor: string): Promise<LeadFields> {
  const fields: Record<string, string | number | null | undefined> = {};
  for (const field of LEAD_FIELDS) {
    if (field.kind === 'company' || field.kind === 'source') continue;
    const value = values[field.option];
    const given = value === undefined ? undefined : value === '' ? blank : value;
    if (field.kind === 'lead' && typeof given === 'string') fields[field.name] = (await resolveLead(tx, given)).id;
    else fields[field.name] = field.kind === 'rep' && given === ME ? actor : given;
  }
  return fields as LeadFields;
}
