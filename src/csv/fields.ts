import { CSV_LEAD_FIELDS } from '../domain/lead-fields.js';

// The fields a CSV column can be mapped to: the answers' fields (SPEC "Answers"), plus the credit code and
// first/last name halves that CRMs split. `--map` accepts the short name or the dotted answers path.

/** How a column's text becomes an answer. */
export type FieldKind =
  | 'text'
  | 'money'
  | 'source'
  | 'needKind'
  | 'role'
  | 'yesNoUnknown'
  | 'otherDecider'
  | 'funds'
  | 'recognizesValue'
  | 'boolean'
  | 'confirmed'
  | 'date'
  | 'creditCode'
  | 'namePart';

export interface FieldDef {
  /** Short name, as --map and the presets spell it. */
  readonly name: string;
  /** Where it goes in the answers (section.key); undefined for fields outside the answers. */
  readonly path: string | undefined;
  readonly kind: FieldKind;
}

const def = (name: string, path: string | undefined, kind: FieldKind): FieldDef => ({ name, path, kind });

/** Every mappable field, in the order --show-mapping lists them. */
export const FIELDS: readonly FieldDef[] = withLeadFields([
  def('company', 'lead.company', 'text'),
  def('creditCode', undefined, 'creditCode'),
  def('contact', 'lead.contact', 'text'),
  def('firstName', undefined, 'namePart'),
  def('lastName', undefined, 'namePart'),
  def('title', 'lead.title', 'text'),
  def('phone', 'lead.phone', 'text'),
  def('email', 'lead.email', 'text'),
  def('industry', 'lead.industry', 'text'),
  def('source', 'lead.source', 'source'),
  def('competitor', 'lead.competitor', 'text'),
  def('partner', 'lead.partner', 'text'),
  def('need', 'need.kind', 'needKind'),
  def('pain', 'need.pain', 'text'),
  def('currentSpend', 'need.currentSpend', 'money'),
  def('annualValue', 'need.annualValue', 'money'),
  def('askedOthers', 'need.askedOthers', 'boolean'),
  def('kpName', 'kp.name', 'text'),
  def('role', 'kp.role', 'role'),
  def('signsFinal', 'kp.signsFinal', 'yesNoUnknown'),
  def('otherDecider', 'kp.otherDecider', 'otherDecider'),
  def('confirmed', 'kp.confirmed', 'confirmed'),
  def('price', 'payment.price', 'money'),
  def('budget', 'payment.budget', 'money'),
  def('acceptsOverBudget', 'payment.acceptsOverBudget', 'boolean'),
  def('funds', 'payment.funds', 'funds'),
  def('fundsDate', 'payment.fundsDate', 'date'),
  def('recognizesValue', 'payment.recognizesValue', 'recognizesValue'),
  def('prefersCheaperCompetitor', 'payment.prefersCheaperCompetitor', 'boolean'),
]);

/**
 * The fields above, with a CSV field for every lead field of the table (domain/lead-fields.ts) they lack: a lead field
 * outside the answers (say, a website) is read as text and stored on `score --import`.
 */
function withLeadFields(fields: FieldDef[]): FieldDef[] {
  const missing = CSV_LEAD_FIELDS.filter((f) => !fields.some((d) => d.name === f.csv.field));
  const at = fields.findIndex((d) => d.path?.startsWith('lead.') !== true && d.kind !== 'creditCode' && d.kind !== 'namePart');
  return [...fields.slice(0, at), ...missing.map((f) => def(f.csv.field, undefined, 'text')), ...fields.slice(at)];
}

const BY_NAME = new Map<string, FieldDef>();
for (const f of FIELDS) {
  BY_NAME.set(f.name.toLowerCase(), f);
  if (f.path !== undefined) BY_NAME.set(f.path.toLowerCase(), f);
}
// Friendly spellings people type: --map decider=决策人, --map kp.role=Title, --map credit_code=...
const ALIASES: Readonly<Record<string, string>> = {
  decider: 'signsFinal',
  'kp.decider': 'signsFinal',
  kind: 'need',
  'need.need': 'need',
  credit_code: 'creditCode',
  'lead.creditcode': 'creditCode',
  first_name: 'firstName',
  last_name: 'lastName',
  quote: 'price',
};
for (const [alias, name] of Object.entries(ALIASES)) {
  const f = BY_NAME.get(name.toLowerCase());
  if (f !== undefined) BY_NAME.set(alias, f);
}

/** The field a --map name or a preset key names (short or dotted, any case); undefined when unknown. */
export function fieldNamed(name: string): FieldDef | undefined {
  return BY_NAME.get(name.trim().toLowerCase());
}
