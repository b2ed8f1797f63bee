// Cell values → answer enums (线索来源 转介绍 → referral, 职位 副总 → vp, 决策人 是 → yes …), from
// data/presets/values.json plus a preset's own "values". Lookups are memoised per distinct cell text:
// a million-row export has a few hundred distinct sources and titles, so the regexes run a few hundred times.

/** The vocabularies a cell can be read through. */
export const VOCAB_KINDS = ['source', 'needKind', 'yesNoUnknown', 'otherDecider', 'funds', 'recognizesValue', 'role'] as const;
export type VocabKind = (typeof VOCAB_KINDS)[number];

/** values.json: per kind, ordered [answer value, words] entries. */
export type VocabData = Readonly<Record<VocabKind, ReadonlyArray<readonly [string, readonly string[]]>>>;
/** A preset's overrides: per kind, exact cell text → answer value. */
export type VocabOverrides = Readonly<Partial<Record<VocabKind, Readonly<Record<string, string>>>>>;

/** Folds case, width (NFKC) and runs of spaces, for comparing headers and values as people write them. */
export function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One vocabulary: exact words first, then containment in entry order (English as whole words, Chinese as substrings). */
export class Vocabulary {
  private readonly exact = new Map<string, string>();
  private readonly contains: ReadonlyArray<readonly [RegExp, string]>;
  private readonly memo = new Map<string, string | undefined>();

  constructor(entries: ReadonlyArray<readonly [string, readonly string[]]>, overrides: Readonly<Record<string, string>> = {}) {
    for (const [text, value] of Object.entries(overrides)) this.exact.set(fold(text), value);
    const contains: Array<readonly [RegExp, string]> = [];
    for (const [value, words] of entries) {
      if (!this.exact.has(value)) this.exact.set(value, value);
      const parts: string[] = [];
      for (const word of words) {
        const w = fold(word);
        if (!this.exact.has(w)) this.exact.set(w, value);
        // One-character words ("是", "无", "y") would match inside unrelated text: exact only.
        if ([...w].length < 2) continue;
        parts.push(/^[\x20-\x7e]+$/.test(w) ? `(?<![a-z0-9])${escapeRegExp(w)}(?![a-z0-9])` : escapeRegExp(w));
      }
      if (parts.length > 0) contains.push([new RegExp(parts.join('|'), 'u'), value]);
    }
    this.contains = contains;
  }

  /** The answer value a cell's text stands for, or undefined when it matches nothing. */
  lookup(cell: string): string | undefined {
    const hit = this.memo.get(cell);
    if (hit !== undefined || this.memo.has(cell)) return hit;
    const value = this.match(fold(cell));
    // Bounded: a file of free text in a vocabulary column must not grow memory without end.
    if (this.memo.size >= 5_000) this.memo.clear();
    this.memo.set(cell, value);
    return value;
  }

  private match(folded: string): string | undefined {
    const exact = this.exact.get(folded);
    if (exact !== undefined) return exact;
    for (const [re, value] of this.contains) if (re.test(folded)) return value;
    return undefined;
  }
}

/** Builds every vocabulary from values.json, with a preset's exact overrides on top. */
export function buildVocabularies(data: VocabData, overrides: VocabOverrides = {}): Record<VocabKind, Vocabulary> {
  const out = {} as Record<VocabKind, Vocabulary>;
  for (const kind of VOCAB_KINDS) out[kind] = new Vocabulary(data[kind], overrides[kind]);
  return out;
}
