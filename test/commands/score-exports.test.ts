// `leadq score` on the shapes real exports come in (issue 11): a Chinese Excel report, HubSpot, Odoo and Zoho exports,
// encodings that break, footers — through the built CLI, as a sales-ops analyst runs it.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { GEN_LEADS, ROOT, tempDir } from '../helpers/files.js';
import { leadq } from '../helpers/leadq.js';

const { dir, cleanup } = tempDir('leadq-exports-');
afterAll(cleanup);

const REPORT = join(ROOT, 'data/samples/excel-report-gbk.csv');

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('a Chinese Excel report: title rows, 预算(万元), negations, placeholders, a footer', () => {
  it('scores every lead row, says what it skipped above and below, and passes --strict', async () => {
    const r = await leadq(['--lang', 'zh', 'score', REPORT, '--format', 'ndjson', '--strict']);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, string | number>);
    expect(rows).toHaveLength(18);
    const verdict = Object.fromEntries(rows.map((row) => [row['客户名称'], row.verdict]));
    expect(verdict['上海华信科技有限公司']).toBe('precise');
    expect(verdict['深圳天成电子有限公司']).toBe('precise');
    // 完全没钱: truly no money.
    expect(verdict['西安博远能源有限公司']).toBe('disqualified');
    // 决策人 老板娘, 暂时没钱, 不太认可: work to do, not a precise lead.
    expect(verdict['杭州鼎盛网络科技有限公司']).toBe('qualifying');
    expect(r.stderr).toMatch(/^leadq: 表头在第 3 行；跳过了它上方的：第 1 行 "2026年11月客户跟进表", 第 2 行 "导出时间：2026-11-30 18:00 {3}制表：华东销售部"\n/);
    // (Qualifying and disqualified depend on the method version; the reading does not.)
    expect(r.stderr).toMatch(/\nleadq: 已打分 18 行：精准 4，待确认 \d+，放手 \d+，拒绝 0（共读取 18 行）/);
    expect(r.stderr).toContain('leadq: 跳过了第 22–24 行的报表页脚（不是数据行）："合计", "数据来源：纷享销客导出，预算单位为万元"\n');
  });

  it('--show-mapping shows the unit, the title rows, and how the values read', async () => {
    const r = await leadq(['score', REPORT, '--show-mapping']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('header on line 3');
    expect(r.stdout).toMatch(/payment\.budget\s+预算\(万元\)\s+×10,000 \(万元\)/);
    expect(r.stdout).toContain('"20-25" → 200,000');
    expect(r.stdout).toContain('"不想换，现在的系统够用" → none');
    expect(r.stdout).toContain('"老板娘" → no: another decider decides (kp.otherDecider spouse)');
    expect(r.stdout).toContain('"暂时没钱" → not_now');
    expect(r.stdout).toContain('"不太认可" → partly');
    expect(r.stdout).toContain('"待定" → unknown (a placeholder)');
  });

  it('a decider cell that gives the final say to someone else reads no, in the rows and in --show-mapping alike', async () => {
    const boss = file('boss.csv', '客户名称,职务,需求,认可价值,资金情况,决策人,其他决策人\n甲公司,副总,想换,认可,现在有钱,老板说了算,无\n乙公司,总经理,想换,认可,现在有钱,是，老板娘也要点头,\n丙公司,总经理,想换,认可,现在有钱,他说了算,无\n');
    const scored = await leadq(['score', boss, '--format', 'ndjson']);
    expect(scored.stdout.trim().split('\n').map((l) => [JSON.parse(l).客户名称, JSON.parse(l).kp])).toEqual([
      ['甲公司', 'unknown'],
      ['乙公司', 'unknown'],
      ['丙公司', 'pass'],
    ]);
    const mapping = await leadq(['score', boss, '--show-mapping']);
    expect(mapping.stdout).toContain('"老板说了算" → no: another decider decides (kp.otherDecider other)');
    expect(mapping.stdout).toContain('"是，老板娘也要点头" → yes, and another decider too (kp.otherDecider spouse)');
    expect(mapping.stdout).toContain('"他说了算" → yes ');
  });

  it('--header-row says where the header is; a bad value is exit 64', async () => {
    const forced = await leadq(['score', REPORT, '--header-row', '3', '--format', 'ndjson']);
    const found = await leadq(['score', REPORT, '--format', 'ndjson']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toBe(found.stdout);
    const bad = await leadq(['score', REPORT, '--header-row', 'two']);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toMatch(/^leadq: invalid --header-row "two": give the line number the header is on, e.g. 2\n/);
    const past = await leadq(['score', REPORT, '--header-row', '99']);
    expect(past.code).toBe(64);
  });
});

describe('CRM exports that name a field twice, or name other records', () => {
  it("HubSpot contacts: the associated Company name (fuller) wins over the contact's own Company Name, which fills its gaps", async () => {
    const lines = ['Record ID,First Name,Last Name,Email,Company Name,Job Title,Original Source,Company name'];
    for (let i = 1; i <= 60; i++) {
      const own = i % 12 === 0 ? `Own Co ${i}` : '';
      const associated = i % 4 === 0 ? `Associated Co ${i}` : '';
      lines.push(`${i},Ann,Lee,ann${i}@example.com,${own},CEO,Organic Search,${associated}`);
    }
    const hubspot = file('hubspot-contacts.csv', lines.join('\r\n') + '\r\n');
    const r = await leadq(['score', hubspot, '--format', 'ndjson']);
    expect(r.code).toBe(0);
    // 15 associated (every 4th), 5 own (every 12th, all also associated): 15 leads, 45 rows with no company at all.
    expect(r.stderr).toContain('leadq: 15 rows: 0 precise, 15 qualifying, 0 disqualified, 45 rejected (60 read)');
    const m = await leadq(['score', hubspot, '--show-mapping']);
    expect(m.stdout).toContain('preset: hubspot (detected)');
    expect(m.stdout).toContain('lead.company: "Company name" (filled in 15 of 60 rows) is fuller than "Company Name" (filled in 5 of 60 rows), so it wins; the other fills its empty cells');
  });

  it('--show-mapping tells two headers of the same text apart by column, and says "as full as" for a tie (en and zh)', async () => {
    const csv = file('twice.csv', 'Company,Company,Budget,Budget\nA,B,1,2\n');
    const m = await leadq(['score', csv, '--show-mapping']);
    expect(m.stdout).toContain('payment.budget: "Budget" in column 3 (filled in 1 of 1 rows) is as full as "Budget" in column 4 (filled in 1 of 1 rows) and comes first, so it wins\n');
    expect(m.stdout).toContain('unmapped headers: "Budget" in column 4\n');
    const zh = await leadq(['--lang', 'zh', 'score', csv, '--show-mapping']);
    expect(zh.stdout).toContain('未映射的表头："Budget"（第 4 列）\n');
  });

  it('the contact column fills the company where the associated one is empty', async () => {
    const csv = file('hubspot-fill.csv', 'Record ID,Company Name,Email,Company name\n1,,a@x.example,Assoc A\n2,Own B,b@x.example,\n3,,c@x.example,Assoc C\n4,,d@x.example,\n');
    const r = await leadq(['score', csv, '--format', 'ndjson']);
    expect(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { verdict: string }).verdict)).toHaveLength(3);
    expect(r.stderr).toContain('leadq: line 5: no company (Company name is empty)');
  });

  it('Odoo crm.lead: partner_name is the company and the opportunity title is nobody (no exit 65)', async () => {
    const odoo = file(
      'odoo-crm-lead.csv',
      'id,name,partner_id,partner_name,contact_name,function,email_from,phone,expected_revenue,stage_id,user_id,company_id\n' +
        '__export__.crm_lead_1,Office Design Project,,Deco Addict,Ellen Best,CEO,ellen@deco.example,+1 555 0101,24000.00,Qualified,Mitchell Admin,YourCompany\n' +
        '__export__.crm_lead_2,Quote for 12 Tables,Azure Interior,Azure Interior,Brandon Freeman,Purchase Manager,brandon@azure.example,+1 555 0102,40000.00,Proposition,Mitchell Admin,YourCompany\n',
    );
    const r = await leadq(['score', odoo, '--format', 'ndjson']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('leadq: 2 rows:');
    const mapping = await leadq(['score', odoo, '--show-mapping']);
    expect(mapping.stdout).toContain('preset: odoo (detected)');
    expect(mapping.stdout).toMatch(/lead\.company\s+partner_name/);
    expect(mapping.stdout).toMatch(/lead\.contact\s+contact_name/);
    expect(mapping.stdout).toMatch(/lead\.company\s+partner_name\s+partner_id\n/);
    expect(mapping.stdout).toContain('unmapped headers: "id", "name", "stage_id", "user_id", "company_id"');
  });

  it('Zoho deals: Deal Name is no contact, Account Name is the company', async () => {
    const zoho = file('zoho-deals.csv', 'Deal Owner,Deal Name,Account Name,Contact Name,Amount,Stage,Closing Date,Lead Source,Expected Revenue\nPatricia Boyle,Annual renewal,Chanay,Josephine Jeanette,12000,Negotiation/Review,2026-12-15,Partner,9600\n');
    const r = await leadq(['score', zoho, '--show-mapping']);
    expect(r.stdout).toMatch(/lead\.company\s+Account Name/);
    expect(r.stdout).toMatch(/lead\.contact\s+Contact Name/);
    expect(r.stdout).toMatch(/payment\.price\s+Amount/);
    expect(r.stdout).not.toMatch(/Deal Name\n/);
  });
});

