import { parse as csvParse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/files.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BAD_BYTES, gb18030Decoders } from '../../src/csv/decode.js';
import { openCsv, parseRecords, readCsv, sniffDelimiter, type ByteSource, type ReadCsvOptions } from '../../src/csv/read.js';
import { csvCell } from '../../src/csv/formats/csv.js';
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
  for await (const p of csv.pieces()) parseRecords(p.texts, csv.head.delimiter, p.startLine, (fields, line) => rows.push({ line, fields }));
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

  it('--encoding forces a decoding: a header that is not valid in it is refused, data rows with invalid bytes are marked', async () => {
    const gbk = iconv.encode(GBK_TEXT, 'gbk');
    expect((await readAll(gbk, { encoding: 'gbk' })).rows[0]!.fields[0]).toBe('上海华信科技有限公司');
    await expect(readAll(gbk, { encoding: 'utf8' })).rejects.toMatchObject({ exitCode: 65, key: 'csv.headerBadBytes', params: { line: 1, encoding: 'UTF-8' } });
    const rows = (await readAll(Buffer.concat([Buffer.from('a,b\n1,2\n'), iconv.encode('华,信\n', 'gbk'), Buffer.from('3,4\n')]), { encoding: 'utf8' })).rows;
    expect(rows.map((r) => r.fields.some((f) => f.includes(BAD_BYTES)))).toEqual([false, true, false]);
  });

  it('auto decides on the whole file: UTF-8 that turns to GBK later is refused at that line (exit 65), never misread', async () => {
    const mixed = Buffer.concat([Buffer.from('a,b\n' + '中,文\n'.repeat(20_000)), iconv.encode('华,信\n', 'gbk')]);
    await expect(readAll(mixed, {}, 4096)).rejects.toMatchObject({ key: 'csv.mixedEncoding', params: { line: 20_002, encoding: 'UTF-8' }, hintKey: 'csv.hintMixedEncoding' });
    // A small file: accented UTF-8 is valid GB18030 byte for byte, so deciding on the whole chunk read Müller as
    // M眉ller; the first non-ASCII line decides, wherever the chunk ends (issue 9 item 4's reproducer).
    for (const lines of [1, 1_000, 1_300]) {
      const small = Buffer.concat([Buffer.from('Company,Contact\n' + 'Müller GmbH,Jürgen\n'.repeat(lines)), iconv.encode('上海华信科技有限公司,王\n', 'gbk')]);
      await expect(readAll(small), `${lines} UTF-8 lines`).rejects.toMatchObject({ key: 'csv.mixedEncoding', params: { line: lines + 2 } });
    }
    // A GBK file whose first non-ASCII line is GBK stays GBK.
    await expect(readAll(iconv.encode('客户名称,联系人\n上海华信,王建国\n', 'gbk'))).resolves.toBeDefined();
    // In one chunk: line 2 is UTF-8, so line 3's GBK is a mixed encoding.
    const small = Buffer.concat([Buffer.from('a,b\n中,文\n'), iconv.encode('华,信\n', 'gbk')]);
    await expect(readAll(small)).rejects.toMatchObject({ key: 'csv.mixedEncoding', params: { line: 3 } });
    // A first non-ASCII line valid in neither encoding names that line.
    const neither = Buffer.concat([Buffer.from('a,b\n'), Buffer.from([0xff, 0x2c, 0x41, 0x0a])]);
    await expect(readAll(neither)).rejects.toMatchObject({ key: 'csv.notUtf8NorGb18030', params: { line: 2 } });
    // ASCII then GBK: GB18030 from the first non-ASCII byte on, to the end.
    const late = Buffer.concat([Buffer.from('a,b\n'), iconv.encode('华,信\n', 'gbk')]);
    expect((await readAll(late)).rows[0]!.fields).toEqual(['华', '信']);
  });

  it('auto, GBK first: a later line of UTF-8 text (accented words, Chinese) is refused at that line, not read as GB18030 mojibake', async () => {
    // Müller's UTF-8 bytes are valid GB18030 (M眉ller): the whole file decodes as GB18030 without an error.
    for (const [utf8, chunk] of [
      ['Müller GmbH,Jürgen\n', 64 * 1024],
      ['Société Générale,Zoë\n', 7],
      ['上海华信科技有限公司,王伟\n', 4096],
    ] as const) {
      const mixed = Buffer.concat([Buffer.from('Company,Contact\n'), iconv.encode('上海华信,王\n', 'gbk'), Buffer.from('Acme,Bob\n'.repeat(500)), Buffer.from(utf8)]);
      await expect(readAll(mixed, {}, chunk), utf8).rejects.toMatchObject({ exitCode: 65, key: 'csv.utf8AmongGbk', params: { line: 503 }, hintKey: 'csv.hintMixedEncoding' });
      // Named, it is read as asked.
      expect((await readAll(mixed, { encoding: 'gb18030' }, chunk)).rows).toHaveLength(502);
    }
    // Chinese in GBK is valid UTF-8 now and then (王 no, 卢 and 路露 yes: 49 of these 729 lines): names in cells of
    // their own still read as GBK.
    const names = '张伟 王芳 李娜 刘洋 陈静 杨勇 黄艳 赵杰 吴娟 周涛 徐明 孙超 马兰 朱霞 胡平 郭刚 何英 高磊 林军 罗敏 卢 梅 毛 莫 路露 鲁梅 陆茂'.split(' ');
    const gbk = iconv.encode('客户名称,联系人,电话\n' + names.flatMap((n) => names.map((m) => `Acme ${n},${m},13800000000\n`)).join(''), 'gbk');
    expect((await readAll(gbk)).rows).toHaveLength(names.length ** 2);
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

  it('counts the fields of whole records, quotes honoured: delimiters inside quoted cells do not count', () => {
    // Counted on raw lines, every row has exactly one comma (inside its quotes) and the semicolons vary: "," would win.
    const export_ = 'Company;Notes\n"Acme; Europe, Inc";x\n"Globex, Ltd";y\n"Initech; Asia, Co";z\n"Umbrella, AG";w\n';
    expect(sniffDelimiter(export_)).toBe(';');
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

/** The records of bytes read through openCsv in chunks of the given size, as csv-parse-comparable rows (header first). */
async function readTable(bytes: Uint8Array, options: ReadCsvOptions, chunk: number): Promise<string[][]> {
  const { head, rows } = await readAll(bytes, options, chunk);
  return [head.headers, ...rows.map((r) => r.fields)];
}

describe('reproducers from differential testing (issue 11, item 7)', () => {
  it('a ; file whose header holds `,"` keeps every data row (the header scan used , ; and tab whatever the delimiter)', async () => {
    const text = 'Firma;Ort;Notiz,"intern\nAcme;Berlin;a\nGlobex;Bonn;b\nInitech;Köln;c\n';
    for (const chunk of [1, 7, 64]) {
      const { head, rows } = await readAll(Buffer.from(text), {}, chunk);
      expect(head).toMatchObject({ delimiter: ';', headers: ['Firma', 'Ort', 'Notiz,"intern'] });
      expect(rows.map((r) => r.fields[0])).toEqual(['Acme', 'Globex', 'Initech']);
    }
  });

  it('a | file with a quoted multi-line header cell is read, not refused as never closed', async () => {
    const { head, rows } = await readAll(Buffer.from('Company|"Note\nmore"\nAcme|x\n'), { delimiter: '|' }, 3);
    expect(head.headers).toEqual(['Company', 'Note\nmore']);
    expect(rows).toEqual([{ line: 3, fields: ['Acme', 'x'] }]);
  });

  it('| in GBK files, where 東 ends in the byte of |, and a full-width ； delimiter, read the same whatever the chunk size', async () => {
    const table = [
      ['公司', '备注'],
      ['東方"電子', '"引号"'],
      ['東', '東|東'],
      ['a', 'b'],
    ];
    for (const [delimiter, encoding] of [['|', 'gbk'], ['；', 'gbk'], ['；', 'utf8']] as const) {
      const text = stringify(table, { delimiter, record_delimiter: '\r\n' });
      const bytes = encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text);
      for (const chunk of [1, 2, 3, 5, 11, 1 << 16]) {
        expect(await readTable(bytes, { delimiter, encoding }, chunk), `${delimiter} ${encoding} ${chunk}`).toEqual(table);
      }
    }
    // `auto` finds the encoding the same way.
    expect(await readTable(iconv.encode(stringify(table, { delimiter: '|' }), 'gbk'), { delimiter: '|' }, 3)).toEqual(table);
  });

  it('guesses ; for exports whose header cells hold commas, as Python\'s sniffer does', async () => {
    const text = 'Name, Vorname;Straße, Nr.;PLZ, Ort\nMüller, Hans;Hauptstr. 1;10115 Berlin\nSchmidt, Eva;Ring 2;80331 München\n';
    expect(sniffDelimiter(text)).toBe(';');
    expect((await readAll(Buffer.from(text))).head.headers).toEqual(['Name, Vorname', 'Straße, Nr.', 'PLZ, Ort']);
    // A quote inside a field is no quote: it does not hide the ; that follow.
    expect(sniffDelimiter('Size;Note\n27" screen;ok, fine\n24" screen;good\n')).toBe(';');
  });

  it('a bare CR at the very end is a line end on every path: whole, cut, split', async () => {
    for (const text of ['Company,Budget\nAcme,1\r', 'Company,Budget\n"Acme",1\r', 'Company,Budget\nAcme,"1"\r', 'Company,Budget\n"Acme","1"\r']) {
      for (const chunk of [1, 2, 100]) {
        const { rows } = await readAll(Buffer.from(text), {}, chunk);
        expect(rows, JSON.stringify(text)).toEqual([{ line: 2, fields: ['Acme', '1'] }]);
      }
    }
  });

  it('broken quoting in the header is refused (exit 65); a first line of spaces or ,, is skipped, not "no header"', async () => {
    await expect(readAll(Buffer.from('"Company"x,Budget\nAcme,1\n'))).rejects.toMatchObject({ exitCode: 65, key: 'csv.headerQuote', params: { line: 1 } });
    for (const [first, d] of [['   \n', ','], [',,\n', ','], [' , ,\n', ','], [';;\r\n', ';'], ['\t\t\n', '\t']]) {
      const { head, rows } = await readAll(Buffer.from(`${first}Company${d}Budget\nAcme${d}1\n`));
      expect(head, JSON.stringify(first)).toMatchObject({ headers: ['Company', 'Budget'], headerLine: 2 });
      expect(rows).toEqual([{ line: 3, fields: ['Acme', '1'] }]);
    }
  });

  it('an unquoted line of 20 MB is "a line longer than 16 MB", not a quote never closed', async () => {
    const long = Buffer.concat([Buffer.from('Company,Note\nAcme,'), Buffer.alloc(20 * 1024 * 1024, 0x78), Buffer.from('\n')]);
    await expect(readAll(long, {}, 1 << 20)).rejects.toMatchObject({ exitCode: 65, key: 'csv.lineTooLong', params: { line: 2 }, hintKey: 'csv.hintLineTooLong' });
    const quoted = Buffer.concat([Buffer.from('Company,Note\nAcme,"'), Buffer.from('xxxxxxx\n'.repeat(2.5 * 1024 * 1024))]);
    await expect(readAll(quoted, {}, 1 << 20)).rejects.toMatchObject({ key: 'csv.recordTooLarge', params: { line: 2 } });
  });
});

describe('the reader against csv-parse, on bytes in any chunking (UTF-8 and GBK, any delimiter)', () => {
  it('reads what csv-stringify wrote, exactly', async () => {
    const cell = fc.oneof(fc.constantFrom('', '"', '東', '東|', '|', ',', ';', '\n', '\r\n', '中文', 'a"b', ' x ', '；', '\t'), fc.stringMatching(/^[a-z東中 ]{0,6}$/));
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(table, fc.constantFrom(',', ';', '|', '\t', '；'), fc.constantFrom('utf8', 'gbk'), fc.integer({ min: 1, max: 13 }), async (rows, delimiter, encoding, chunk) => {
        const width = rows[0]!.length;
        const records = [['Company', ...Array.from({ length: width - 1 }, (_, i) => `c${i}`)], ...rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''))];
        // Blank records are skipped by both readers: leave them out.
        const kept = records.filter((r, i) => i === 0 || r.some((f) => f.trim() !== ''));
        const text = stringify(kept, { delimiter, record_delimiter: '\r\n', quoted_match: /^$|^\s|\s$/ });
        const expected = csvParse(text, { delimiter, relax_column_count: true }) as string[][];
        const bytes = encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text);
        expect(await readTable(bytes, { delimiter, encoding }, chunk)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('title rows above the header (issue 11, item 3)', () => {
  const TITLED = '2026年11月客户跟进表,,,\r\n制表：销售部,,,\r\n客户名称,联系人,需求,预算(万元)\r\n上海华信,王建国,想换,15\r\n';
  const isHeader = (fields: readonly string[]) => fields.includes('客户名称');

  it('the header is the first of the first 20 lines the caller recognises; the lines above are skipped and told', async () => {
    const { head, rows } = await readAll(Buffer.from(TITLED), { isHeader }, 7);
    expect(head).toMatchObject({ headerLine: 3, headers: ['客户名称', '联系人', '需求', '预算(万元)'], skippedCount: 2 });
    expect(head.skipped).toEqual([
      { line: 1, text: '2026年11月客户跟进表' },
      { line: 2, text: '制表：销售部' },
    ]);
    expect(rows).toEqual([{ line: 4, fields: ['上海华信', '王建国', '想换', '15'] }]);
  });

  it('when no line is recognised, the first line is the header and the rest is data, as in any CSV', async () => {
    const { head, rows } = await readAll(Buffer.from('a,b\n\n1,2\n3,4\n'), { isHeader: () => false });
    expect(head).toMatchObject({ headerLine: 1, headers: ['a', 'b'], skippedCount: 0 });
    expect(rows).toEqual([
      { line: 3, fields: ['1', '2'] },
      { line: 4, fields: ['3', '4'] },
    ]);
  });

  it('--header-row N forces the line; a line inside a record, or past the end, is exit 64', async () => {
    const { head, rows } = await readAll(Buffer.from(TITLED), { headerRow: 2, isHeader });
    expect(head).toMatchObject({ headerLine: 2, headers: ['制表：销售部', '', '', ''], skippedCount: 1 });
    expect(rows[0]).toEqual({ line: 3, fields: ['客户名称', '联系人', '需求', '预算(万元)'] });
    await expect(readAll(Buffer.from('a,"b\nc"\nx,y\n'), { headerRow: 2 })).rejects.toMatchObject({ exitCode: 64, key: 'csv.headerRowNotStart', params: { row: 2, line: 1 } });
    await expect(readAll(Buffer.from('a,b\n1,2\n'), { headerRow: 9 })).rejects.toMatchObject({ exitCode: 64, key: 'csv.headerRowPast' });
  });

  it('reads a sample of the first data records ahead, and they are still all in the pieces', async () => {
    const text = 'Company,Budget\n' + Array.from({ length: 50 }, (_, i) => `C${i},${i}\n`).join('');
    const csv = await openCsv(memory(Buffer.from(text), 16), { sampleRows: 10 });
    expect(csv.head.sample).toHaveLength(10);
    expect(csv.head.sample[9]).toEqual(['C9', '9']);
    let count = 0;
    for await (const p of csv.pieces()) parseRecords(p.texts, ',', p.startLine, () => count++);
    expect(count).toBe(50);
  });
});

describe('UTF-16 with a lone surrogate', () => {
  it('marks the row (rejected by the scorer), never turning it into U+FFFD silently', async () => {
    const units = Buffer.from('Company\tNote\n华信\tok\nX\tY\n', 'utf16le');
    // A lone high surrogate in the third line's first cell.
    const bad = Buffer.concat([Buffer.from([0xff, 0xfe]), units.subarray(0, 38), Buffer.from([0x00, 0xd8]), units.subarray(38)]);
    const { rows } = await readAll(bad, {}, 3);
    expect(rows.map((r) => r.fields.some((f) => f.includes(BAD_BYTES)))).toEqual([false, true]);
  });
});

describe('GB18030 without full ICU', () => {
  it('falls back to iconv-lite, still refusing invalid bytes', () => {
    const { strict, lenient } = gb18030Decoders(() => {
      throw new RangeError('The "gb18030" encoding is not supported');
    });
    expect(strict(iconv.encode('上海华信,東|京', 'gbk'))).toBe('上海华信,東|京');
    expect(() => strict(Buffer.from([0x81, 0x22, 0x41]))).toThrow();
    expect(lenient(Buffer.from([0x81, 0x22, 0x41]))).toContain('"A');
  });
});
