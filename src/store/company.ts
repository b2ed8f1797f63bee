// Company identity, PURE (no sqlite): the CSV scorer calls normaliseCompany once per row, so it stays cheap.

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

// Dots vanish (so "L.L.C." → "llc", "S.A." → "sa"); every other punctuation mark, symbol or space splits words.
const DOTS = /[.·・]/g;
const SEPARATORS = /[^\p{L}\p{N}\p{M}]+/u;
const ASCII_SIMPLE = /^[a-z0-9]+$/;

/**
 * The key two spellings of one company share: NFKC (full-width → half-width), lower case, no spaces or punctuation
 * (Chinese too, brackets such as （）), and without a trailing legal form (有限公司, Co., Ltd., Inc. …).
 * Never '' for a non-blank name: a name that is only a legal form (or only punctuation) keeps it.
 */
export function normaliseCompany(name: string): string {
  const folded = name.normalize('NFKC').toLowerCase();
  if (ASCII_SIMPLE.test(folded)) return folded;
  const words = folded.replace(DOTS, '').split(SEPARATORS).filter((w) => w !== '');
  // Only punctuation: keep it as written rather than collapse every such name to one key.
  if (words.length === 0) return folded.trim();
  let end = words.length;
  while (end > 1 && LATIN_SUFFIXES.has(words[end - 1] ?? '')) end--;
  const key = (end === words.length ? words : words.slice(0, end)).join('');
  for (const suffix of CJK_SUFFIXES) {
    if (key.endsWith(suffix)) return key.length > suffix.length ? key.slice(0, -suffix.length) : key;
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