describe('values it does not understand are counted', () => {
  it('the summary lists per field how many cells were not understood, and the most common', async () => {
    const csv = file('unknown.csv', 'Company,Need,Funds,Title\nA,Switching,ask the boss,CEO\nB,kinda keen,ask the boss,Astronaut\nC,kinda keen,Now,Wizard\nD,hmm,depends on Q3,Astronaut\n');
    const r = await leadq(['score', csv, '--format', 'ndjson']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('leadq: kp.role (Title): 3 cells not understood, read as other: "Astronaut" ×2, "Wizard" ×1\n');
    expect(r.stderr).toContain('leadq: payment.funds (Funds): 3 cells not understood, read as unknown: "ask the boss" ×2, "depends on Q3" ×1\n');
    // Free text in a need column is the need's description, and the kind it did not give is counted.
    expect(r.stderr).toContain('leadq: need.kind (Need): 3 cells not understood, read as unknown: "kinda keen" ×2, "hmm" ×1\n');
  });

  it('a credit code that fails its check character is counted, not dropped unsaid (a valid one, a placeholder or none is not)', async () => {
    const csv = file('codes.csv', '公司名称,统一社会信用代码\nA公司,91310000MA1K000001\nB公司,91350100M000100Y43\nC公司,待定\nD公司,\n');
    const r = await leadq(['score', csv, '--format', 'ndjson']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('leadq: creditCode (统一社会信用代码): 1 cells not understood, read as unknown: "91310000MA1K000001" ×1\n');
  });
});

describe('delimiters matched on characters (issue 11, item 7)', () => {
  it('a GBK file with | as delimiter and 東" in unquoted cells (東 ends in the byte of |) is read whole, not refused as never closed', async () => {
    // Excel writes a quote inside a cell unquoted (27" monitor); after 東, the old byte splitter took it for an opening quote.
    const rows = Array.from({ length: 12_001 }, (_, i) => `東"型${i}|"備註${i % 7 === 0 ? '\r\n續' : ''}"|東京`);
    const bytes = iconv.encode(['公司|備註|城市', ...rows].join('\r\n') + '\r\n', 'gbk');
    const r = await leadq(['score', file('pipe-gbk.csv', bytes), '--delimiter', '|', '--encoding', 'gbk', '--map', 'company=公司', '--format', 'ndjson'], {});
    expect(r.code).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    expect(out).toHaveLength(12_001);
    expect(out[7]).toMatchObject({ 公司: '東"型7', 備註: '備註\r\n續', 城市: '東京' });
    expect(r.stderr).toContain('(12,001 read)');
  });

  it('a ; export whose header cell holds `,"` keeps all its 1,000 rows (the old header scan lost them, exit 0)', async () => {
    const csv = ['Firma;Ort;Notiz,"intern', ...Array.from({ length: 1000 }, (_, i) => `Firma ${i};Berlin;ok`)].join('\n') + '\n';
    const r = await leadq(['score', file('semicolon.csv', csv), '--map', 'company=Firma', '--format', 'ndjson']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1000);
    const mapping = await leadq(['score', join(dir, 'semicolon.csv'), '--show-mapping']);
    expect(mapping.stdout).toContain('delimiter: ";"');
  });

  it('a header read as one column because of the delimiter hints at --delimiter, not --map', async () => {
    const r = await leadq(['score', file('pipe-header.csv', 'Firma|Ort\nAcme|Berlin\n')]);
    expect(r.code).toBe(65);
    expect(r.stderr).toBe('leadq: no column holds the company name\nleadq: the header reads as one column: is the delimiter |? name it with --delimiter |\n');
  });

  it('a full-width ； delimiter given with --delimiter', async () => {
    const r = await leadq(['score', file('fullwidth.csv', '客户名称；预算\n华信；10万\n"恒达；集团"；20万\n'), '--delimiter', '；', '--format', 'ndjson']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as Record<string, string>)['客户名称'])).toEqual(['华信', '恒达；集团']);
  });
});

