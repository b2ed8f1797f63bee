import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/files.js';
import { leadq } from '../helpers/leadq.js';
import { describeStores } from '../helpers/stores.js';
import { localTime } from '../../src/output/time.js';

const tmp = tempDir('leadq-top20-');
afterAll(() => tmp.cleanup());

describeStores('leadq top20', (store) => {
  let db: string;
  beforeEach(() => {
    db = store.db;
  });

  const SAMPLE = join(ROOT, 'data/samples/top20.csv');
  const HEADER = 'industry\trank\tcompany\tlead_id\tstatus\tlast_contact';
  const lq = (args: readonly string[], input?: string | Buffer) => leadq(['--db', db, ...args], { input });

  function file(name: string, content: string | Buffer): string {
    const path = join(tmp.dir, name);
    writeFileSync(path, content);
    return path;
  }

  /** The data rows of a tsv listing, split into cells. */
  function rows(stdout: string): string[][] {
    return stdout.replace(/\n$/, '').split('\n').slice(1).map((line) => line.split('\t'));
  }

  describe('leadq top20 import', () => {
    it('an Excel ranking with a title row above the header and a footer below the ranks (issue 11)', async () => {
      const ranking = iconv.encode('2026年行业排名,,\r\n行业,排名,公司\r\n制造业,1,华信\r\n制造业,2,恒达\r\n合计,2,\r\n,,\r\n数据来源：行业协会,,\r\n', 'gbk');
      const r = await lq(['top20', 'import', file('ranking-report.csv', ranking)]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe(
        'leadq: the header is on line 2; skipped above it: line 1 "2026年行业排名"\n' +
          'leadq: skipped the report footer on lines 5–7 (not rows): "合计", "数据来源：行业协会"\n' +
          'leadq: imported 2 ranks in 1 industries: 0 matched to existing leads, 2 new leads (source top20)\n',
      );
    });

    it('imports the sample: English headers, two industries, and says what it did on stderr', async () => {
      const r = await lq(['top20', 'import', SAMPLE]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        'leadq: imported 42 ranks in 2 industries: 0 matched to existing leads, 40 new leads (source top20)\n' +
          'leadq: 2 ranked past 20 and not leads yet: kept in the ranking, but not made leads (they are no top-20 accounts)\n',
      );
      const list = await lq(['top20', 'list']);
      expect(list.code).toBe(0);
      expect(list.stdout.split('\n')[0]).toBe(HEADER);
      const data = rows(list.stdout);
      expect(data).toHaveLength(40); // ranks 21 are kept but not listed
      expect(data.map((c) => `${c[0]}#${c[1]}`)).toEqual([
        ...Array.from({ length: 20 }, (_, i) => `Software#${i + 1}`),
        ...Array.from({ length: 20 }, (_, i) => `制造业#${i + 1}`),
      ]);
      expect(data[4]?.[2]).toBe('Stark Industries, Inc.');
      expect(data.every((c) => c[4] === 'new' && c[5] === '' && /^\d+$/.test(c[3] ?? ''))).toBe(true);
    });

    it('reads Chinese headers in GBK (auto-detected or named), matching ranked companies to existing leads', async () => {
      await lq(['lead', 'add', '--company', '上海华信科技有限公司', '--source', 'competitor_customer']);
      const gbk = file('rank-gbk.csv', iconv.encode('行业,排名,公司名称\r\n零售,1,华润万家有限公司\r\n零售,2,上海华信科技\r\n', 'gbk'));
      const r = await lq(['top20', 'import', gbk]);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('1 matched to existing leads, 1 new leads');
      const named = await lq(['top20', 'import', gbk, '--encoding', 'gbk']);
      expect(named.code).toBe(0);
      expect((await lq(['top20', 'import', gbk, '--encoding', 'GBK'])).code).toBe(0);
      const list = await lq(['top20', 'list', '--format', 'json']);
      expect(JSON.parse(list.stdout)).toEqual([
        { industry: '零售', rank: 1, company: '华润万家有限公司', lead_id: 2, status: 'new', last_contact: null },
        { industry: '零售', rank: 2, company: '上海华信科技有限公司', lead_id: 1, status: 'new', last_contact: null },
      ]);
      const sources = await lq(['lead', 'list', '--format', 'json']);
      expect((JSON.parse(sources.stdout) as { source: string }[]).map((l) => l.source)).toEqual(['competitor_customer', 'top20']);
    });

    it('takes 公司 / 排名 / 行业 with a UTF-8 BOM and semicolons, and stdin', async () => {
      const r = await lq(['top20', 'import', '-'], '\uFEFF行业;排名;公司\n能源;1;国家电网\n');
      expect(r.code).toBe(0);
      expect(rows((await lq(['top20', 'list'])).stdout)).toEqual([['能源', '1', '国家电网', '1', 'new', '']]);
    });

    it('reads headers folded as score folds them: required marks (*, （必填）) and _ for a space', async () => {
      const r = await lq(['top20', 'import', '-'], '*行业,排名（必填）,Company_Name:\n能源,1,国家电网\n');
      expect(r.code).toBe(0);
      expect(rows((await lq(['top20', 'list'])).stdout)).toEqual([['能源', '1', '国家电网', '1', 'new', '']]);
    });

    it('replaces the ranking of each industry in the file and keeps the others', async () => {
      await lq(['top20', 'import', SAMPLE]);
      const r = await lq(['top20', 'import', '-'], 'industry,rank,company\nSoftware,1,Newcomer Ltd.\n');
      expect(r.code).toBe(0);
      const data = rows((await lq(['top20', 'list'])).stdout);
      expect(data.filter((c) => c[0] === 'Software').map((c) => c[2])).toEqual(['Newcomer Ltd.']);
      expect(data.filter((c) => c[0] === '制造业')).toHaveLength(20);
    });

    it('a company ranked past 20 stays in the ranking but is no top-20 lead; one already a lead is linked', async () => {
      expect((await lq(['lead', 'add', '--company', 'Known Twenty-Two Ltd.', '--source', 'referral'])).code).toBe(0);
      const r = await lq(['top20', 'import', '-'], 'industry,rank,company\nSoftware,20,Twentieth Ltd.\nSoftware,21,Twenty-First Ltd.\nSoftware,22,Known Twenty-Two Ltd.\n');
      expect(r.code, r.stderr).toBe(0);
      expect((await lq(['lead', 'show', 'Twentieth Ltd.', '--json'])).stdout).toContain('"source": "top20"');
      expect((await lq(['lead', 'show', 'Twenty-First Ltd.'])).code).toBe(66);
      expect((await lq(['lead', 'show', 'Known Twenty-Two Ltd.', '--json'])).stdout).toContain('"source": "referral"');
      expect(rows((await lq(['top20', 'list'])).stdout).map((c) => c[2])).toEqual(['Twentieth Ltd.']);
      expect(JSON.parse((await lq(['lead', 'list', '--format', 'json'])).stdout)).toHaveLength(2);
    });

    it('refuses a file with bad rows (exit 65), listing every bad line, and imports nothing', async () => {
      await lq(['top20', 'import', SAMPLE]);
      const before = (await lq(['top20', 'list'])).stdout;
      const bad = 'industry,rank,company\nSoftware,1,Fine Inc.\nSoftware,0,Zero Inc.\nSoftware,two,Two Inc.\n,3,No Industry\nSoftware,4,\nSoftware,1,Again Inc.\n';
      const r = await lq(['top20', 'import', '-'], bad);
      expect(r.code).toBe(65);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('line 3: rank "0" is not a positive whole number');
      expect(r.stderr).toContain('line 4: rank "two" is not a positive whole number');
      expect(r.stderr).toContain('line 5: no industry');
      expect(r.stderr).toContain('line 6: no company');
      expect(r.stderr).toContain('line 7: Software rank 1 is already on line 2');
      expect(r.stderr).toContain('leadq: stdin: 5 bad row(s); nothing was imported');
      expect((await lq(['top20', 'list'])).stdout).toBe(before);
    });

    it('names the missing columns (65), a missing file (66) and a bad --encoding (64)', async () => {
      const cols = await lq(['top20', 'import', '-'], 'name,place\nAcme,1\n');
      expect(cols.code).toBe(65);
      expect(cols.stderr).toContain('no industry, rank, company column');
      const zh = await leadq(['--db', db, '--lang', 'zh', 'top20', 'import', '-'], { input: '行业,名字\n' });
      expect(zh.stderr).toContain('缺少 rank, company 列');
      const missing = await lq(['top20', 'import', join(tmp.dir, 'nope.csv')]);
      expect(missing.code).toBe(66);
      const enc = await lq(['top20', 'import', SAMPLE, '--encoding', 'latin1']);
      expect(enc.code).toBe(64);
      expect(enc.stderr).toBe('leadq: invalid value "latin1" for --encoding: use one of auto, utf8, gbk, gb18030, utf16le\n');
    });
  });

  describe('leadq top20 list', () => {
    it('filters by industry and by contact: never, or not in the last N days', async () => {
      await lq(['top20', 'import', '-'], 'industry,rank,company\nRetail,1,Shop One\nRetail,2,Shop Two\nRetail,3,Shop Three\nEnergy,1,Power Co\n');
      const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
      const visited = daysAgo(5);
      expect((await lq(['contact', 'Shop One', '--kind', 'visit', '--at', visited])).code).toBe(0);
      expect((await lq(['contact', 'Shop Two', '--kind', 'call', '--at', daysAgo(60)])).code).toBe(0);

      const ranks = async (...args: string[]) => rows((await lq(['top20', 'list', ...args])).stdout).map((c) => `${c[0]}#${c[1]}`);
      expect(await ranks()).toEqual(['Energy#1', 'Retail#1', 'Retail#2', 'Retail#3']);
      expect(await ranks('--uncontacted')).toEqual(['Energy#1', 'Retail#3']);
      expect(await ranks('--uncontacted', '--days', '30')).toEqual(['Energy#1', 'Retail#2', 'Retail#3']);
      expect(await ranks('--days', '30')).toEqual(['Energy#1', 'Retail#2', 'Retail#3']); // --days implies --uncontacted
      expect(await ranks('--industry', 'retail', '--uncontacted')).toEqual(['Retail#3']);
      const contacted = rows((await lq(['top20', 'list', '--industry', 'Retail'])).stdout)[0];
      expect(contacted?.[5]).toBe(visited);
    });

    it('writes csv, json, ndjson and a table with stable columns; --no-header drops the header', async () => {
      await lq(['top20', 'import', '-'], 'industry,rank,company\nRetail,1,"=Shop, One"\n');
      expect((await lq(['top20', 'list', '--format', 'csv'])).stdout).toBe('industry,rank,company,lead_id,status,last_contact\r\nRetail,1,"\'=Shop, One",1,new,\r\n');
      expect((await lq(['top20', 'list', '--format', 'ndjson'])).stdout).toBe(
        '{"industry":"Retail","rank":1,"company":"=Shop, One","lead_id":1,"status":"new","last_contact":null}\n',
      );
      expect((await lq(['top20', 'list', '--no-header'])).stdout).toBe('Retail\t1\t=Shop, One\t1\tnew\t\n');
      const table = await lq(['top20', 'list', '--format', 'table']);
      expect(table.stdout.split('\n')[0]).toMatch(/^industry\s+rank\s+company\s+lead\s+status\s+last contact$/);
    });

    it('prints the header alone with exit 0 when nothing matches, and when the data file does not exist yet', async () => {
      await lq(['top20', 'import', '-'], 'industry,rank,company\nRetail,1,Shop\n');
      const none = await lq(['top20', 'list', '--industry', 'Mining']);
      expect(none).toMatchObject({ code: 0, stdout: `${HEADER}\n`, stderr: '' });
      const fresh = join(tmp.dir, 'never-created.db');
      const missing = await leadq(['--db', fresh, 'top20', 'list', '--uncontacted']);
      expect(missing).toMatchObject({ code: 0, stdout: `${HEADER}\n`, stderr: '' });
      expect(existsSync(fresh)).toBe(false);
      const bare = await leadq(['--db', fresh, 'top20', 'list', '--no-header', '--format', 'csv']);
      expect(bare).toMatchObject({ code: 0, stdout: '' });
    });

    it('refuses bad --days and --format values with exit 64', async () => {
      for (const days of ['0', '-3', 'abc', '1.5']) {
        const r = await lq(['top20', 'list', `--days=${days}`]);
        expect(r.code).toBe(64);
        expect(r.stderr).toContain('--days');
      }
      const f = await lq(['top20', 'list', '--format', 'xml']);
      expect(f.code).toBe(64);
      expect(f.stderr).toBe('leadq: unknown format "xml": use one of table, csv, tsv, json, ndjson\n');
    });
  });

  describe('leadq top20 list: one clock (SPEC v2)', () => {
    it('the table shows the last contact as local YYYY-MM-DD HH:MM; tsv keeps ISO UTC', async () => {
      await lq(['top20', 'import', file('one.csv', 'industry,rank,company\nbank,1,Acme\n')]);
      await lq(['contact', 'Acme', '--kind', 'visit', '--at', '2026-01-02T03:04:00Z']);
      expect((await lq(['top20', 'list'])).stdout).toContain('2026-01-02T03:04:00.000Z');
      const table = await leadq(['--db', db, 'top20', 'list'], { tty: { stdout: true } });
      expect(table.stdout).toContain(localTime('2026-01-02T03:04:00.000Z'));
      expect(table.stdout).not.toContain('T03:04');
    });
  });
});
