import { csvField, runsAsFormula } from '../../output/csv-cell.js';
import type { Qualification } from '../../engine/types.js';
import { SCORE_COLUMNS, type ScoreFormatModule, type ScoredRow } from './format.js';

// `score --format csv` (the default): the input columns unchanged, then the scores; formula-safe; a BOM in a file.

// csvField for a string and the comma delimiter, by char codes: it runs for every cell of every row.
// test/csv/read.test.ts checks it against csvField.
const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_CODES = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d, 0xff1d, 0xff0b, 0xff0d, 0xff20]);

/** One CSV cell of a string, formula-safe and quoted when needed: csvField(value) for strings, faster. */
export function csvCell(value: string): string {
  if (value === '') return '';
  const text = FORMULA_CODES.has(value.charCodeAt(0)) && runsAsFormula(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The input cells of an output CSV line (formula-safe), each followed by a comma. */
function csvCells(fields: readonly string[], width: number): string {
  let line = '';
  for (let i = 0; i < width; i++) line += csvCell(fields[i] ?? '') + ',';
  return line;
}

/**
 * Whether a record read without quotes is already its own CSV output: no CR inside and no cell a spreadsheet
 * would run as a formula. Then csvCells(fields) is the record's text plus a comma, and most rows skip it.
 */
function isPlainCsv(fields: readonly string[], text: string): boolean {
  if (text.includes('\r')) return false;
  for (const f of fields) if (f !== '' && FORMULA_CODES.has(f.charCodeAt(0)) && runsAsFormula(f)) return false;
  return true;
}

/** The scoring columns that end an output CSV line. */
function scoreCells(result: Qualification, action: string): string {
  const g = result.gates;
  return `${result.verdict},${result.score},${g.need.status},${g.kp.status},${g.payment.status},${csvCell(action)}\r\n`;
}

/** The header line of the CSV output. */
export function csvHeader(headers: readonly string[]): string {
  return [...headers, ...SCORE_COLUMNS].map((h) => csvField(h)).join(',') + '\r\n';
}

/** CSV: the header (after a BOM, in a file), then one line per row. */
export const csvFormat: ScoreFormatModule = {
  renderer(headers) {
    const width = headers.length;
    return {
      text: ({ fields, unquoted, result, action }: ScoredRow) =>
        (unquoted !== undefined && fields.length === width && isPlainCsv(fields, unquoted) ? unquoted + ',' : csvCells(fields, width)) + scoreCells(result, action),
    };
  },
  writer(sink, { headers, bom }) {
    return {
      begin: () => sink.write((bom ? '\uFEFF' : '') + csvHeader(headers)),
      piece: async (rendered) => {
        if (rendered.length > 0) await sink.write(rendered);
      },
      end: async () => undefined,
    };
  },
};