describe('encodings and structure that break part-way', () => {
  it('--encoding gbk: a row with bytes invalid in GBK is rejected with that reason, never decoded to U+FFFD silently', async () => {
    const bytes = Buffer.concat([iconv.encode('客户名称,备注\r\n华信,好\r\n', 'gbk'), Buffer.from([0xe5, 0xbd, 0xa2, 0xff, 0x2c, 0x78, 0x0d, 0x0a]), iconv.encode('恒达,好\r\n', 'gbk')]);
    const r = await leadq(['score', file('bad-gbk.csv', bytes), '--encoding', 'gbk', '--format', 'ndjson']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect(r.stderr).toContain('leadq: line 3: holds bytes that are not valid GBK (shown as \uFFFD)');
    const strict = await leadq(['score', join(dir, 'bad-gbk.csv'), '--encoding', 'gbk', '--strict']);
    expect(strict.code).toBe(65);
  });

  it('auto: a UTF-8 file with a GBK row deep inside is refused (65) naming the line, before anything is put in place', async () => {
    const mixed = Buffer.concat([Buffer.from('客户名称,备注\n' + '华信,好\n'.repeat(30_000)), iconv.encode('恒达,好\n', 'gbk'), Buffer.from('明德,好\n')]);
    const out = join(dir, 'mixed-out.csv');
    const r = await leadq(['score', file('mixed.csv', mixed), '--out', out]);
    expect(r.code).toBe(65);
    expect(r.stderr).toBe(
      'leadq: the file mixes encodings: line 30002 is not valid UTF-8, unlike the lines before it\nleadq: save it again in one encoding (Excel: CSV UTF-8), or name one with --encoding utf8|gb18030: rows not valid in it are then rejected\n',
    );
    expect(() => readFileSync(out)).toThrow();
  });

  it('a quote never closed, found after rows went to stdout: exit 65, and how many rows were written before it', async () => {
    const big = join(dir, 'unclosed.csv');
    execFileSync(process.execPath, [GEN_LEADS, '20000', big]);
    writeFileSync(big, readFileSync(big, 'utf8') + '20001,"Never Closed Ltd\n', { flag: 'w' });
    const r = await leadq(['score', big, '--format', 'ndjson'], {});
    expect(r.code).toBe(65);
    expect(r.stdout.trim().split('\n')).toHaveLength(20_000);
    expect(r.stderr).toMatch(/^leadq: broken CSV: the quote opened on line \d+ is never closed \(20,000 rows had already been written to stdout\)\n/);
  });
});
