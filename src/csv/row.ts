// One CSV record → answers, by direct checks instead of zod (zod with transforms costs ~3.6 µs a row):
// cells are read through the mapping and the vocabulary (vocab.ts), and checked exactly as answersSchema
// checks them (text ≤ 10,000 characters, money through parseMoney, real ISO dates). test/csv/row.test.ts
// asserts with fast-check that read() accepts exactly what answersSchema accepts of inputOf() and returns
// the same answers. A row that cannot be read or validated becomes a reject with a reason; a value that is
// not understood becomes unknown and is counted (takeUnknown), never guessed.
import type { Answers, AnswersInput } from '../engine/answers.js';
import { isoDateOf } from '../engine/dates.js';
import type { MoneyParse, MoneyProblem } from '../engine/money.js';
import { isCreditCode, normaliseCreditCode } from '../domain/company.js';
import { readAmount } from './amounts.js';
import { fieldNamed, type FieldDef, type FieldKind } from './fields.js';
import type { ColumnMapping } from './presets.js';
import { buildVocabularies, fold, type Grammar, type Reading, type VocabData, type VocabKind, type Vocabularies, type Vocabulary } from './vocab.js';

/** The longest text answersSchema takes (z.string().max(10_000)). */
const MAX_TEXT = 10_000;

/** Why a value was refused: a money problem, text too long, not a date. */
type ValueProblem = `money.${MoneyProblem}` | 'tooLong' | 'date';

/** Why a row was rejected: a code (message key suffix under 'csv.reject.') with its parameters. */
export interface RejectReason {
  readonly code: 'fieldCount' | 'noCompany' | 'badValue' | 'malformedQuote' | 'badBytes';
  readonly params: Readonly<Record<string, string | number>>;
}

/**
 * A row read: its answers, its valid credit code, and the lead fields outside the answers it fills (by CSV field name;
 * empty for most files), or why it is rejected.
 */
export type RowResult = { ok: true; answers: Answers; creditCode: string | undefined; leadText: Readonly<Record<string, string>> } | { ok: false; reason: RejectReason };

const NO_TEXT: Readonly<Record<string, string>> = Object.freeze({});

/** Per field name, the cells not understood and how often each came (bounded per field). */
export type UnknownCounts = Map<string, Map<string, number>>;

type Section = 'lead' | 'need' | 'kp' | 'payment';

interface Step {
  readonly field: FieldDef;
  readonly column: number;
  /** Columns that fill an empty cell of this one (the less filled of two headers for the same field). */
  readonly fallbacks: readonly number[];
  readonly section: Section;
  readonly key: string;
  readonly kind: FieldKind;
  readonly vocab: Vocabulary | undefined;
  /** Money: the factor of the header's unit (1 when it names none). */
  readonly factor: number;
}

const VOCAB_OF: Partial<Record<FieldKind, VocabKind>> = {
  source: 'source',
  needKind: 'needKind',
  role: 'role',
  yesNoUnknown: 'yesNoUnknown',
  otherDecider: 'otherDecider',
  funds: 'funds',
  recognizesValue: 'recognizesValue',
  boolean: 'yesNoUnknown',
  confirmed: 'confirmed',
};

// Amounts repeat across a big export (a few thousand distinct budgets in a million rows): read each once per unit.
const amountMemo = new Map<string, MoneyParse>();

/** readAmount, remembered per distinct text and factor (bounded, so free text cannot grow it without end). */
function amountOf(text: string, factor: number): MoneyParse {
  const key = factor === 1 ? text : `${factor}\u0000${text}`;
  let parsed = amountMemo.get(key);
  if (parsed === undefined) {
    parsed = readAmount(text, factor);
    if (amountMemo.size >= 10_000) amountMemo.clear();
    amountMemo.set(key, parsed);
  }
  return parsed;
}

/** First and last name as one contact: Chinese names join without a space, family name first (伟 + 王 → 王伟). */
function joinName(first: string, last: string): string {
  if (first === '' || last === '') return first + last;
  return /^\p{Script=Han}+$/u.test(first + last) ? last + first : `${first} ${last}`;
}

// A decider column naming a person (王总, 张伟, Mary Smith) rather than answering yes or no.
const PERSON = /^(?:\p{Script=Han}{2,4}(?:总|经理|老师|先生|女士)?|\p{Lu}[\p{L}'.-]+(?: \p{Lu}[\p{L}'.-]+){0,3})$/u;
// Deciders that are someone else than the contact.
const OTHER_DECIDERS = new Set(['spouse', 'partner', 'parent_company', 'board', 'other']);

