// Company identity, PURE (no sqlite): the CSV scorer calls normaliseCompany once per row, so it stays cheap.
//
// Two spellings are one company when they differ only in case, width (full-width letters, 有限公司 in any width),
// spaces, and a legal form at the end ("Co., Ltd.", "Inc.", 有限公司). Every other character tells companies apart:
// "C&A" is not "CA, Inc.", "Co 1_20" is not "Co 12_0", "Acme-Tech" is not "AcmeTech".

// Latin legal-form words dropped from the END of a name, one whole word at a time ("Acme Co., Ltd." → "acme").
// Conservative on purpose: "holdings", "group" and 集团 name different legal entities, so they stay.
const LATIN_SUFFIXES: ReadonlySet<string> = new Set([
  'co',
  'coltd', // "Co.Ltd." once dots are gone
  'company',
  'ltd',
  'limited',
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'llc',
  'gmbh',
  'ag',
  'sa',
  'plc',
  'pte',
  'pty',
]);

// Chinese legal forms, longest first so 股份有限公司 is not left as 股份.
const CJK_SUFFIXES = ['股份有限公司', '有限责任公司', '有限公司', '公司'] as const;

// A legal form is a whole word: it follows anything but a letter, digit, mark or dot (dots belong to it: "L.L.C.").
const LAST_WORD = /[^\p{L}\p{N}\p{M}.]([\p{L}\p{N}\p{M}.]+)$/u;
// What sits between a name and its legal form ("Acme, Inc.", "华信，有限公司。"): dropped with the legal form only.
const TRAILING_MARKS = /[\s,.;:、。\-–—]+$/u;
const HAS_WORD = /[\p{L}\p{N}]/u;
const SPACES = /\s+/gu;
const ASCII_SIMPLE = /^[a-z0-9]+$/;

/**
 * The key two spellings of one company share: NFKC (full-width → half-width), lower case, no spaces, and without a
 * trailing legal form (有限公司, Co., Ltd., Inc. …); every other character is kept. Never '' for a non-blank name: a
 * name that is only a legal form keeps it, and one with no letter or digit is kept as written.
 */
export function normaliseCompany(name: string): string {
  const folded = name.normalize('NFKC').toLowerCase();
  if (ASCII_SIMPLE.test(folded)) return folded;
  // No letter or digit: keep it as written rather than collapse every such name to one key.
  if (!HAS_WORD.test(folded)) return folded.trim();
  let rest = folded.trim();
  for (;;) {
    const bare = rest.replace(TRAILING_MARKS, '');
    const last = LAST_WORD.exec(bare);
    if (last === null || !LATIN_SUFFIXES.has(last[1]!.replace(/\./g, ''))) break;
    const before = bare.slice(0, last.index).replace(TRAILING_MARKS, '');
    if (!HAS_WORD.test(before)) break;
    rest = before;
  }
  const key = rest.replace(SPACES, '');
  const bareKey = key.replace(TRAILING_MARKS, '');
  for (const suffix of CJK_SUFFIXES) {
    if (!bareKey.endsWith(suffix)) continue;
    const before = bareKey.slice(0, -suffix.length).replace(TRAILING_MARKS, '');
    return HAS_WORD.test(before) ? before : key;
  }
  return key;
}

// GB 32100-2015: 31 characters (digits and capitals without I O Z S V); weights 3^i mod 31.
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const CREDIT_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** Whether s is a valid unified social credit code (统一社会信用代码): 18 characters and the GB 32100-2015 check character. */
export function isCreditCode(s: string): boolean {
  if (!CREDIT_SHAPE.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_ALPHABET.indexOf(s.charAt(i)) * (CREDIT_WEIGHTS[i] ?? 0);
  const check = (31 - (sum % 31)) % 31;
  return s.charAt(17) === CREDIT_ALPHABET.charAt(check);
}

/** A credit code as typed (full-width, lower case, spaces) folded to its canonical 18-character form; not validated. */
export function normaliseCreditCode(s: string): string {
  return s.normalize('NFKC').replace(/[\s-]+/g, '').toUpperCase();
}
