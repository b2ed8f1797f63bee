// What `leadq score` tells about how it read a file: --show-mapping (which column feeds which field and why, units,
// and how the values of the first rows read), and the notes beside the summary (title rows skipped above the header,
// the report footer skipped after the data, the cells not understood per field). Data in them reaches a terminal:
// every piece of it goes through terminalLine.
import { readAmount } from '../../csv/amounts.js';
import { FIELDS, type FieldDef } from '../../csv/fields.js';
import { loadPresets, type ColumnChoice, type ColumnMapping } from '../../csv/presets.js';
import type { CsvFile, CsvHead } from '../../csv/read.js';
import { RowReader, type UnknownCounts } from '../../csv/row.js';
import type { HeldRow } from '../../csv/scorer.js';
import { msg, t, type Message } from '../../i18n/index.js';
import { renderTable } from '../../output/format.js';
import { terminalLine } from '../../output/terminal-text.js';

const COUNT = new Intl.NumberFormat('en-US');
// Values shown per column in --show-mapping, and not-understood values per field in the summary.
const VALUES_SHOWN = 12;
const UNKNOWN_SHOWN = 5;

/** A header as shown: quoted, terminal-safe. */
function quoted(text: string): string {
  return `"${terminalLine(text.length > 60 ? `${text.slice(0, 59)}…` : text)}"`;
}

/** The lines above the header that were skipped: `line 1 "2026年11月客户跟进表"`. */
function skippedLines(head: CsvHead): string {
  const shown = head.skipped.map((s) => t('csv.lineText', { line: s.line, text: quoted(s.text) })).join(', ');
  return head.skippedCount > head.skipped.length ? `${shown}, …` : shown;
}

/** The note on title rows skipped above the header. */
export function skippedText(head: CsvHead): Message {
  return msg('csv.skippedTitle', { line: head.headerLine, count: head.skippedCount, lines: skippedLines(head) });
}

/** The note on the report footer skipped after the data. */
export function footerText(footer: ReadonlyArray<Pick<HeldRow, 'fields' | 'line'>>): Message {
  const first = footer[0]!.line;
  const last = footer[footer.length - 1]!.line;
  const lines = footer.slice(0, 3).map((r) => quoted(r.fields.find((f) => f.trim() !== '')?.trim() ?? ''));
  const shown = lines.join(', ') + (footer.length > 3 ? ', …' : '');
  return first === last ? msg('csv.skippedFooterLine', { line: first, lines: shown }) : msg('csv.skippedFooter', { from: first, to: last, lines: shown });
}

/** The field a count is filed under, as the answers name it (kp.role), and the column it came from. */
function fieldColumn(field: FieldDef, mapping: ColumnMapping, headers: readonly string[]): string {
  const column = mapping.columns.get(field) ?? (field.name === 'role' ? mapping.columns.get(FIELDS.find((f) => f.name === 'title')!) : undefined);
  return column === undefined ? '' : (headers[column] ?? '');
}

/** One line per field with cells not understood: how many, and the five most common. */
export function unknownText(unknown: UnknownCounts, mapping: ColumnMapping, headers: readonly string[]): Message[] {
  const lines: Message[] = [];
  for (const field of FIELDS) {
    const values = unknown.get(field.name);
    if (values === undefined) continue;
    let count = 0;
    for (const n of values.values()) count += n;
    const common = [...values].filter(([v]) => v !== '').sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, UNKNOWN_SHOWN);
    lines.push(
      msg(field.kind === 'role' || field.kind === 'source' ? 'score.notUnderstoodOther' : 'score.notUnderstood', {
        field: field.path ?? field.name,
        column: terminalLine(fieldColumn(field, mapping, headers)),
        count: COUNT.format(count),
        values: common.map(([v, n]) => `${quoted(v)} ×${COUNT.format(n)}`).join(', '),
      }),
    );
  }
  return lines;
}

/** Why a column won over another for one field: how filled each is in the sampled rows. */
function choiceText(choice: ColumnChoice, headers: readonly string[]): string {
  const count = (column: number) => choice.filled.get(column) ?? 0;
  const filled = (column: number) => t('score.mapFilled', { header: headerText(headers, column), filled: COUNT.format(count(column)), rows: COUNT.format(choice.sampled) });
  // As full as another: the first of them wins, and the line says so rather than "fuller".
  const tie = choice.others.some((c) => count(c) === count(choice.chosen));
  const company = choice.field === FIELDS[0];
  const key = tie ? (company ? 'score.mapChoiceCompanyFirst' : 'score.mapChoiceFirst') : company ? 'score.mapChoiceCompany' : 'score.mapChoice';
  return t(key, { field: choice.field.path ?? choice.field.name, chosen: filled(choice.chosen), others: choice.others.map(filled).join(', ') });
}

/** A header as --show-mapping names it: quoted, with its column number when another header has the same text. */
function headerText(headers: readonly string[], column: number): string {
  const header = headers[column] ?? '';
  const twice = headers.indexOf(header) !== column || headers.lastIndexOf(header) !== column;
  return quoted(header) + (twice ? t('score.mapColumnAt', { n: column + 1 }) : '');
}

