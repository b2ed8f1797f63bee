// One CSV record → answers, by direct checks instead of zod (zod with transforms costs ~3.6 µs a row):
// cells are read through the mapping and the value vocabularies, and checked exactly as answersSchema
// checks them (text ≤ 10,000 characters, money through parseMoney, real ISO dates). test/csv/row.test.ts
// asserts with fast-check that read() accepts exactly what answersSchema accepts of inputOf() and returns
// the same answers. A row that cannot be read or validated becomes a reject with a reason.
import type { Answers, AnswersInput } from '../engine/answers.js';
import { isoDateOf } from '../engine/dates.js';
import { parseMoney, type MoneyParse, type MoneyProblem } from '../engine/money.js';
import { isCreditCode, normaliseCreditCode } from '../store/company.js';
import { fieldNamed, type FieldKind } from './fields.js';
import type { ColumnMapping } from './presets.js';
import { buildVocabularies, type VocabData, type VocabKind, type Vocabulary } from './vocab.js';

/** The longest text answersSchema takes (z.string().max(10_000)). */
const MAX_TEXT = 10_000;

/** Why a value was refused: a money problem, text too long, not a date. */
type ValueProblem = `money.${MoneyProblem}` | 'tooLong' | 'date';

/** Why a row was rejected: a code (message key suffix under 'csv.reject.') with its parameters. */
export interface RejectReason {
  readonly code: 'fieldCount' | 'noCompany' | 'badValue' | 'malformedQuote' | 'badBytes';
  readonly params: Readonly<Record<string, string | number>>;
}

export type RowResult = { ok: true; answers: Answers; creditCode: string | undefined } | { ok: false; reason: RejectReason };

type Section = 'lead' | 'need' | 'kp' | 'payment';

interface Step {
  readonly column: number;
  readonly section: Section;
  readonly key: string;
  readonly kind: FieldKind;
  readonly vocab: Vocabulary | undefined;
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
};

// Amounts repeat across a big export (a few thousand distinct budgets in a million rows): parse each once.
const moneyMemo = new Map<string, MoneyParse>();

/** parseMoney, remembered per distinct text (bounded, so free text cannot grow it without end). */
function parseMoneyText(text: string): MoneyParse {
  let parsed = moneyMemo.get(text);
  if (parsed === undefined) {
    parsed = parseMoney(text);
    if (moneyMemo.size >= 10_000) moneyMemo.clear();
    moneyMemo.set(text, parsed);
  }
  return parsed;
}

/** First and last name as one contact: Chinese names join without a space, family name first (伟 + 王 → 王伟). */
function joinName(first: string, last: string): string {
  if (first === '' || last === '') return first + last;
  return /^\p{Script=Han}+$/u.test(first + last) ? last + first : `${first} ${last}`;
}

/** Reads records of one file into answers; built once per file from its header and mapping. */
export class RowReader {
  private readonly steps: readonly Step[];
  private readonly vocab: Record<VocabKind, Vocabulary>;
  private readonly companyColumn: number | undefined;
  private readonly creditColumn: number | undefined;
  private readonly firstColumn: number | undefined;
  private readonly lastColumn: number | undefined;
  /** The title column, when roles come from titles (no role column mapped). */
  private readonly roleFromTitle: number | undefined;
  private readonly namesAsContact: boolean;
  /** Free text in a need column is the need's description when no pain column is mapped. */
  private readonly needTextAsPain: boolean;

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
    this.roleFromTitle = col('role') === undefined ? col('title') : undefined;
    this.namesAsContact = col('contact') === undefined && (this.firstColumn !== undefined || this.lastColumn !== undefined);
    this.needTextAsPain = col('pain') === undefined;
    const steps: Step[] = [];
    for (const [field, column] of mapping.columns) {
      if (field.path === undefined) continue;
      const [section, key = ''] = field.path.split('.') as [Section, string];
      const vocabKind = VOCAB_OF[field.kind];
      steps.push({ column, section, key, kind: field.kind, vocab: vocabKind === undefined ? undefined : this.vocab[vocabKind] });
    }
    this.steps = steps;
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
      const code = normaliseCreditCode(this.cell(fields, this.creditColumn));
      // A code that fails its check character identifies nothing: the row is still scored, just not matched by it.
      if (isCreditCode(code)) creditCode = code;
    }
    return { ok: true, answers: answers as Answers, creditCode };
  }

  /** The answers input a record stands for before validation (money and dates as written): what answersSchema would be given. */
  inputOf(fields: readonly string[]): AnswersInput {
    return (this.fill(fields, false) as { answers: AnswersInput }).answers;
  }

  /**
   * Fills answers from the cells; validate: check text length, parse money, check dates as answersSchema does
   * (else money and dates stay as written). Sections always exist and mapped keys are set in mapping order,
   * so every row of a file has the same object shapes (fast property access in the engine).
   */
  private fill(fields: readonly string[], validate: boolean): { answers: Record<Section, Record<string, unknown>> } | { ok: false; reason: RejectReason } {
    const answers: Record<Section, Record<string, unknown>> = { lead: {}, need: {}, kp: {}, payment: {} };
    for (const step of this.steps) {
      const cell = (fields[step.column] ?? '').trim();
      if (cell === '') continue;
      const target = answers[step.section];
      switch (step.kind) {
        case 'text':
          if (validate && cell.length > MAX_TEXT) return this.badValue(step, 'tooLong', cell);
          target[step.key] = cell;
          break;
        case 'money': {
          if (!validate) {
            target[step.key] = cell;
            break;
          }
          const parsed = parseMoneyText(cell);
          if (!parsed.ok) return this.badValue(step, `money.${parsed.problem}`, cell);
          target[step.key] = parsed.value;
          break;
        }
        case 'date': {
          // Excel writes 2024/7/1 or 2024年7月1日: stored as 2024-07-01; unvalidated, a non-date stays as written.
          const date = isoDateOf(cell);
          if (validate && date === undefined) return this.badValue(step, 'date', cell);
          target[step.key] = date ?? cell;
          break;
        }
        case 'boolean': {
          const yn = step.vocab!.lookup(cell);
          target[step.key] = yn === 'yes' ? true : yn === 'no' ? false : undefined;
          break;
        }
        case 'source':
        case 'role':
          // A source or title that names nothing known is still something: 'other', never a guess.
          target[step.key] = step.vocab!.lookup(cell) ?? 'other';
          break;
        default: {
          const value = step.vocab!.lookup(cell);
          target[step.key] = value;
          if (value === undefined && step.kind === 'needKind' && this.needTextAsPain) {
            if (validate && cell.length > MAX_TEXT) return this.badValue(step, 'tooLong', cell);
            answers.need.pain = cell;
          }
        }
      }
    }
    if (this.roleFromTitle !== undefined) {
      const title = (fields[this.roleFromTitle] ?? '').trim();
      if (title !== '') answers.kp.role = this.vocab.role.lookup(title) ?? 'other';
    }
    if (this.namesAsContact) {
      const contact = joinName(this.cell(fields, this.firstColumn), this.cell(fields, this.lastColumn));
      if (validate && contact.length > MAX_TEXT) return reject('badValue', { column: this.headers[this.firstColumn ?? this.lastColumn!] ?? '', problem: 'tooLong', input: '' });
      if (contact !== '') answers.lead.contact = contact;
    }
    return { answers };
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