/** Reads records of one file into answers; built once per file from its header and mapping. */
export class RowReader {
  private readonly steps: readonly Step[];
  private readonly vocab: Vocabularies;
  private readonly companyColumn: number | undefined;
  private readonly creditColumn: number | undefined;
  private readonly firstColumn: number | undefined;
  private readonly lastColumn: number | undefined;
  /** The title column, when roles come from titles (no role column mapped). */
  private readonly roleFromTitle: number | undefined;
  private readonly namesAsContact: boolean;
  /** Free text in a need column is the need's description when no pain column is mapped. */
  private readonly needTextAsPain: boolean;
  private readonly contactColumn: number | undefined;
  private readonly titleColumn: number | undefined;
  /** Columns of lead fields outside the answers (text a lead keeps, e.g. a website): field name and column. */
  private readonly leadTextColumns: ReadonlyArray<readonly [string, number]>;
  private unknown: UnknownCounts = new Map();

  constructor(
    private readonly headers: readonly string[],
    mapping: ColumnMapping,
    values: VocabData,
  ) {
    this.vocab = buildVocabularies(values, mapping.values);
    const col = (name: string) => mapping.columns.get(fieldNamed(name)!);
    this.companyColumn = col('company');
    this.creditColumn = col('creditCode');
    this.firstColumn = col('firstName');
    this.lastColumn = col('lastName');
    this.contactColumn = col('contact');
    this.titleColumn = col('title');
    this.roleFromTitle = col('role') === undefined ? col('title') : undefined;
    this.namesAsContact = col('contact') === undefined && (this.firstColumn !== undefined || this.lastColumn !== undefined);
    this.needTextAsPain = col('pain') === undefined;
    const steps: Step[] = [];
    const leadText: Array<readonly [string, number]> = [];
    for (const [field, column] of mapping.columns) {
      if (field.path === undefined && field.kind === 'text') leadText.push([field.name, column]);
      if (field.path === undefined) continue;
      const [section, key = ''] = field.path.split('.') as [Section, string];
      const vocabKind = VOCAB_OF[field.kind];
      steps.push({
        field,
        column,
        fallbacks: mapping.fallbacks.get(field) ?? [],
        section,
        key,
        kind: field.kind,
        vocab: vocabKind === undefined ? undefined : this.vocab[vocabKind],
        factor: mapping.units.get(field)?.factor ?? 1,
      });
    }
    this.steps = steps;
    this.leadTextColumns = leadText;
  }

  /** Reads one record (fields as parsed) into answers, or the reason it is rejected. */
  read(fields: readonly string[], malformed: boolean): RowResult {
    const expected = this.headers.length;
    if (fields.length !== expected && !(fields.length > expected && fields.slice(expected).every((f) => f === ''))) {
      return reject('fieldCount', { expected, found: fields.length });
    }
    if (malformed) return reject('malformedQuote', {});
    const filled = this.fill(fields, true);
    if ('reason' in filled) return filled;
    const answers = filled.answers;
    if (this.companyColumn !== undefined && answers.lead.company === undefined) {
      return reject('noCompany', { column: this.headers[this.companyColumn] ?? '' });
    }
    let creditCode: string | undefined;
    if (this.creditColumn !== undefined) {
      const cell = this.cell(fields, this.creditColumn);
      const code = normaliseCreditCode(cell);
      // A code that fails its check character identifies nothing: the row is still scored, just not matched by it, and
      // the code is counted with the cells not understood (never dropped unsaid).
      if (isCreditCode(code)) creditCode = code;
      else if (code !== '' && !this.isPlaceholder(cell)) this.count('creditCode', cell);
    }
    return { ok: true, answers: answers as Answers, creditCode, leadText: this.leadTextOf(fields) };
  }

  /** The lead fields outside the answers a record fills (trimmed; blank and placeholders left out). */
  private leadTextOf(fields: readonly string[]): Readonly<Record<string, string>> {
    if (this.leadTextColumns.length === 0) return NO_TEXT;
    const out: Record<string, string> = {};
    for (const [name, column] of this.leadTextColumns) {
      const cell = this.cell(fields, column);
      if (cell !== '' && !this.isPlaceholder(cell)) out[name] = cell.slice(0, MAX_TEXT);
    }
    return out;
  }

  /** The answers input a record stands for before validation (money and dates as written): what answersSchema would be given. */
  inputOf(fields: readonly string[]): AnswersInput {
    return (this.fill(fields, false) as { answers: AnswersInput }).answers;
  }

  /** The grammar of the vocabulary (placeholders, footer words). */
  get grammar(): Grammar {
    return this.vocab.grammar;
  }

  /** Hands over the cells not understood since the last call. */
  takeUnknown(): UnknownCounts {
    const out = this.unknown;
    this.unknown = new Map();
    return out;
  }

  /** How a cell of a vocabulary column reads (for --show-mapping): its value, or why it has none. */
  readingOf(field: FieldDef, cell: string): Reading | undefined {
    const kind = field.name === 'title' && this.roleFromTitle !== undefined ? 'role' : VOCAB_OF[field.kind];
    return kind === undefined ? undefined : this.vocab[kind].lookup(cell);
  }

