import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/output/width.js';
import { GEN_LEADS, ROOT, SPECTRUM, tempDir } from '../helpers/files.js';
import { leadq } from '../helpers/leadq.js';

const { dir, cleanup } = tempDir('leadq-score-');
afterAll(cleanup);

const SAMPLES = join(ROOT, 'data/samples');
const ADDED = ['verdict', 'score', 'need', 'kp', 'payment', 'next_action'];

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('leadq score: csv-spectrum conformance', () => {
  const cases = readdirSync(SPECTRUM).filter((f) => f.endsWith('.csv'));
  it('finds the cases', () => expect(cases.length).toBeGreaterThanOrEqual(11));
  it.each(cases)('%s keeps every input value exactly (--format json)', async (name) => {
    const text = readFileSync(join(SPECTRUM, name), 'utf8');
    const expected = JSON.parse(readFileSync(join(SPECTRUM, name.replace(/\.csv$/, '.json')), 'utf8')) as Array<Record<string, string>>;
    const company = Object.keys(expected[0]!)[0]!;
    const r = await leadq(['score', file(name, text), '--map', `company=${company}`, '--format', 'json']);
    expect(r.stderr).toMatch(/rejected/);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(rows.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !ADDED.includes(k))))).toEqual(expected);
    for (const row of rows) {
      expect(Object.keys(row).slice(-6)).toEqual(ADDED);
      expect(typeof row.score).toBe('number');
    }
  });
});

