import iconv from 'iconv-lite';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../e2e/helpers.js';
import { decodePiece } from '../../src/csv/decode.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCsv, parseRecords, readCsv, sniffDelimiter, type ByteSource, type ReadCsvOptions } from '../../src/csv/read.js';
import { csvCell } from '../../src/csv/scorer.js';
import { csvField } from '../../src/output/csv-cell.js';

/** A byte source over memory, handing out chunks of the given size. */
function memory(bytes: Uint8Array, chunk = 5): ByteSource {
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  return { name: 'mem.csv', size: bytes.length, chunks: chunks(), close: async () => undefined };
}

async function readAll(bytes: Uint8Array, options: ReadCsvOptions = {}, chunk = 5) {
  const csv = await openCsv(memory(bytes, chunk), options);
  const rows: Array<{ line: number; fields: string[] }> = [];
  for await (const p of csv.pieces()) parseRecords(decodePiece(p.bytes, p.encoding), csv.head.delimiter, p.startLine, (fields, line) => rows.push({ line, fields }));
  return { head: csv.head, rows };
}

const GBK_TEXT = '客户名称,联系人,预算\r\n上海华信科技有限公司,王建国,12万\r\n北京恒达,李芳,\r\n';

describe('encoding', () => {
  it('reads GBK without a BOM by strict decoding (auto → gb18030), whatever the chunk size', async () => {
    for (const chunk of [1, 3, 64, 1 << 16]) {
      const { head, rows } = await readAll(iconv.encode(GBK_TEXT, 'gbk'), {}, chunk);
      expect(head.encoding).toBe('gb18030');
      expect(head.headers).toEqual(['客户名称', '联系人', '预算']);
      expect(rows).toEqual([
        { line: 2, fields: ['上海华信科技有限公司', '王建国', '12万'] },
        { line: 3, fields: ['北京恒达', '李芳', ''] },
      ]);
    }
  });

  it('reads short GBK text that a statistical detector would call something else', async () => {
    const { head, rows } = await readAll(iconv.encode('公司\n华信\n', 'gbk'));
    expect(head.encoding).toBe('gb18030');
    expect(rows[0]!.fields).toEqual(['华信']);
  });

  it('reads UTF-8 with and without a BOM; the BOM never leaks into the first header', async () => {
    const withBom = await readAll(Buffer.from('\uFEFFCompany,Amount\n华信,1\n'));
    expect(withBom.head).toMatchObject({ encoding: 'utf8', bom: true, headers: ['Company', 'Amount'] });
    const without = await readAll(Buffer.from('Company,Amount\n华信,1\n'));
    expect(without.head).toMatchObject({ encoding: 'utf8', bom: false });
    expect(without.rows[0]!.fields).toEqual(['华信', '1']);
  });

  it('settles auto on the first non-ASCII bytes, however late they come', async () => {
    const ascii = 'Company,Note\n' + 'Acme,ok\n'.repeat(20_000);
    const { rows } = await readAll(Buffer.concat([Buffer.from(ascii), iconv.encode('华信,备注\n', 'gbk')]), {}, 4096);
    expect(rows.at(-1)).toEqual({ line: 20_002, fields: ['华信', '备注'] });
  });

  it('reads UTF-16LE (BOM, or Excel "Unicode Text" without one) and UTF-16BE with a BOM', async () => {
    const text = 'Company\tContact\n华信\t王\n';
    const le = await readAll(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), {}, 3);
    expect(le.head).toMatchObject({ encoding: 'utf16le', delimiter: '\t', headers: ['Company', 'Contact'] });
    expect(le.rows[0]!.fields).toEqual(['华信', '王']);
    expect((await readAll(Buffer.from(text, 'utf16le'))).rows[0]!.fields).toEqual(['华信', '王']);
    const be = Buffer.from(text, 'utf16le').swap16();
    expect((await readAll(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).rows[0]!.fields).toEqual(['华信', '王']);
  });

  it('--encoding forces a decoding; bytes that are not UTF-8 then fail with their line', async () => {
    const gbk = iconv.encode(GBK_TEXT, 'gbk');
    expect((await readAll(gbk, { encoding: 'gbk' })).rows[0]!.fields[0]).toBe('上海华信科技有限公司');
    await expect(readAll(gbk, { encoding: 'utf8' })).rejects.toMatchObject({ exitCode: 65, key: 'csv.badEncoding', params: { line: 1 } });
    // Settled on UTF-8 by its first 64 KB, the file later turns to GBK: refused at that line, not misread.
    const mixed = Buffer.concat([Buffer.from('a,b\n' + '中,文\n'.repeat(20_000)), iconv.encode('华,信\n', 'gbk')]);
    await expect(readAll(mixed, {}, 4096)).rejects.toMatchObject({ key: 'csv.badEncoding', params: { line: 20_002 }, hintKey: 'csv.hintMixedEncoding' });
    // A small file is decided on all its bytes: not all UTF-8, so GB18030.
    const small = Buffer.concat([Buffer.from('a,b\n'), iconv.encode('华,信\n', 'gbk')]);
    expect((await readAll(small)).rows[0]!.fields).toEqual(['华', '信']);
  });

  it('refuses empty files, workbooks and binary data with a clear message (exit 65)', async () => {
    await expect(readAll(Buffer.alloc(0))).rejects.toMatchObject({ exitCode: 65, key: 'csv.empty' });
    await expect(readAll(Buffer.from('\uFEFF'))).rejects.toMatchObject({ key: 'csv.empty' });
    await expect(readAll(Buffer.from('\n\r\n\n'))).rejects.toMatchObject({ key: 'csv.empty' });
    await expect(readAll(Buffer.from('PK\u0003\u0004xl/workbook.xml'))).rejects.toMatchObject({ key: 'csv.workbook', hintKey: 'csv.hintSaveAsCsv' });
    await expect(readAll(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).rejects.toMatchObject({ key: 'csv.binary' });
  });
});

describe('header and delimiter', () => {
  it('detects , ; and tab from the header, outside quotes', () => {
    expect(sniffDelimiter('a,b,c\n1;2;3;4;5')).toBe(',');
    expect(sniffDelimiter('"Company, Inc.";Name;Email')).toBe(';');
    expect(sniffDelimiter('a\tb\tc')).toBe('\t');
    expect(sniffDelimiter('Company')).toBe(',');
  });

  it('skips blank lines before the header and keeps physical line numbers', async () => {
    const { head, rows } = await readAll(Buffer.from('\r\n\nCompany;Amount\n\nAcme;"1\n2"\nB;3'));
    expect(head).toMatchObject({ headerLine: 3, delimiter: ';', headers: ['Company', 'Amount'] });
    expect(rows).toEqual([
      { line: 5, fields: ['Acme', '1\n2'] },
      { line: 7, fields: ['B', '3'] },
    ]);
  });

  it("follows Excel's sep= line", async () => {
    const { head, rows } = await readAll(Buffer.from('sep=;\r\nCompany;Note,with comma\r\nAcme;a,b\r\n'));
    expect(head).toMatchObject({ delimiter: ';', headerLine: 2, headers: ['Company', 'Note,with comma'] });
    expect(rows).toEqual([{ line: 3, fields: ['Acme', 'a,b'] }]);
  });

  it('refuses a quote never closed (exit 65, the line where it opens)', async () => {
    await expect(readAll(Buffer.from('a,b\n1,2\n3,"x\n4,5\n6,7\n'))).rejects.toMatchObject({ exitCode: 65, key: 'csv.unclosedQuote', params: { line: 3 } });
  });
});

describe('bare-CR line ends (classic Mac Excel)', () => {
  const { dir, cleanup } = tempDir('leadq-read-');
  afterAll(cleanup);
  const MAC = 'sep=,\r\rCompany,Note\rAcme,"two\rlines"\r\rGlobex,"crlf\r\ninside"\rInitech,x\r';
  const EXPECTED = [
    { line: 4, fields: ['Acme', 'two\nlines'] },
    { line: 7, fields: ['Globex', 'crlf\r\ninside'] },
    { line: 9, fields: ['Initech', 'x'] },
  ];

  it('reads every record, cells keeping their line breaks (a bare CR as LF), lines numbered as physical lines, whatever the chunk size', async () => {
    for (const chunk of [1, 2, 3, 5, 64, 1 << 16]) {
      const { head, rows } = await readAll(Buffer.from(MAC), {}, chunk);
      expect(head).toMatchObject({ headers: ['Company', 'Note'], headerLine: 3, delimiter: ',' });
      expect(rows).toEqual(EXPECTED);
    }
  });

  it('reads them in GBK, UTF-16 and with a BOM; a file ending without a line end keeps its last record', async () => {
    const gbk = await readAll(iconv.encode('公司,备注\r华信,"多\r行"\r恒达,无', 'gbk'), {}, 3);
    expect(gbk.head).toMatchObject({ encoding: 'gb18030', headers: ['公司', '备注'] });
    expect(gbk.rows).toEqual([
      { line: 2, fields: ['华信', '多\n行'] },
      { line: 4, fields: ['恒达', '无'] },
    ]);
    const utf16 = await readAll(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Company\tNote\r华信\tok\r', 'utf16le')]), {}, 4);
    expect(utf16.rows).toEqual([{ line: 2, fields: ['华信', 'ok'] }]);
    expect((await readAll(Buffer.from('\uFEFFCompany;Note\rAcme;1\r'))).rows).toEqual([{ line: 2, fields: ['Acme', '1'] }]);
  });

  it('a quote never closed is still refused at the line it opens on', async () => {
    await expect(readAll(Buffer.from('a,b\r1,2\r3,"x\r4,5\r'))).rejects.toMatchObject({ key: 'csv.unclosedQuote', params: { line: 3 } });
  });

  it('readCsv (top20 import) reads a CR-only file from disk', async () => {
    const file = join(dir, 'top20-mac.csv');
    writeFileSync(file, 'industry,rank,company\rSaaS,1,Acme\rSaaS,2,Globex\r');
    const { head, records } = await readCsv(file, process.stdin);
    const rows = [];
    for await (const r of records) rows.push([r.line, ...r.fields]);
    expect(head.headers).toEqual(['industry', 'rank', 'company']);
    expect(rows).toEqual([
      [2, 'SaaS', '1', 'Acme'],
      [3, 'SaaS', '2', 'Globex'],
    ]);
  });
});

describe('csvCell', () => {
  it('is csvField for strings (formula-safe, quoted when needed)', () => {
    const cell = fc.oneof(fc.string(), fc.constantFrom('=1+1', '+86 21', '-5', '@SUM(A1)', '＝1', '＋1', '－1', '＠x', '\tx', '\rx', 'a"b', 'a,b', 'a\nb', ''));
    fc.assert(
      fc.property(cell, (s) => {
        expect(csvCell(s)).toBe(csvField(s));
      }),
      { numRuns: 2000 },
    );
  });
});
