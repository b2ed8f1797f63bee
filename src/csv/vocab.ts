// Cell values → answer values, read rather than substring-matched. The words are data (data/vocabulary: values.json
// per field kind, grammar.json per language); this module reads a cell with them:
//  1. a whole cell that is a word of the vocabulary is that word's value (是 → yes, 无 as another decider → none);
//  2. a whole cell that is a placeholder (待定, TBD, -, N/A) says nothing: unknown, and not counted as not understood;
//  3. else the cell is read word by word, clause by clause: a negator before a word negates it (不想换 → none,
//     not interested in switching → none), a softener right after the negator softens it (不太认可 → partly), a
//     temporal word turns a 'no' into 'not now' (暂时没钱), an absolute one keeps it (完全没钱), a question asks
//     (是否想换 → unknown); after a 'but' the later part wins; among what is left the earliest entry wins;
//  4. a cell with no known word is not understood (counted in the summary).
// Readings are remembered per distinct cell text: a million-row export has a few hundred distinct values per column.
import { readFileSync } from 'node:fs';

/** The vocabularies a cell can be read through. */
export const VOCAB_KINDS = ['source', 'needKind', 'yesNoUnknown', 'confirmed', 'otherDecider', 'funds', 'recognizesValue', 'role'] as const;
export type VocabKind = (typeof VOCAB_KINDS)[number];

/** One kind in values.json: its entries (value, words) in order of precedence, and how negation and time change a value. */
export interface KindData {
  readonly entries: ReadonlyArray<readonly [string, readonly string[]]>;
  readonly negated?: Readonly<Record<string, string>>;
  readonly softened?: Readonly<Record<string, string>>;
  readonly temporal?: Readonly<Record<string, string>>;
  /** [a, b, c]: a cell that says both a and b says c (认可价值，不认可价格 → partly). */
  readonly conflicts?: ReadonlyArray<readonly [string, string, string]>;
  /** false: a 'but' does not make the later part win (titles, sources). */
  readonly parts?: boolean;
  /** true: a first clause that is a whole word answers for the cell (是，已书面确认 → yes; No, the CFO signs → no). */
  readonly leading?: boolean;
}

/** One language in grammar.json. */
export interface LanguageGrammar {
  readonly negators: readonly string[];
  readonly notNegators: readonly string[];
  readonly conjunctions: readonly string[];
  readonly softeners: readonly string[];
  readonly temporal: readonly string[];
  readonly absolute: readonly string[];
  readonly contrast: readonly string[];
  readonly question: readonly string[];
  readonly placeholders: readonly string[];
  readonly answerYes: readonly string[];
  readonly answerNo: readonly string[];
  readonly footers: readonly string[];
}

/** The vocabulary files, as plain data (they cross to the worker threads). */
export interface VocabData {
  readonly kinds: Readonly<Record<VocabKind, KindData>>;
  readonly grammar: Readonly<Record<string, LanguageGrammar>>;
}

/** A preset's overrides: per kind, exact cell text → answer value. */
export type VocabOverrides = Readonly<Partial<Record<VocabKind, Readonly<Record<string, string>>>>>;

const VOCAB_DIR = new URL('../../data/vocabulary/', import.meta.url);

let loaded: VocabData | undefined;

/** The shipped vocabulary (data/vocabulary), read once. */
export function loadVocabulary(): VocabData {
  if (loaded !== undefined) return loaded;
  const read = (name: string) => JSON.parse(readFileSync(new URL(name, VOCAB_DIR), 'utf8')) as Record<string, unknown>;
  const values = read('values.json');
  const grammar = read('grammar.json');
  delete values.$comment;
  delete grammar.$comment;
  for (const kind of VOCAB_KINDS) if (!Array.isArray((values[kind] as KindData | undefined)?.entries)) throw new Error(`data/vocabulary/values.json: no entries for ${kind}`);
  loaded = { kinds: values as unknown as VocabData['kinds'], grammar: grammar as unknown as VocabData['grammar'] };
  return loaded;
}