describe('leadq score: samples', () => {
  it('scores the Salesforce-style sample to stdout: CSV without BOM, the rejected row on stderr, a summary', async () => {
    const r = await leadq(['score', join(SAMPLES, 'leads.csv')]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\r\n');
    expect(lines[0]).toBe('First Name,Last Name,Title,Company / Account,Lead Source,Industry,Phone,Email,Lead Status,Need,Decision Maker,Other Decider,Amount,Budget,Funds Available,Sees Value,Competitor,Description,verdict,score,need,kp,payment,next_action');
    expect(lines[1]).toMatch(/^Maria,Keller,CEO,Keller Logistik GmbH,.*,precise,\d+,pass,pass,pass,/);
    // A phone number starting with + stays as it is (a CRM re-importing it must get the number); a pasted formula is neutralised, its content kept.
    expect(lines[1]).toContain(',+49 30 5550 1200,');
    expect(r.stdout).toContain(`"'=HYPERLINK(""http://example.com"") pasted from a web form"`);
    // Words where an amount should be are not understood: the amount is unknown, the row scored, the cell counted.
    expect(r.stderr).toMatch(/^leadq: 30 rows: 4 precise, 24 qualifying, 2 disqualified, 0 rejected \(30 read\) in \d+\.\d s\n/);
    expect(r.stderr).toContain('leadq: payment.price (Amount): 1 cells not understood, read as unknown: "call back next week" ×1\n');
  });

  it('the Chinese table view names the score column 分数, as lead list does', async () => {
    const r = await leadq(['--lang', 'zh', 'score', join(SAMPLES, 'leads-gbk.csv'), '--format', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^公司 +结论 +分数 +下一步$/);
  });

  it('scores the Chinese GBK export to a file with a BOM, rejects beside it, summary in Chinese', async () => {
    const out = join(dir, 'scored-gbk.csv');
    const r = await leadq(['--lang', 'zh', 'score', join(SAMPLES, 'leads-gbk.csv'), '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const scored = readFileSync(out, 'utf8');
    expect(scored.startsWith('\uFEFF客户名称,统一社会信用代码,联系人,职位')).toBe(true);
    expect(scored).toContain('上海华信科技有限公司');
    expect(scored).toContain(',precise,97,pass,pass,pass,去拜访 KP：带上价值账；离开前请他转介绍 1–3 个客户\r\n');
    const rejects = readFileSync(`${out}.rejects.csv`, 'utf8');
    expect(rejects.split('\r\n')[0]).toBe('\uFEFFline,reason,客户名称,统一社会信用代码,联系人,职位,行业,线索来源,需求,决策人,其他决策人,报价,预算,资金情况,认可价值,竞品,手机,邮箱,备注');
    // 预算 待定 is a placeholder: the row is scored with the budget unknown.
    expect(rejects).not.toContain('武汉星河传媒有限公司');
    expect(scored).toMatch(/武汉星河传媒有限公司,.*,待定,.*,qualifying,/);
    expect(rejects).toContain('21,没有公司名（客户名称 为空）');
    expect(rejects).toContain('30,应有 17 个字段，实际 18 个,浙江恒达,控股集团有限公司');
    expect(r.stderr).toMatch(/^leadq: 已打分 27 行：精准 4，待确认 22，放手 1，拒绝 2（共读取 29 行），用时 \d+\.\d 秒\n/m);
  });

  it('--strict: any reject is exit 65 and no output file is left', async () => {
    const out = join(dir, 'strict.csv');
    const r = await leadq(['score', join(SAMPLES, 'leads-gbk.csv'), '--out', out, '--strict']);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain('leadq: 2 rows rejected and --strict given: nothing was written or imported\n');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.rejects.csv`)).toBe(true);
  });

  it('--strict to stdout: the rows already printed are not denied (the message counts them)', async () => {
    const r = await leadq(['score', join(SAMPLES, 'leads-gbk.csv'), '--format', 'ndjson', '--strict']);
    expect(r.code).toBe(65);
    expect(r.stdout.trim().split('\n')).toHaveLength(27);
    expect(r.stderr).toContain('leadq: 2 rows rejected and --strict given: nothing was imported, but 27 rows had already gone to stdout\n');
    const zh = await leadq(['--lang', 'zh', 'score', join(SAMPLES, 'leads-gbk.csv'), '--format', 'ndjson', '--strict']);
    expect(zh.stderr).toContain('leadq: 有 2 行被拒绝且指定了 --strict：没有导入任何数据，但已有 27 行评分结果输出到标准输出\n');
  });
});

describe('leadq score: formats and options', () => {
  const hubspot = file('hubspot.csv', '\uFEFFRecord ID;First Name;Last Name;Company Name;Job Title;Original Source;Need;Decision Maker;Amount;Budget\r\n1;Ann;Lee;"Acme; Inc.";CEO;Referrals;Switching;Yes;10000;20000\r\n2;Bo;Li;Globex;Sales Rep;Offline Sources;;;;\r\n');

  it('reads a semicolon export with a BOM; ndjson has the input headers as keys and the score as a number', async () => {
    const r = await leadq(['score', hubspot, '--format', 'ndjson']);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows[0]).toMatchObject({ 'Record ID': '1', 'Company Name': 'Acme; Inc.', verdict: 'qualifying', need: 'pass', kp: 'unknown' });
    expect(typeof rows[0]!.score).toBe('number');
    expect(rows[1]).toMatchObject({ 'Company Name': 'Globex', need: 'unknown' });
  });

  it('--show-mapping prints the mapping and the unmapped headers, then exits', async () => {
    const r = await leadq(['score', hubspot, '--show-mapping']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('preset: hubspot (detected)');
    expect(r.stdout).toContain('delimiter: ";"');
    expect(r.stdout).toMatch(/lead\.company\s+Company Name/);
    expect(r.stdout).toMatch(/kp\.signsFinal\s+Decision Maker/);
    expect(r.stdout).toContain('unmapped headers: "Record ID"');
    expect(r.stderr).toBe('');
  });

  it('--map overrides, --preset forces; the table view is company, verdict, score and next action, fitted to the terminal', async () => {
    const r = await leadq(['score', hubspot, '--preset', 'generic', '--map', 'company=Record ID', '--format', 'table'], { env: { COLUMNS: '60' } });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^company\s+verdict\s+score\s+next action$/);
    expect(lines[1]).toMatch(/^1\s+qualifying\s+\d+\s+\S.*…$/);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(60);
  });

  it('the table view cuts long cells with … and never sends a control character from the data to the terminal', async () => {
    const long = file('long.csv', `Company,Need\n"Evil\u001b]52;c;aGk=\u0007 ${'Very Long Company Name '.repeat(4)}Ltd",Switching\n上海华信科技有限公司上海华信科技有限公司上海华信科技有限公司,想换\n`);
    const r = await leadq(['--lang', 'zh', 'score', long, '--format', 'table'], { env: { COLUMNS: '72' } });
    expect(r.code).toBe(0);
    // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(r.stdout).toContain('Evil\\x1b]52;c;aGk=\\x');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^公司\s+结论\s+分数\s+下一步$/);
    expect(lines[2]).toMatch(/^上海华信科技有限公司\S*…\s+待确认\s+\d+\s+\S/);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(72);
  });

  it.each([['en', 40], ['en', 44], ['zh', 36]])('the table fits a narrow terminal (%s, %i columns): the verdict column gives way too', async (lang, columns) => {
    const csv = file('narrow.csv', 'Company,Need,Decision Maker,Budget,Amount,Funds Available,Sees Value\nAcme Precise,Switching,Yes,200000,100000,Now,Yes\nBad Co,None,No,,,No,No\n');
    const r = await leadq(['--lang', lang, 'score', csv, '--format', 'table'], { env: { COLUMNS: String(columns) } });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
  });

  it('reads stdin with -, and --no-bom drops the BOM of a file; a run without rejects leaves a header-only rejects file', async () => {
    const out = join(dir, 'nobom.csv');
    writeFileSync(`${out}.rejects.csv`, 'stale');
    const r = await leadq(['score', '-', '--out', out, '--no-bom'], { input: 'Company,Budget\nAcme,10万\n' });
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^Company,Budget,verdict,score,need,kp,payment,next_action\r\nAcme,10万,qualifying,\d+,unknown,unknown,unknown,/);
    expect(readFileSync(`${out}.rejects.csv`, 'utf8')).toBe('line,reason,Company,Budget\r\n');
  });

  it('JSON keeps every column in file order: a __proto__ column and number-like headers included', async () => {
    const r = await leadq(['score', file('odd-keys.csv', 'Company,__proto__,2,1,constructor\nAcme,x,b,a,c\n'), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\[\n\{"Company":"Acme","__proto__":"x","2":"b","1":"a","constructor":"c","verdict":/);
    const [row] = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(Object.getOwnPropertyNames(row)).toContain('__proto__');
    const nd = await leadq(['score', join(dir, 'odd-keys.csv'), '--format', 'ndjson']);
    expect(nd.stdout).toMatch(/^\{"Company":"Acme","__proto__":"x","2":"b","1":"a",/);
  });

  it('keeps JSON output valid for an export with no rows', async () => {
    const r = await leadq(['score', file('header-only.csv', 'Company,Budget\n'), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(r.stderr).toContain('0 rows: 0 precise, 0 qualifying, 0 disqualified, 0 rejected (0 read)');
  });
});

describe('leadq score: real-looking exports', () => {
  it('a Salesforce report with a BOM and its footer: the footer is skipped and reported, never scored or rejected; --strict passes', async () => {
    const report = file(
      'sf-report.csv',
      '\uFEFF"First Name","Last Name","Title","Company / Account","Lead Source","Amount"\r\n"Ann","Lee","CEO","Acme Inc.","Partner Referral","USD 100,000.00"\r\n' +
        '"Bob","Ray","VP Sales","Globex","Web","TBD"\r\n""\r\n"Grand Totals (2 records)"\r\n""\r\n"Confidential Information - Do Not Distribute"\r\n"Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."\r\n"Acme Sales Org"\r\n',
    );
    const r = await leadq(['score', report, '--format', 'ndjson', '--strict']);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toMatchObject([
      { 'First Name': 'Ann', 'Company / Account': 'Acme Inc.', Amount: 'USD 100,000.00', verdict: 'qualifying' },
      // TBD is a placeholder: the amount is unknown, the row is scored.
      { 'First Name': 'Bob', 'Company / Account': 'Globex', Amount: 'TBD', verdict: 'qualifying' },
    ]);
    expect(r.stderr).toContain('leadq: 2 rows: 0 precise, 2 qualifying, 0 disqualified, 0 rejected (2 read)');
    expect(r.stderr).toContain('leadq: skipped the report footer on lines 5–9 (not rows): "Grand Totals (2 records)", "Confidential Information - Do Not Distribute", "Copyright (c) 2000-2024 salesforce.com, inc. All rights res…", …\n');
  });

  it('a footer of one line is named as one line, in en and zh', async () => {
    const input = 'Company,Budget\nAcme,10万\n合计,10万\n';
    const en = await leadq(['score', '-', '--format', 'ndjson'], { input });
    expect(en.stderr).toContain('leadq: skipped the report footer on line 3 (not a row): "合计"\n');
    const zh = await leadq(['--lang', 'zh', 'score', '-', '--format', 'ndjson'], { input });
    expect(zh.stderr).toContain('leadq: 跳过了第 3 行的报表页脚（不是数据行）："合计"\n');
  });

  it('footer-like rows followed by data are rows like any other; a last row with only its company filled is a lead', async () => {
    const csv = file('not-footer.csv', 'Company,Budget,Note\nAcme,1,a\nTotal,,\n"Copyright (c) x"\nGlobex,2,b\nInitech,,\n');
    const r = await leadq(['score', csv, '--format', 'ndjson']);
    expect(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { Company: string }).Company)).toEqual(['Acme', 'Total', 'Globex', 'Initech']);
    expect(r.stderr).toContain('leadq: line 4: expected 3 fields, found 1');
    expect(r.stderr).not.toContain('footer');
  });
});

describe('leadq score: classic Mac (bare CR) line ends', () => {
  it('reads every row, rejects with their physical line, never drops one silently', async () => {
    const mac = file('mac.csv', 'Company,Budget,Note\rAcme,10k,"two\rlines"\rBad,1.2.3,x\r\rGlobex,1,\r');
    const r = await leadq(['score', mac, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject([
      { Company: 'Acme', Budget: '10k', Note: 'two\nlines', verdict: 'qualifying' },
      { Company: 'Globex', Budget: '1', Note: '', verdict: 'qualifying' },
    ]);
    expect(r.stderr).toContain('leadq: line 4: Budget: "1.2.3" is not an amount of money');
    expect(r.stderr).toContain('leadq: 2 rows: 0 precise, 2 qualifying, 0 disqualified, 1 rejected (3 read)');
    const mapping = await leadq(['score', file('c3.csv', 'a,b\rx,y\r'), '--map', 'company=a', '--show-mapping']);
    expect(mapping.stdout).toMatch(/lead\.company\s+a\n/);
    expect(mapping.stdout).toContain('unmapped headers: "b"');
  });

  it('scores a large CR-only file in worker threads exactly as its LF twin, rejects on the same lines', async () => {
    const lf = join(dir, 'big-lf.csv');
    execFileSync(process.execPath, [GEN_LEADS, '30000', lf]);
    // A bad amount deep in the file, past the first pieces.
    const rows = readFileSync(lf, 'utf8').split('\n');
    const at = rows.findIndex((l) => l.startsWith('25000,'));
    rows.splice(at, 0, '99999,Broken Amount Ltd,,,,,,,,1.2.3,,,');
    writeFileSync(lf, rows.join('\n'));
    const cr = file('big-cr.csv', rows.join('\r'));
    const [a, b, c] = await Promise.all([
      leadq(['score', lf, '--out', join(dir, 'big-lf-out.csv')], {}),
      leadq(['score', cr, '--out', join(dir, 'big-cr-out.csv')], {}),
      leadq(['score', cr, '--out', join(dir, 'big-cr-single.csv')], { env: { LEADQ_WORKERS: '0' } }),
    ]);
    for (const run of [a, b, c]) expect(run.code).toBe(0);
    expect(a.stderr).toMatch(/leadq: 30,000 rows: .* 1 rejected \(30,001 read\)/);
    expect(b.stderr.replace(/in [\d.]+ s/, '').replaceAll('big-cr', 'big-lf')).toBe(a.stderr.replace(/in [\d.]+ s/, ''));
    const scored = readFileSync(join(dir, 'big-lf-out.csv'));
    expect(readFileSync(join(dir, 'big-cr-out.csv')).equals(scored)).toBe(true);
    expect(readFileSync(join(dir, 'big-cr-single.csv')).equals(scored)).toBe(true);
    const rejects = readFileSync(join(dir, 'big-lf-out.csv.rejects.csv'), 'utf8');
    expect(rejects).toContain(`\r\n${at + 1},"budget: ""1.2.3"" is not an amount of money",99999,Broken Amount Ltd,`);
    expect(readFileSync(join(dir, 'big-cr-out.csv.rejects.csv'), 'utf8')).toBe(rejects);
  });
});

describe('leadq score: an output never replaces the input', () => {
  const input = file('own.csv', 'Company\nAcme\n');

  it.each([
    [['--out', input], /^leadq: --out .*own\.csv is the file being scored: writing there would replace it\nleadq: write to another file, e.g. --out .*own\.scored\.csv\n$/],
    [['--out', `${dir}/./sub/../own.csv`], /is the file being scored/],
    [['--out', join(dir, 'other.csv'), '--rejects', input], /^leadq: the rejects file .*own\.csv is the file being scored/],
    [['--out', join(dir, 'same.csv'), '--rejects', join(dir, 'same.csv')], /^leadq: the rejects file .*same\.csv is also the --out file: one would overwrite the other/],
    [['--rejects', input], /the rejects file .*own\.csv is the file being scored/],
  ])('score own.csv %j → exit 64, the input untouched', async (args, message) => {
    mkdirSync(join(dir, 'sub'), { recursive: true });
    const r = await leadq(['score', input, ...args]);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(64);
    expect(readFileSync(input, 'utf8')).toBe('Company\nAcme\n');
  });

  it('sees through a symlink, and stdin redirected from the file; says it in Chinese too', async () => {
    const link = join(dir, 'own-link.csv');
    symlinkSync(input, link);
    const r = await leadq(['--lang', 'zh', 'score', link, '--out', input]);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(/^leadq: --out .*own\.csv 就是要打分的输入文件：写入会覆盖它\nleadq: 请写入另一个文件，例如 --out .*own-link\.scored\.csv\n$/);
    const redirected = await leadq(['score', '-', '--out', input], { stdinFile: input });
    expect(redirected.code).toBe(64);
    expect(readFileSync(input, 'utf8')).toBe('Company\nAcme\n');
  });
});

describe('leadq score: errors', () => {
  it.each([
    [['score', 'no-such-file.csv'], 66, /cannot read no-such-file\.csv: no such file/],
    [['score', 'no-such-file.csv', '--out', 'no-such-file.csv'], 66, /cannot read no-such-file\.csv: no such file/],
    [['score', join(SAMPLES, 'leads.csv'), '--map', 'wealth=Budget'], 64, /unknown field "wealth" in --map/],
    [['score', join(SAMPLES, 'leads.csv'), '--map', 'budget=Bank Balance'], 64, /no column "Bank Balance" in the file/],
    [['score', join(SAMPLES, 'leads.csv'), '--map', 'budget'], 64, /invalid --map "budget"/],
    [['score', join(SAMPLES, 'leads.csv'), '--preset', 'sap'], 64, /unknown preset "sap"\nleadq: presets: salesforce, hubspot/],
    [['score', join(SAMPLES, 'leads.csv'), '--format', 'xml'], 64, /^leadq: unknown format "xml": use one of csv, json, ndjson, table\n/],
    [['score', join(SAMPLES, 'leads.csv'), '--encoding', 'latin1'], 64, /^leadq: invalid value "latin1" for --encoding: use one of auto, utf8, gbk, gb18030, utf16le\n/],
    [['score', join(SAMPLES, 'leads.csv'), '--delimiter', ';;'], 64, /invalid delimiter/],
    [['score', join(SAMPLES, 'leads.csv'), '--out', '/no/such/dir/out.csv'], 73, /cannot write \/no\/such\/dir\/out\.csv/],
  ])('%j → exit %i', async (args, code, message) => {
    const r = await leadq(args);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
  });

  it('takes --encoding and --format in any case, as top20 import and the lists do', async () => {
    const named = await leadq(['score', join(SAMPLES, 'leads-gbk.csv'), '--encoding', 'GBK', '--format', 'NDJSON']);
    const auto = await leadq(['score', join(SAMPLES, 'leads-gbk.csv'), '--format', 'ndjson']);
    expect(named.code).toBe(0);
    expect(named.stdout).toBe(auto.stdout);
  });

  it('a file without a company column is exit 65 with a hint to map one', async () => {
    const r = await leadq(['score', file('nocompany.csv', 'Firma,Budget\nAcme,1\n')]);
    expect(r.code).toBe(65);
    expect(r.stderr).toBe('leadq: no column holds the company name\nleadq: name it with --map company=<Header>; the headers are: "Firma", "Budget"\n');
  });

  it('a quote never closed is exit 65 naming the line it opens on, and leaves no output file', async () => {
    const out = join(dir, 'broken-out.csv');
    const r = await leadq(['score', file('broken.csv', 'Company,Note\nAcme,ok\nGlobex,"never closed\nInitech,fine\n'), '--out', out]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/^leadq: broken CSV: the quote opened on line 3 is never closed\n/);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    ['empty.csv', Buffer.alloc(0), /empty.csv is empty: there is no header line/],
    ['book.csv', Buffer.from('PK\u0003\u0004\u0014\u0000\u0006\u0000xl/workbook.xml'), /is an Excel workbook, not a CSV file\nleadq: save it as CSV first/],
    ['garbage.csv', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]), /is not a CSV text file/],
  ])('%s is refused with a clear message (exit 65)', async (name, content, message) => {
    const r = await leadq(['score', file(name, content)]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(message);
  });

  it('rows in and rows rejected add up: wrong field counts, bad amounts, no company, broken quoting', async () => {
    const csv = 'Company,Budget,Title\nA,1,CEO\nB,2\n"C",1.2.3,VP\n,3,GM\n"D"x,4,GM\nE,5,GM,extra\nF,,\n,,\n""\n';
    const r = await leadq(['score', file('mixed.csv', csv), '--format', 'ndjson']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect(r.stderr).toContain('leadq: line 3: expected 3 fields, found 2');
    expect(r.stderr).toContain('leadq: line 4: Budget: "1.2.3" is not an amount of money');
    expect(r.stderr).toContain('leadq: line 5: no company (Company is empty)');
    expect(r.stderr).toContain('leadq: line 6: text after a closing quote');
    expect(r.stderr).toContain('leadq: line 7: expected 3 fields, found 4');
    expect(r.stderr).toContain('2 rows: 0 precise, 2 qualifying, 0 disqualified, 5 rejected (7 read)');
  });
});

describe('leadq score: large files', () => {
  it('scores in worker threads exactly as on one thread', async () => {
    const big = join(dir, 'big.csv');
    execFileSync(process.execPath, [GEN_LEADS, '30000', big]);
    const threaded = join(dir, 'threaded.csv');
    const single = join(dir, 'single.csv');
    const a = await leadq(['score', big, '--out', threaded], {});
    const b = await leadq(['score', big, '--out', single], { env: { LEADQ_WORKERS: '0' } });
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(a.stderr.replace(/in [\d.]+ s/, '')).toBe(b.stderr.replace(/in [\d.]+ s/, ''));
    expect(readFileSync(threaded).equals(readFileSync(single))).toBe(true);
    expect(a.stderr).toMatch(/leadq: 30,000 rows: .* \(30,000 read\)/);
    // GBK as well: pieces are decoded apart, so their boundaries must fall between characters.
    const gbk = file('big-gbk.csv', iconv.encode(readFileSync(big, 'utf8').slice(1), 'gbk'));
    const c = await leadq(['score', gbk, '--out', join(dir, 'gbk-out.csv')], {});
    expect(c.code).toBe(0);
    expect(readFileSync(join(dir, 'gbk-out.csv')).equals(readFileSync(single))).toBe(true);
  });
});