/** --show-mapping: where the file came from, field ← column (with units), why, how the first rows' values read, what is left. */
export function mappingText(csv: CsvFile, mapping: ColumnMapping): string {
  const head = csv.head;
  const presetName = mapping.detected ? t('score.mapDetected', { preset: mapping.preset }) : mapping.preset;
  const delimiter = head.delimiter === '\t' ? 'tab' : `"${head.delimiter}"`;
  const rows = [...mapping.columns].map(([field, i]) => {
    const unit = mapping.units.get(field);
    const also = mapping.fallbacks.get(field) ?? [];
    return {
      field: field.path ?? field.name,
      column: head.headers[i] ?? '',
      unit: unit === undefined ? '' : t('score.mapUnit', { factor: COUNT.format(unit.factor), unit: unit.label }),
      also: also.map((c) => head.headers[c] ?? '').join(', '),
    };
  });
  const columns = [
    { key: 'field', header: t('score.mapField') },
    { key: 'column', header: t('score.mapColumn') },
    ...(mapping.units.size > 0 ? [{ key: 'unit', header: t('score.mapUnitHeader') }] : []),
    ...(mapping.fallbacks.size > 0 ? [{ key: 'also', header: t('score.mapAlso') }] : []),
  ];
  const unmapped = mapping.unmapped.map((i) => headerText(head.headers, i));
  const lines = [
    t('score.mapPreset', { preset: presetName }),
    t('score.mapFile', { encoding: csv.encoding + (head.bom ? ' (BOM)' : ''), delimiter, line: head.headerLine }),
  ];
  if (head.skippedCount > 0) lines.push(t('score.mapSkipped', { lines: skippedLines(head) }));
  lines.push('', renderTable(rows, columns).trimEnd(), '');
  for (const choice of mapping.choices) lines.push(choiceText(choice, head.headers));
  if (mapping.choices.length > 0) lines.push('');
  lines.push(...valuesText(csv, mapping));
  lines.push(unmapped.length === 0 ? t('score.mapNoneUnmapped') : t('score.mapUnmapped', { headers: unmapped.join(', ') }), '');
  return lines.join('\n');
}

/** How the sampled rows' values read, per mapped column that reads values (vocabulary and money). */
function valuesText(csv: CsvFile, mapping: ColumnMapping): string[] {
  const head = csv.head;
  const reader = new RowReader(head.headers, mapping, loadPresets().values);
  const roleFromTitle = !mapping.columns.has(FIELDS.find((f) => f.name === 'role')!);
  const lines: string[] = [];
  for (const [field, column] of mapping.columns) {
    const money = field.kind === 'money';
    const reads = money || reader.readingOf(field, 'x') !== undefined;
    if (!reads || (field.name === 'title' && !roleFromTitle)) continue;
    const counts = new Map<string, number>();
    for (const row of head.sample) {
      const cell = (row[column] ?? '').trim();
      if (cell !== '') counts.set(cell, (counts.get(cell) ?? 0) + 1);
    }
    if (counts.size === 0) continue;
    const target = field.name === 'title' ? 'kp.role' : (field.path ?? field.name);
    lines.push(t('score.mapValues', { field: target, column: quoted(head.headers[column] ?? ''), rows: COUNT.format(head.sample.length) }));
    const common = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    for (const [cell, n] of common.slice(0, VALUES_SHOWN)) {
      let reading = money ? amountReading(cell, mapping.units.get(field)?.factor ?? 1, reader) : valueReading(reader.readingOf(field, cell)!, field.kind === 'source' || field.kind === 'role' || field.name === 'title');
      if (field.name === 'signsFinal') reading = deciderReading(reader, cell, reading);
      lines.push(`  ${quoted(cell)} → ${reading}  ×${COUNT.format(n)}`);
    }
    if (common.length > VALUES_SHOWN) lines.push(`  ${t('score.mapMoreValues', { count: COUNT.format(common.length - VALUES_SHOWN) })}`);
  }
  if (lines.length > 0) lines.push('');
  return lines;
}

/** A decider cell that names someone or confirms: what it sets beside signsFinal. */
function deciderReading(reader: RowReader, cell: string, reading: string): string {
  const says = reader.describeDecider(cell);
  if (says.otherDecider !== undefined) return t(says.signsFinal === 'yes' ? 'score.mapDeciderAlso' : 'score.mapDeciderOther', { decider: says.otherDecider });
  if (says.kpName !== undefined) return t('score.mapDeciderName', { name: terminalLine(says.kpName) });
  if (says.confirmed !== undefined) return t('score.mapConfirmed', { value: reading, confirmed: String(says.confirmed) });
  return reading;
}

function valueReading(reading: NonNullable<ReturnType<RowReader['readingOf']>>, other: boolean): string {
  if (reading.how === 'value') return reading.value!;
  if (reading.how === 'placeholder') return t('score.mapPlaceholder');
  return other ? t('score.mapNotUnderstoodOther') : t('score.mapNotUnderstood');
}

function amountReading(cell: string, factor: number, reader: RowReader): string {
  if (reader.grammar.isPlaceholder(cell)) return t('score.mapPlaceholder');
  const amount = readAmount(cell, factor);
  if (amount.ok) return amount.value === undefined ? t('score.mapPlaceholder') : COUNT.format(amount.value);
  return /\d/u.test(cell.normalize('NFKC')) ? t('score.mapNotAmount') : t('score.mapNotUnderstood');
}
