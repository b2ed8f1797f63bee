import { isCreditCode, normaliseCreditCode } from '../../domain/company.js';
import { LEAD_FIELDS, type LeadFieldDef } from '../../domain/lead-fields.js';
import { SOURCES, type Source } from '../../engine/enums.js';
import { msg } from '../../i18n/index.js';
import { badOption, MAX_TEXT } from '../options.js';
import { choice, parsed, type OptionSpec } from '../spec.js';

// The options of a lead's fields (lead add, lead edit, referral add), made from the one table of lead fields
// (domain/lead-fields.ts): each value trimmed and checked at parse time; '' is kept (edit clears a field with it).

type Row = (typeof LEAD_FIELDS)[number];
type ValueOf<R extends Row> = R['kind'] extends 'source' ? Source | undefined : string | undefined;

/** One option per lead field, by option name. */
export type LeadFieldOptions = { readonly [R in Row as R['option']]: OptionSpec<ValueOf<R>> };

/** The options of every lead field, in the table's order. */
export function leadFieldOptions(): LeadFieldOptions {
  return Object.fromEntries(LEAD_FIELDS.map((field) => [field.option, optionOf(field)])) as unknown as LeadFieldOptions;
}

function optionOf(field: LeadFieldDef): OptionSpec<string | undefined> {
  const name = field.flags.split(' ')[0]!;
  switch (field.kind) {
    case 'source':
      return choice(field.flags, field.description, SOURCES, { choices: SOURCES.join('|') });
    case 'company':
      return parsed(field.flags, field.description, (value) => {
        const text = textValue(name, value);
        if (text === '') throw badOption(name, value, msg('option.empty'));
        return text;
      });
    case 'creditCode':
      return parsed(field.flags, field.description, (value) => {
        const code = normaliseCreditCode(value);
        if (code !== '' && !isCreditCode(code)) throw badOption(name, value, msg('option.creditCode'));
        return code;
      });
    case 'text':
    case 'lead':
    case 'rep':
      return parsed(field.flags, field.description, (value) => textValue(name, value));
  }
}

/** Text as a field takes it: trimmed, at most MAX_TEXT characters. */
function textValue(option: string, value: string): string {
  const text = value.trim();
  if (text.length > MAX_TEXT) throw badOption(option, value, msg('option.tooLong'));
  return text;
}
