import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as csvParse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvParser, CsvStructureError } from '../../src/csv/parse.js';
import { recordEnds } from '../../src/csv/scan.js';
import { BareCrToLf, RecordSplitter, endsLinesWithBareCr } from '../../src/csv/split.js';
import { SPECTRUM } from '../helpers/files.js';

interface Rec {
  fields: string[];
  line: number;
  malformed: boolean;
}

/** Parses text fed in the given piece sizes (the parser must not care how text is cut). */
function parseText(text: string, delimiter = ',', cuts: readonly number[] = []): Rec[] {
  const out: Rec[] = [];
  const p = new CsvParser(delimiter, (fields, line, malformed) => out.push({ fields, line, malformed }));
  let pos = 0;
  for (const c of cuts) {
    const end = Math.min(text.length, pos + c);
    p.push(text.slice(pos, end));
    pos = end;
  }
  p.push(text.slice(pos));
  p.end();
  return out;
}

/** Splits text into pieces on record boundaries (fed in chunks), then parses each piece alone, as the workers do. */
function parseViaSplitter(text: string, delimiter = ',', chunk = 7): Rec[] {
  const out: Rec[] = [];
  const s = new RecordSplitter(delimiter, 1);
  const pieces = [];
  for (let i = 0; i < text.length; i += chunk) {
    const piece = s.push(text.slice(i, i + chunk));
    if (piece) pieces.push(piece);
  }
  const last = s.end();
  if (last) pieces.push(last);
  for (const piece of pieces) {
    const p = new CsvParser(delimiter, (fields, line, malformed) => out.push({ fields, line, malformed }), piece.startLine);
    p.push(piece.text);
    p.end();
  }
  return out;
}


describe('csv-spectrum conformance', () => {
  const cases = readdirSync(SPECTRUM).filter((f) => f.endsWith('.csv'));
  it('finds the cases', () => expect(cases.length).toBeGreaterThanOrEqual(11));
  it.each(cases)('%s parses to its JSON (whole, cut in pieces, and split on bytes)', (name) => {
    const text = readFileSync(join(SPECTRUM, name), 'utf8');
    const expected = JSON.parse(readFileSync(join(SPECTRUM, name.replace(/\.csv$/, '.json')), 'utf8')) as Array<Record<string, string>>;
    const toObjects = (recs: Rec[]) => {
      const [header, ...rows] = recs.map((r) => r.fields);
      return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]])));
    };
    expect(toObjects(parseText(text))).toEqual(expected);
    expect(toObjects(parseText(text, ',', [1, 2, 3, 5, 8, 13]))).toEqual(expected);
    expect(toObjects(parseViaSplitter(text, ',', 3))).toEqual(expected);
  });
});