  /**
   * Fills answers from the cells; validate: check text length, parse money, check dates as answersSchema does
   * (else money and dates stay as written, and nothing is counted). Sections always exist and mapped keys are set
   * in mapping order, so every row of a file has nearly the same object shapes (fast property access in the engine).
   */
  private fill(fields: readonly string[], validate: boolean): { answers: Record<Section, Record<string, unknown>> } | { ok: false; reason: RejectReason } {
    const answers: Record<Section, Record<string, unknown>> = { lead: {}, need: {}, kp: {}, payment: {} };
    let deciderCell: string | undefined;
    let deciderUnderstood = false;
    for (const step of this.steps) {
      let cell = (fields[step.column] ?? '').trim();
      for (let i = 0; cell === '' && i < step.fallbacks.length; i++) cell = (fields[step.fallbacks[i]!] ?? '').trim();
      if (cell === '') continue;
      const target = answers[step.section];
      switch (step.kind) {
        case 'text':
          if (this.isPlaceholder(cell)) break;
          if (validate && cell.length > MAX_TEXT) return this.badValue(step, 'tooLong', cell);
          target[step.key] = cell;
          break;
        case 'money': {
          if (this.isPlaceholder(cell)) break;
          const parsed = amountOf(cell, step.factor);
          if (!parsed.ok && !/\d/u.test(cell.normalize('NFKC'))) {
            // Words where an amount should be ("call back next week"): unknown, and counted.
            if (validate) this.count(step.field.name, cell);
            break;
          }
          if (!validate) target[step.key] = parsed.ok ? parsed.value : cell;
          else if (!parsed.ok) return this.badValue(step, `money.${parsed.problem}`, cell);
          else target[step.key] = parsed.value;
          break;
        }
        case 'date': {
          if (this.isPlaceholder(cell)) break;
          // Excel writes 2024/7/1 or 2024年7月1日: stored as 2024-07-01; unvalidated, a non-date stays as written.
          const date = isoDateOf(cell);
          if (validate && date === undefined) return this.badValue(step, 'date', cell);
          target[step.key] = date ?? cell;
          break;
        }
        case 'boolean':
        case 'confirmed': {
          const yn = this.readVocab(step, cell, validate).value;
          target[step.key] = yn === 'yes' ? true : yn === 'no' ? false : undefined;
          break;
        }
        case 'source':
        case 'role': {
          // A source or title that names nothing known is still something: 'other', never a guess.
          const reading = this.readVocab(step, cell, validate);
          target[step.key] = reading.value ?? (reading.how === 'placeholder' ? undefined : 'other');
          break;
        }
        default: {
          const reading = step.vocab!.lookup(cell);
          target[step.key] = reading.value;
          if (reading.how === 'notUnderstood' && step.kind === 'needKind' && this.needTextAsPain) {
            // Free text in a need column describes the need: kept as its pain; the kind is still not understood
            // (unknown), and counted, so the analyst learns that the need gate was read from nothing.
            if (validate && cell.length > MAX_TEXT) return this.badValue(step, 'tooLong', cell);
            answers.need.pain = cell;
            if (validate) this.count(step.field.name, cell);
          } else if (step.field.name === 'signsFinal') {
            deciderCell = cell;
            deciderUnderstood = reading.how !== 'notUnderstood';
          } else if (reading.how === 'notUnderstood' && validate) this.count(step.field.name, cell);
        }
      }
    }
    if (deciderCell !== undefined) {
      this.readDecider(deciderCell, answers.kp);
      if (!deciderUnderstood && !this.deciderNamed(fields, deciderCell, answers.kp) && validate) this.count('signsFinal', deciderCell);
    }
    if (this.roleFromTitle !== undefined) {
      const title = (fields[this.roleFromTitle] ?? '').trim();
      if (title !== '') {
        const reading = this.vocab.role.lookup(title);
        if (reading.how === 'notUnderstood' && validate) this.count('role', title);
        answers.kp.role = reading.value ?? (reading.how === 'placeholder' ? undefined : 'other');
      }
    }
    if (deciderCell !== undefined) this.anotherSigns(deciderCell, answers.kp);
    if (this.namesAsContact) {
      const contact = joinName(this.cell(fields, this.firstColumn), this.cell(fields, this.lastColumn));
      if (validate && contact.length > MAX_TEXT) return reject('badValue', { column: this.headers[this.firstColumn ?? this.lastColumn!] ?? '', problem: 'tooLong', input: '' });
      if (contact !== '') answers.lead.contact = contact;
    }
    return { answers };
  }

