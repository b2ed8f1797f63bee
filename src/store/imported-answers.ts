import type { Answers } from '../engine/answers.js';

// The answers `score --import` keeps with each qualification it makes. Their lead section keeps only what the rules read
// (source, competitor, partner): the lead's other fields (company, contact, phone …) are its row's, and kept a second
// time in every qualification they were a fifth of a million-lead data file. What the row gave of them is kept as a
// print (a 53-bit hash, ~11 characters), so that a row is "unchanged" exactly when its whole answers are those of the
// lead's latest qualification — as when the answers were kept whole: importing a file again changes nothing, even
// after a rep edited the lead; a row with a new phone is an update. PURE.

/** Answers as --import keeps them: the JSON (lead section cut to the rules' fields, empty sections left out) and the print of the rest of the lead section. */
export interface ImportedAnswers {
  readonly answers: string;
  readonly leadPrint: string;
}

/** The answers of a row as --import keeps them. */
export function importedAnswers(answers: Answers): ImportedAnswers {
  // Section by section (JSON leaves out keys whose value is undefined, so "{}" is a section with nothing in it): a
  // million rows are stringified once each, without building another object first.
  let json = '';
  let print = '';
  for (const section in answers) {
    const values = answers[section as keyof Answers];
    if (values === undefined) continue;
    let text: string;
    if (section === 'lead') {
      const lead = values as Readonly<Record<string, unknown>>;
      const rules: Record<string, unknown> = {};
      for (const field of RULE_FIELDS) rules[field] = lead[field];
      text = JSON.stringify(rules);
      print = printOf(lead);
    } else text = JSON.stringify(values);
    if (text !== '{}') json += `${json === '' ? '{' : ','}${JSON.stringify(section)}:${text}`;
  }
  return { answers: json === '' ? '{}' : `${json}}`, leadPrint: print === '' ? printOf({}) : print };
}

/**
 * Whether a row's answers (as importedAnswers made them) are those a lead's latest qualification keeps: its answers
 * and print as an import kept them, or answers kept whole (by an older leadq, `qualify`, the interview), cut the same
 * way first.
 */
export function sameImportedAnswers(stored: { readonly answers: string; readonly leadPrint: string | null }, row: ImportedAnswers): boolean {
  if (stored.leadPrint !== null) return stored.answers === row.answers && stored.leadPrint === row.leadPrint;
  let whole: unknown;
  try {
    whole = JSON.parse(stored.answers);
  } catch {
    return false;
  }
  if (typeof whole !== 'object' || whole === null || Array.isArray(whole)) return false;
  const cut = importedAnswers(whole as Answers);
  return cut.answers === row.answers && cut.leadPrint === row.leadPrint;
}

/**
 * The print of a lead section's other fields: cyrb53 (public domain, bryc), a fast 53-bit hash, in base 36, of each
 * field in a fixed order (so the order a JSON kept them in does not matter), a separator after each.
 */
function printOf(lead: Readonly<Record<string, unknown>>): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const field of PRINTED_FIELDS) {
    const value = lead[field];
    // An absent field is a 0xfffe, so it is not an empty one; a number (a referrer's id) is 0xfffd and its digits, so
    // it is not the same digits as text; 0xffff (no character either) ends each field.
    const text = value === undefined || value === null ? '\ufffe' : typeof value === 'string' ? value : `\ufffd${JSON.stringify(value)}`;
    for (let i = 0; i <= text.length; i++) {
      const ch = i < text.length ? text.charCodeAt(i) : 0xffff;
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

// The lead section's fields beside the rules' (answers.ts leadAnswersSchema), in a fixed order: what the print covers.
export const PRINTED_FIELDS = ['company', 'contact', 'title', 'phone', 'email', 'industry', 'referrer'] as const;

/** The lead section's fields the rules read: kept in the stored answers. */
export const RULE_FIELDS = ['source', 'competitor', 'partner'] as const;