describe('CsvParser', () => {
  it('numbers records by the physical line they start on', () => {
    const recs = parseText('a,b\n1,"x\ny"\n\n2,z\r\n"3\r\n\r\nq",w\n4,v');
    expect(recs.map((r) => [r.line, r.fields])).toEqual([
      [1, ['a', 'b']],
      [2, ['1', 'x\ny']],
      [5, ['2', 'z']],
      [6, ['3\r\n\r\nq', 'w']],
      [9, ['4', 'v']],
    ]);
  });

  it('keeps a quote inside an unquoted field as text, and flags text after a closing quote', () => {
    expect(parseText('27" monitor,ok\n')[0]).toEqual({ fields: ['27" monitor', 'ok'], line: 1, malformed: false });
    expect(parseText('"abc"def,ok\n')[0]).toEqual({ fields: ['abcdef', 'ok'], line: 1, malformed: true });
  });

  it('reads other delimiters and keeps empty fields', () => {
    expect(parseText('a;b;;"c;d"\n', ';')[0]!.fields).toEqual(['a', 'b', '', 'c;d']);
    expect(parseText('a\tb\t\n', '\t')[0]!.fields).toEqual(['a', 'b', '']);
    expect(parseText('"",""\n')[0]!.fields).toEqual(['', '']);
  });

  it('refuses a quote that never closes, naming the line where it opens', () => {
    expect(() => parseText('a,b\n1,2\n3,"never\nclosed\n4,5\n')).toThrow(expect.objectContaining({ line: 3, problem: 'unclosedQuote' }));
    try {
      parseText('a,b\n1,"x"\n2,y\n"oops,3\n');
    } catch (err) {
      expect(err).toBeInstanceOf(CsvStructureError);
      expect((err as CsvStructureError).line).toBe(4);
    }
  });

  it('matches csv-parse on well-formed CSV, however the text is cut', () => {
    const cell = fc.oneof(fc.string(), fc.constantFrom('', '"', '""', ',', '\n', '\r\n', ' a ', '中文,逗号', '="1+1"', 'x"y'));
    const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(table, fc.boolean(), fc.array(fc.integer({ min: 1, max: 9 })), (rows, crlf, cuts) => {
        const width = rows[0]!.length;
        const records = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
        // A single empty field is a blank line: both readers skip it, so leave such records out.
        const kept = records.filter((r) => !(r.length === 1 && r[0] === ''));
        fc.pre(kept.length > 0);
        const text = stringify(kept, { record_delimiter: crlf ? '\r\n' : '\n', quoted_match: /^$|^\s|\s$/ });
        const expected = csvParse(text, { relax_column_count: true }) as string[][];
        expect(parseText(text, ',', cuts).map((r) => r.fields)).toEqual(expected);
        expect(parseViaSplitter(text, ',', (cuts[0] ?? 4) + 1).map((r) => r.fields)).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('reads any text, well-formed or not, the same whole, cut, or split on bytes', () => {
    const text = fc.array(fc.constantFrom('a', 'é', '中', ',', ';', '"', '""', '\n', '\r\n', '\r', ' '), { maxLength: 60 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.integer({ min: 1, max: 6 })), fc.integer({ min: 1, max: 9 }), (t, cuts, chunk) => {
        let whole: Rec[] | Error;
        try {
          whole = parseText(t);
        } catch (err) {
          whole = err as Error;
        }
        if (whole instanceof Error) {
          expect(() => parseText(t, ',', cuts)).toThrow(CsvStructureError);
          expect(() => parseViaSplitter(t, ',', chunk)).toThrow(CsvStructureError);
          return;
        }
        expect(parseText(t, ',', cuts)).toEqual(whole);
        expect(parseViaSplitter(t, ',', chunk)).toEqual(whole);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('RecordSplitter', () => {
  it('cuts only at record ends, tracking lines, across Chinese text', () => {
    const text = 'a,"多行\n文本"\nb,c\n"d""",e\n';
    const s = new RecordSplitter(',', 2);
    const first = s.push(text.slice(0, 6));
    expect(first).toBeUndefined();
    const piece = s.push(text.slice(6));
    expect(piece?.startLine).toBe(2);
    expect(piece!.text).toBe(text);
    expect(s.end()).toBeUndefined();
  });

  it('refuses a quote still open at the end, naming its line', () => {
    const s = new RecordSplitter(',', 10);
    expect(s.push('a,b\nc,"d\ne\n')?.startLine).toBe(10);
    expect(() => s.end()).toThrow(expect.objectContaining({ line: 11, problem: 'unclosedQuote' }));
  });

  it('hands out every record as soon as it ends, whatever the chunking (a field kept open is not scanned again)', () => {
    const text = fc.array(fc.constantFrom('a', '中', ',', '"', '""', '\n'), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(40), { maxLength: 6 }), (t, cuts) => {
        const bounds = [0, ...[...new Set(cuts.map((c) => Math.min(c, t.length)))].sort((a, b) => a - b), t.length];
        const s = new RecordSplitter(',', 1);
        let out = '';
        for (let i = 1; i < bounds.length; i++) {
          out += s.push(t.slice(bounds[i - 1], bounds[i]))?.text ?? '';
          // What a scan of all the text so far finds complete.
          expect(out).toBe(t.slice(0, Math.max(0, recordEnds(t.slice(0, bounds[i]), 44, false).cut)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('finds the end of the first record with the delimiter in force', () => {
    expect(recordEnds('"a\nb";c\n1;2\n', 59, false, true).cut).toBe(8);
    expect(recordEnds('a,b', 44, false, true).cut).toBe(-1);
  });
});

describe('bare-CR line ends (classic Mac Excel)', () => {
  it('are told from the first line end outside quotes', () => {
    expect(endsLinesWithBareCr('a,b\rx,y\r', ',', false)).toBe(true);
    expect(endsLinesWithBareCr('\r\ra;b\r', ';', false)).toBe(true);
    expect(endsLinesWithBareCr('"a\nb",c\rx,y\r', ',', false)).toBe(true);
    expect(endsLinesWithBareCr('a|"b\r\n"\rx|y', '|', false)).toBe(true);
    expect(endsLinesWithBareCr('a,b\r\nx,y\r\n', ',', false)).toBe(false);
    expect(endsLinesWithBareCr('a,b\nx\r,y\n', ',', false)).toBe(false);
    expect(endsLinesWithBareCr('"a\rb",c\nx,y\n', ',', false)).toBe(false);
    expect(endsLinesWithBareCr('a,b', ',', true)).toBe(false);
    // A CR at the very end: bare only when nothing follows.
    expect(endsLinesWithBareCr('a,b\r', ',', true)).toBe(true);
    expect(endsLinesWithBareCr('a,b\r', ',', false)).toBe(false);
  });

  it('become LF whatever the chunking (a CRLF stays)', () => {
    const text = fc.array(fc.constantFrom('a', '中', ',', '"', '\r', '\n', '\r\n', '\r\r'), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 7 }), (t, chunk) => {
        const toLf = new BareCrToLf();
        let out = '';
        for (let i = 0; i < t.length; i += chunk) out += toLf.push(t.slice(i, i + chunk));
        out += toLf.end();
        expect(out).toBe(t.replace(/\r(?!\n)/g, '\n'));
      }),
      { numRuns: 1000 },
    );
  });
});
