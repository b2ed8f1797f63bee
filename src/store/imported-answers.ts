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
  // One JSON.stringify of an object that holds the sections as they are (the lead section cut to the rules' fields),
  // without the empty ones: a fifth of the time of one call per section (0.2 against 1 µs a row, print aside). A plain
  // object: one without a prototype is a dictionary to V8, 0.3 µs a row more to fill and to write.
  const kept: Record<string, unknown> = {};
  let print: string | undefined;
  for (const section in answers) {
    const values = answers[section as keyof Answers] as Readonly<Record<string, unknown>> | undefined;
    if (values === undefined) continue;
    // Answers read back from an older file that are not sections of fields (null, a list, a number), or a section a
    // plain object cannot hold as its own key ("__proto__"): the JSON is made a section at a time, as it always was.
    if (typeof values !== 'object' || values === null || Array.isArray(values) || section === '__proto__') return sectionBySection(answers);
    let fields = values;
    if (section === 'lead') {
      print = printOf(values);
      fields = rulesOf(values);
    }
    if (hasValue(fields)) kept[section] = fields;
  }
  return { answers: JSON.stringify(kept), leadPrint: print ?? printOf({}) };
}

/** importedAnswers one section at a time: each section's JSON, "{}" ones left out. */
function sectionBySection(answers: Answers): ImportedAnswers {
  let json = '';
  let print = '';
  for (const section in answers) {
    const values = answers[section as keyof Answers];
    if (values === undefined) continue;
    let text: string;
    // A lead section that is not a section of fields (null, a list: a damaged or hand-edited store) is kept as it is.
    if (section === 'lead' && typeof values === 'object' && values !== null && !Array.isArray(values)) {
      const lead = values as Readonly<Record<string, unknown>>;
      text = JSON.stringify(rulesOf(lead));
      print = printOf(lead);
    } else text = JSON.stringify(values);
    if (text !== '{}') json += `${json === '' ? '{' : ','}${JSON.stringify(section)}:${text}`;
  }
  return { answers: json === '' ? '{}' : `${json}}`, leadPrint: print === '' ? printOf({}) : print };
}

/** The lead section cut to the fields the rules read, in RULE_FIELDS' order. */
function rulesOf(lead: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const rules: Record<string, unknown> = {};
  for (const field of RULE_FIELDS) rules[field] = lead[field];
  return rules;
}

/** Whether a section holds a value (JSON leaves out keys whose value is undefined: a section of none is "{}"). */
function hasValue(values: Readonly<Record<string, unknown>>): boolean {
  for (const key in values) if (values[key] !== undefined) return true;
  return false;
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
  return base36(4294967296 * (2097151 & h2) + (h1 >>> 0));
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * n.toString(36) of a whole number 0 ≤ n < 2^53, the same digits at a fifth of the time (V8 converts any number to
 * radix 36 as a double: ~0.9 µs, most of a print's time). n % 36 is exact in doubles, and so is (n - r) / 36.
 */
export function base36(n: number): string {
  let text = '';
  do {
    const r = n % 36;
    text = DIGITS[r]! + text;
    n = (n - r) / 36;
  } while (n > 0);
  return text;
}

// The lead section's fields beside the rules' (answers.ts leadAnswersSchema), in a fixed order: what the print covers.
export const PRINTED_FIELDS = ['company', 'contact', 'title', 'phone', 'email', 'industry', 'referrer'] as const;

/** The lead section's fields the rules read: kept in the stored answers. */
export const RULE_FIELDS = ['source', 'competitor', 'partner'] as const;