  /** A vocabulary cell's reading, counted when not understood. */
  private readVocab(step: Step, cell: string, validate: boolean): Reading {
    const reading = step.vocab!.lookup(cell);
    if (reading.how === 'notUnderstood' && validate) this.count(step.field.name, cell);
    return reading;
  }

  /** What a decider cell says beyond yes or no (for --show-mapping): another decider, the KP's name, a confirmation. */
  describeDecider(cell: string): { signsFinal?: string; otherDecider?: string; kpName?: string; confirmed?: boolean } {
    const reading = this.vocab.yesNoUnknown.lookup(cell);
    const kp: Record<string, unknown> = { signsFinal: reading.value };
    this.readDecider(cell, kp);
    if (reading.how === 'notUnderstood') this.deciderNamed([], cell, kp);
    this.anotherSigns(cell, kp);
    return { signsFinal: kp.signsFinal as string | undefined, otherDecider: kp.otherDecider as string | undefined, kpName: kp.name as string | undefined, confirmed: kp.confirmed as boolean | undefined };
  }

  /**
   * What a decider cell says beside yes or no: the signer confirmed (是，已书面确认), another decider named (否，需要老板同意,
   * 是，老板娘也要点头). The row's own confirmed and otherDecider cells, when filled, have the last word.
   */
  private readDecider(cell: string, kp: Record<string, unknown>): void {
    const confirmed = this.vocab.confirmation.lookup(cell).value;
    if (confirmed === 'yes') kp.confirmed ??= true;
    else if (confirmed === 'no') kp.confirmed ??= false;
    const decider = this.vocab.otherDecider.mentions(cell);
    if (decider !== undefined && OTHER_DECIDERS.has(decider)) kp.otherDecider ??= decider;
  }

  /**
   * 老板说了算, 需要老板拍板: the words of a yes ("has the final say") said of another decider, so the contact does not
   * sign — unless the contact is that person (an owner's 老板说了算). A cell that answers yes first (是，老板娘也要点头)
   * keeps its yes, with the other decider beside it.
   */
  private anotherSigns(cell: string, kp: Record<string, unknown>): void {
    if (kp.signsFinal !== 'yes' || this.vocab.yesNoUnknown.leadingValue(cell) !== undefined) return;
    const decider = this.vocab.otherDecider.mentions(cell);
    if (decider === undefined || !OTHER_DECIDERS.has(decider) || (decider === 'other' && kp.role === 'owner')) return;
    kp.signsFinal = 'no';
  }

  /**
   * A decider cell that is not yes or no may name the decider: someone other than the contact (老板娘, 董事会, the
   * CFO) is another decider and the contact does not sign; a person's name is the KP, who signs when it is the contact.
   * What the row's own otherDecider and kpName cells say is kept.
   */
  private deciderNamed(fields: readonly string[], cell: string, kp: Record<string, unknown>): boolean {
    const same = (column: number | undefined) => column !== undefined && fold(this.cell(fields, column)) === fold(cell);
    if (same(this.contactColumn) || same(this.titleColumn)) {
      kp.signsFinal = 'yes';
      // The contact, by name: the KP's name is known (the action says "visit the KP (NAME)").
      if (same(this.contactColumn) && kp.name === undefined) kp.name = cell;
      return true;
    }
    const decider = this.vocab.otherDecider.lookup(cell).value;
    if (decider !== undefined && OTHER_DECIDERS.has(decider)) {
      kp.signsFinal = 'no';
      if (kp.otherDecider === undefined) kp.otherDecider = decider;
      return true;
    }
    if (PERSON.test(cell)) {
      kp.signsFinal = 'no';
      if (kp.name === undefined) kp.name = cell;
      return true;
    }
    return false;
  }

  /** Whether a cell is a placeholder (待定, TBD, -). */
  private isPlaceholder(cell: string): boolean {
    return this.vocab.grammar.isPlaceholder(cell);
  }

  private count(field: string, cell: string): void {
    let values = this.unknown.get(field);
    if (values === undefined) {
      values = new Map();
      this.unknown.set(field, values);
    }
    // Bounded: past 1,000 distinct values a field's new ones are counted under one key.
    const key = values.has(cell) || values.size < 1_000 ? cell : '';
    values.set(key, (values.get(key) ?? 0) + 1);
  }

  private cell(fields: readonly string[], column: number | undefined): string {
    return column === undefined ? '' : (fields[column] ?? '').trim();
  }

  private badValue(step: Step, problem: ValueProblem, input: string): { ok: false; reason: RejectReason } {
    return reject('badValue', { column: this.headers[step.column] ?? '', problem, input: input.length > 80 ? `${input.slice(0, 77)}...` : input });
  }
}

function reject(code: RejectReason['code'], params: RejectReason['params']): { ok: false; reason: RejectReason } {
  return { ok: false, reason: { code, params } };
}
