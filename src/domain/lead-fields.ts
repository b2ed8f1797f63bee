import type { MessageKey } from '../i18n/index.js';
import type { Source } from '../engine/enums.js';

// THE table of a lead's fields: one row per field a rep sets on a lead. It drives the leads table's columns
// (store/sqlite/leads.ts, the JSON of a lead), the options of `lead add`, `lead edit` and `referral add`
// (commands/lead/field-options.ts), the label of each field in `lead show`, the lead fields of the answers that
// `qualify` saves, and the CSV columns `score --import` stores (with header aliases beyond the presets). Adding a
// field is a row here, a migration that adds its column (store/sqlite/migrations.ts), and its two messages (the
// option's description and its label, in en and zh); test/domain/lead-fields.test.ts checks that all of them exist.
//
// What a lead has besides these (its id, company key, status, score, close note, last contact, times) the store
// keeps itself.

/** `--owner me`: whoever runs leadq (--as, $LEADQ_USER, the login name). */
export const ME = 'me';

/** How a field's value is read from a rep (an option, an answers file, a CSV cell) and stored. */
export type LeadFieldKind =
  /** The company name: trimmed, never empty. */
  | 'company'
  /** Free text: trimmed, at most 10,000 characters; '' clears it. */
  | 'text'
  /** One of the lead sources (engine/enums.ts SOURCES). */
  | 'source'
  /** A unified social credit code (统一社会信用代码): folded and checked (domain/company.ts). */
  | 'creditCode'
  /** Another lead (a `<lead>` reference), stored as its id. */
  | 'lead'
  /** A rep's name (who owns the lead): text, and `me` means whoever runs leadq (--as, $LEADQ_USER, the login name). */
  | 'rep';

/** One field of a lead. */
export interface LeadFieldDef {
  /** Its name in a Lead. */
  readonly name: string;
  /** Its option's name in the input of `lead add|edit` (commander's attribute name of flags). */
  readonly option: string;
  /** Its column in the leads table (and its key in a lead's JSON). */
  readonly column: string;
  readonly kind: LeadFieldKind;
  /** The option's flags in `lead add|edit` and `referral add`. */
  readonly flags: string;
  /** The option's description (help). */
  readonly description: MessageKey;
  /** Its label in `lead show`; none: shown with another field (title beside contact) or not at all. */
  readonly label?: MessageKey;
  /** The key of answers.lead that sets it when a qualification is saved, when the answers carry it. */
  readonly answer?: string;
  /** The CSV field that fills it on `score --import` (csv/fields.ts), and header aliases beyond the presets. */
  readonly csv?: { readonly field: string; readonly headers?: readonly string[] };
}

/** The fields, in the order their options are listed in `--help`. */
export const LEAD_FIELDS = [
  { name: 'company', option: 'company', column: 'company', kind: 'company', flags: '--company <name>', description: 'lead.optCompany', answer: 'company', csv: { field: 'company' } },
  { name: 'contact', option: 'contact', column: 'contact', kind: 'text', flags: '--contact <name>', description: 'lead.optContact', label: 'lead.fieldContact', answer: 'contact', csv: { field: 'contact' } },
  { name: 'title', option: 'title', column: 'title', kind: 'text', flags: '--title <title>', description: 'lead.optTitle', answer: 'title', csv: { field: 'title' } },
  { name: 'phone', option: 'phone', column: 'phone', kind: 'text', flags: '--phone <phone>', description: 'lead.optPhone', label: 'lead.fieldPhone', answer: 'phone', csv: { field: 'phone' } },
  { name: 'email', option: 'email', column: 'email', kind: 'text', flags: '--email <email>', description: 'lead.optEmail', label: 'lead.fieldEmail', answer: 'email', csv: { field: 'email' } },
  { name: 'industry', option: 'industry', column: 'industry', kind: 'text', flags: '--industry <industry>', description: 'lead.optIndustry', label: 'lead.fieldIndustry', answer: 'industry', csv: { field: 'industry' } },
  { name: 'source', option: 'source', column: 'source', kind: 'source', flags: '--source <source>', description: 'lead.optSource', label: 'lead.fieldSource', answer: 'source', csv: { field: 'source' } },
  { name: 'competitor', option: 'competitor', column: 'competitor', kind: 'text', flags: '--competitor <name>', description: 'lead.optCompetitor', label: 'lead.fieldCompetitor', answer: 'competitor', csv: { field: 'competitor' } },
  { name: 'partner', option: 'partner', column: 'partner', kind: 'text', flags: '--partner <name>', description: 'lead.optPartner', label: 'lead.fieldPartner', answer: 'partner', csv: { field: 'partner' } },
  { name: 'referrerId', option: 'referrer', column: 'referrer_id', kind: 'lead', flags: '--referrer <lead>', description: 'lead.optReferrer', label: 'lead.fieldReferredBy', answer: 'referrer' },
  { name: 'notes', option: 'notes', column: 'notes', kind: 'text', flags: '--notes <text>', description: 'lead.optNotes', label: 'lead.fieldNotes' },
  { name: 'creditCode', option: 'creditCode', column: 'credit_code', kind: 'creditCode', flags: '--credit-code <code>', description: 'lead.optCreditCode', label: 'lead.fieldCreditCode', csv: { field: 'creditCode' } },
  { name: 'owner', option: 'owner', column: 'owner', kind: 'rep', flags: '--owner <name>', description: 'lead.optOwner', label: 'lead.fieldOwner' },
] as const satisfies readonly LeadFieldDef[];

/** The name of a lead field. */
export type LeadFieldName = (typeof LEAD_FIELDS)[number]['name'];

type Field<N extends LeadFieldName> = Extract<(typeof LEAD_FIELDS)[number], { name: N }>;
type StoredValue<K extends LeadFieldKind> = K extends 'company' ? string : K extends 'source' ? Source : K extends 'lead' ? number | null : string | null;

/** A stored lead's field values, typed from the table (the company is never null; a missing text is null). */
export type LeadFieldValues = { readonly [N in LeadFieldName]: StoredValue<Field<N>['kind']> };

/** The name of a field a CSV column can fill on `score --import`. */
export type CsvLeadFieldName = Extract<(typeof LEAD_FIELDS)[number], { csv: object }>['name'];

/** The fields a CSV column can fill on `score --import`, in the table's order. */
export const CSV_LEAD_FIELDS = LEAD_FIELDS.filter((f): f is Extract<(typeof LEAD_FIELDS)[number], { csv: object }> => 'csv' in f);

/** The field named so. */
export function leadField(name: LeadFieldName): LeadFieldDef {
  return LEAD_FIELDS.find((f) => f.name === name)!;
}