/** Folds case, width (NFKC), curly apostrophes and runs of spaces, for comparing headers and values as people write them. */
export function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\u2018\u2019\u02bc`´]/gu, "'").replace(/\s+/gu, ' ').trim();
}

/** How a cell was read: to a value, as a placeholder (says nothing), or not understood. */
export interface Reading {
  readonly value: string | undefined;
  readonly how: 'value' | 'placeholder' | 'notUnderstood';
}

const NOT_UNDERSTOOD: Reading = { value: undefined, how: 'notUnderstood' };
const PLACEHOLDER: Reading = { value: undefined, how: 'placeholder' };
// Placeholders are short and hold no digit: longer cells, and cells with a digit, are never one.
const PLACEHOLDER_MAX = 20;
const DIGIT = /\d/;
// A cell of punctuation and symbols only (-, --, ?, ..., /) says nothing either.
const ONLY_MARKS = /^[\p{P}\p{S}\s]+$/u;
// Clause breaks inside a cell.
// A label or a question, then a short answer: 意向：无, switching? no (the answer has no separator of its own).
const LABELLED = /^([^:：?？]+?)\s*(?:[:：]|[?？]+)\s*([^:：?？]+)$/u;
// A question's last particle (想换吗 → 想换).
const QUESTION_END = /[吗么嘛呢]$/u;
const BREAKS = /[,，。.;；!！?？、\n|()（）[\]【】]/u;
const isAscii = (w: string) => /^[\x20-\x7e]+$/.test(w);
const isCjkChar = (w: string) => [...w].length === 1 && /\p{Script=Han}/u.test(w);

/** The grammar of every language, merged: the words of each role, folded. */
export class Grammar {
  readonly negators = new Set<string>();
  readonly notNegators = new Set<string>();
  readonly conjunctions = new Set<string>();
  readonly softeners = new Set<string>();
  readonly temporal = new Set<string>();
  readonly absolute = new Set<string>();
  readonly contrast = new Set<string>();
  readonly question = new Set<string>();
  readonly placeholders = new Set<string>();
  readonly answerYes = new Set<string>();
  readonly answerNo = new Set<string>();
  /** The first characters (codes, lower case) of placeholders: a cell starting with another letter is none. */
  private readonly placeholderStarts = new Set<number>();
  private readonly placeholderMemo = new Map<string, boolean>();
  /** A report footer line's start: a footer word, then no other word ("Total Wine" is a company, "Total: 1,200" a footer). */
  private readonly footerStart: RegExp;

  constructor(data: VocabData['grammar']) {
    const footers: string[] = [];
    for (const language of Object.values(data)) {
      for (const role of ['negators', 'notNegators', 'conjunctions', 'softeners', 'temporal', 'absolute', 'contrast', 'question', 'placeholders', 'answerYes', 'answerNo'] as const) {
        for (const w of language[role]) this[role].add(fold(w));
      }
      footers.push(...language.footers.map((w) => w.trim()));
    }
    for (const p of this.placeholders) this.placeholderStarts.add(p.charCodeAt(0));
    const words = footers.sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.footerStart = new RegExp(`^(?:${words.join('|')})(?!\\s*\\p{L})`, 'iu');
  }

  /** Whether a whole cell says nothing: a placeholder word, or only punctuation (asked of every short text cell: cheap first). */
  isPlaceholder(cell: string): boolean {
    if (cell.length > PLACEHOLDER_MAX || cell === '') return false;
    // Most cells start with a letter, digit or Chinese character that no placeholder starts with.
    let c = cell.charCodeAt(0);
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    const wordlike = (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x3400 && c <= 0x9fff);
    if ((wordlike && !this.placeholderStarts.has(c)) || DIGIT.test(cell)) return false;
    let known = this.placeholderMemo.get(cell);
    if (known === undefined) {
      const f = fold(cell);
      known = f !== '' && (this.placeholders.has(f) || ONLY_MARKS.test(f));
      if (this.placeholderMemo.size >= 5_000) this.placeholderMemo.clear();
      this.placeholderMemo.set(cell, known);
    }
    return known;
  }

  /** What a short answer says (after a label or a question): yes, no, nothing (a placeholder), or undefined: not an answer. */
  answerOf(folded: string): 'yes' | 'no' | 'placeholder' | undefined {
    if (this.answerNo.has(folded)) return 'no';
    if (this.answerYes.has(folded)) return 'yes';
    if (this.placeholders.has(folded) || ONLY_MARKS.test(folded)) return 'placeholder';
    return undefined;
  }

  /** Whether a cell starts a report footer line (Grand Totals (30 records), Copyright (c), 合计): checked on every row's first cell. */
  isFooterStart(cell: string): boolean {
    return this.footerStart.test(cell.trimStart());
  }
}

/** What a word of a cell can be: a term with its value and entry, and any grammar roles. */
interface Lexeme {
  term?: { value: string; entry: number; short: boolean };
  neg?: boolean;
  conj?: boolean;
  soft?: boolean;
  temporal?: boolean;
  absolute?: boolean;
  question?: boolean;
  contrast?: boolean;
  clauseBreak?: boolean;
}

interface Token {
  readonly start: number;
  readonly end: number;
  /** A space comes right before it (English words are adjacent across one). */
  readonly afterSpace: boolean;
  readonly lex: Lexeme;
}

interface Finding {
  readonly value: string;
  readonly entry: number;
  readonly part: number;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// English negation by suffix: shouldn't, mustn't, needn't …
const NT_SUFFIX = "[a-z]+n't";
const NT_LEXEME: Lexeme = { neg: true };

/** One kind's vocabulary: exact words, then the word-by-word reading (see the top of this file). */
export class Vocabulary {
  private readonly exact = new Map<string, string>();
  private readonly lexicon = new Map<string, Lexeme>();
  private readonly pattern: RegExp;
  private readonly firstEntry = new Map<string, number>();
  private readonly hasUnknown: boolean;
  private readonly memo = new Map<string, Reading>();

  constructor(
    private readonly kind: KindData,
    private readonly grammar: Grammar,
    overrides: Readonly<Record<string, string>> = {},
    /** Whether a cell holding a value's own name (e.g. `not_now`) reads as that value; not for words inside another column. */
    valueNames = true,
  ) {
    for (const [text, value] of Object.entries(overrides)) this.exact.set(fold(text), value);
    kind.entries.forEach(([value, words], entry) => {
      if (!this.firstEntry.has(value)) this.firstEntry.set(value, entry);
      if (valueNames && !this.exact.has(value)) this.exact.set(value, value);
      for (const word of words) {
        const w = fold(word);
        if (!this.exact.has(w)) this.exact.set(w, value);
        // One-character words other than Chinese ones (y, n, 1, √) are exact only.
        if ([...w].length === 1 && !isCjkChar(w)) continue;
        const lex = this.lexeme(w);
        lex.term ??= { value, entry, short: isCjkChar(w) };
      }
    });
    this.hasUnknown = this.firstEntry.has('unknown');
    for (const w of grammar.negators) if (!grammar.notNegators.has(w)) this.lexeme(w).neg = true;
    for (const w of grammar.notNegators) this.lexeme(w);
    for (const w of grammar.conjunctions) this.lexeme(w).conj = true;
    for (const w of grammar.softeners) this.lexeme(w).soft = true;
    for (const w of grammar.temporal) this.lexeme(w).temporal = true;
    for (const w of grammar.absolute) this.lexeme(w).absolute = true;
    for (const w of grammar.question) this.lexeme(w).question = true;
    for (const w of grammar.contrast) this.lexeme(w).contrast = true;
    // Longest first, so that each place in the text takes its longest word (副总经理 before 总经理).
    const words = [...this.lexicon.keys()].sort((a, b) => b.length - a.length);
    const alternatives = words.map((w) => (isAscii(w) ? `(?<![a-z0-9'])${escapeRegExp(w)}(?![a-z0-9'])` : escapeRegExp(w)));
    alternatives.push(`(?<![a-z0-9'])${NT_SUFFIX}(?![a-z0-9'])`, BREAKS.source);
    this.pattern = new RegExp(alternatives.join('|'), 'gu');
  }

  private lexeme(word: string): Lexeme {
    let lex = this.lexicon.get(word);
    if (lex === undefined) {
      lex = {};
      this.lexicon.set(word, lex);
    }
    return lex;
  }

  /** How a cell reads (the cell as written; it is folded here). */
  lookup(cell: string): Reading {
    const hit = this.memo.get(cell);
    if (hit !== undefined) return hit;
    const reading = this.read(fold(cell));
    // Bounded: a file of free text in a vocabulary column must not grow memory without end.
    if (this.memo.size >= 5_000) this.memo.clear();
    this.memo.set(cell, reading);
    return reading;
  }

  /** What the words of a cell name, read word by word only (无 alone or a leading 否 answer nothing here): 需要老板同意 → other. */
  mentions(cell: string): string | undefined {
    const key = `\u0000${cell}`;
    let hit = this.memo.get(key);
    if (hit === undefined) {
      const value = this.readWords(fold(cell));
      hit = value === undefined ? NOT_UNDERSTOOD : { value, how: 'value' };
      if (this.memo.size >= 5_000) this.memo.clear();
      this.memo.set(key, hit);
    }
    return hit.value;
  }

  /** The value the cell's first clause is word for word (是 in 是，老板娘也要点头; none in 老板说了算), or undefined. */
  leadingValue(cell: string): string | undefined {
    return this.exact.get(fold(cell).split(BREAKS)[0]!.trim());
  }

  /** The value a cell's text stands for, or undefined when it says nothing or is not understood. */
  valueOf(cell: string): string | undefined {
    return this.lookup(cell).value;
  }

  private read(folded: string): Reading {
    if (folded === '') return PLACEHOLDER;
    const exact = this.exact.get(folded);
    if (exact !== undefined) return { value: exact, how: 'value' };
    if (this.grammar.placeholders.has(folded) || ONLY_MARKS.test(folded)) return PLACEHOLDER;
    const labelled = this.labelled(folded);
    if (labelled !== undefined) return labelled;
    if (this.kind.leading === true) {
      const first = this.exact.get(folded.split(BREAKS)[0]!.trim());
      if (first !== undefined) return { value: first, how: 'value' };
    }
    const value = this.readWords(folded);
    return value === undefined ? NOT_UNDERSTOOD : { value, how: 'value' };
  }

  /**
   * 意向：无, Switching? No, 认可？否, 拍板：否: a label (or a question) with a short answer after it. Yes: what the label
   * reads as; no: its negation (need none, sees value no, signs no); a placeholder: unknown; another text: undefined
   * (the cell is read word by word as usual).
   */
  private labelled(folded: string): Reading | undefined {
    const m = LABELLED.exec(folded);
    if (m === null) return undefined;
    const answer = this.grammar.answerOf(m[2]!.trim());
    if (answer === undefined) return undefined;
    if (answer === 'placeholder') return PLACEHOLDER;
    const label = m[1]!.replace(QUESTION_END, '').trim();
    const value = label === '' ? undefined : this.read(label).value;
    if (value === undefined) return undefined;
    const said = answer === 'yes' ? value : this.kind.negated?.[value];
    return said === undefined ? undefined : { value: said, how: 'value' };
  }

  /** Reads a cell word by word: clauses, negation, time, parts after 'but'; the earliest entry wins. */
  private readWords(text: string): string | undefined {
    const findings: Finding[] = [];
    let clause: Token[] = [];
    let part = 0;
    for (const m of text.matchAll(this.pattern)) {
      const word = m[0];
      const lex = this.lexicon.get(word) ?? (BREAKS.test(word) ? CLAUSE_BREAK : NT_LEXEME);
      if (lex.clauseBreak === true || lex.contrast === true) {
        this.readClause(text, clause, m.index, part, findings);
        clause = [];
        if (lex.contrast === true) part++;
        continue;
      }
      clause.push({ start: m.index, end: m.index + word.length, afterSpace: text.charCodeAt(m.index - 1) === 0x20, lex });
    }
    this.readClause(text, clause, text.length, part, findings);
    if (findings.length === 0) return undefined;
    const lastPart = this.kind.parts === false ? findings : findings.filter((f) => f.part === findings[findings.length - 1]!.part);
    for (const [a, b, both] of this.kind.conflicts ?? []) {
      if (lastPart.some((f) => f.value === a) && lastPart.some((f) => f.value === b)) return both;
    }
    let best = lastPart[0]!;
    for (const f of lastPart) if (f.entry < best.entry) best = f;
    return best.value;
  }

  /** The findings of one clause (no break or 'but' inside), which ends at clauseEnd in text. */
  private readClause(text: string, clause: readonly Token[], clauseEnd: number, part: number, findings: Finding[]): void {
    if (clause.length === 0) return;
    const afterNegator = (i: number) => i > 0 && clause[i - 1]!.lex.neg === true && adjacent(clause[i - 1]!, clause[i]!);
    // A one-character Chinese word is a term only right after a negator (不换); elsewhere it is part of another word.
    const termAt = (i: number) => {
      const term = clause[i]!.lex.term;
      return term !== undefined && (!term.short || afterNegator(i));
    };
    let lastTerm = -1;
    for (let i = 0; i < clause.length; i++) if (termAt(i)) lastTerm = i;
    let temporal = false;
    let absolute = false;
    let question = false;
    let negations = 0;
    let softened = false;
    const said: Array<{ value: string; entry: number; negated: boolean; softened: boolean }> = [];
    clause.forEach((t, i) => {
      const lex = t.lex;
      const modifier = lex.neg === true || lex.conj === true || lex.soft === true || lex.temporal === true || lex.absolute === true || lex.question === true;
      // A word that is both a term and a modifier (没有, 现在, no) is the term only when it ends its clause:
      // "no" is an answer, "no budget" negates a word the field does not know.
      if (termAt(i) && (!modifier || (i === lastTerm && text.slice(t.end, clauseEnd).trim() === ''))) {
        // The negation reaches on (not interested in switching): only a conjunction ends it (没兴趣也不想换).
        said.push({ value: lex.term!.value, entry: lex.term!.entry, negated: negations % 2 === 1, softened });
        softened = false;
        return;
      }
      if (lex.conj === true) {
        negations = 0;
        softened = false;
      }
      if (lex.soft === true && afterNegator(i)) {
        softened = true;
        return;
      }
      if (lex.neg === true) {
        negations++;
        softened = false;
      }
      if (lex.temporal === true) temporal = true;
      if (lex.absolute === true) absolute = true;
      if (lex.question === true) question = true;
    });
    for (const s of said) {
      let value: string | undefined = s.value;
      if (s.negated) value = (s.softened ? this.kind.softened?.[value] : undefined) ?? this.kind.negated?.[value];
      if (value === undefined) continue;
      if (question) value = this.hasUnknown ? 'unknown' : undefined;
      else if (temporal && !absolute) value = this.kind.temporal?.[value] ?? value;
      if (value === undefined) continue;
      findings.push({ value, entry: value === s.value ? s.entry : (this.firstEntry.get(value) ?? s.entry), part });
    }
  }
}

const CLAUSE_BREAK: Lexeme = { clauseBreak: true };

/** Whether token b follows token a directly (or after one space, between English words). */
function adjacent(a: Token, b: Token): boolean {
  return b.start === a.end || (b.start === a.end + 1 && b.afterSpace);
}

/** Every vocabulary of a file, and the grammar they share. */
export type Vocabularies = Record<VocabKind, Vocabulary> & {
  readonly grammar: Grammar;
  /** The words of confirmation alone, read in a decider column (是，已书面确认). */
  readonly confirmation: Vocabulary;
};

/** Builds every vocabulary, with a preset's exact overrides on top; a confirmed column also reads yes/no words. */
export function buildVocabularies(data: VocabData, overrides: VocabOverrides = {}): Vocabularies {
  const grammar = new Grammar(data.grammar);
  const out: Partial<Record<VocabKind, Vocabulary>> = {};
  for (const kind of VOCAB_KINDS) {
    let kindData = data.kinds[kind];
    if (kind === 'confirmed') kindData = { ...kindData, entries: [...kindData.entries, ...data.kinds.yesNoUnknown.entries] };
    out[kind] = new Vocabulary(kindData, grammar, overrides[kind]);
  }
  // The confirmation words read inside a decider cell: there a bare "Yes" answers "does the contact sign?", it is not
  // a confirmation (its value name `yes` must not match), or every "Decision Maker: Yes" VP would pass the KP gate.
  const confirmation = new Vocabulary(data.kinds.confirmed, grammar, {}, false);
  return { ...(out as Record<VocabKind, Vocabulary>), grammar, confirmation };
}
