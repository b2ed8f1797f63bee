import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { leadq } from '../helpers/leadq.js';
import { describeStores } from '../helpers/stores.js';

describeStores('leadq lead', (store) => {
  let dir: string;
  let db: string;
  const lq = (args: readonly string[], options: Parameters<typeof leadq>[1] = {}) => leadq(['--db', db, ...args], options);

  beforeEach(() => {
    ({ dir, db } = store);
  });

  const PRECISE = JSON.stringify({
    lead: { company: '上海华信科技有限公司', source: 'competitor_customer', competitor: '销售易' },
    need: { kind: 'switching' },
    kp: { role: 'gm', signsFinal: 'yes', otherDecider: 'none' },
    payment: { price: '10万', budget: '12万', funds: 'now', recognizesValue: 'yes' },
  });

  describe('leadq lead add', () => {
    it('prints the new id; --json prints the lead', async () => {
      expect(await lq(['lead', 'add', '--company', 'Acme Co., Ltd.', '--source', 'cold', '--industry', 'retail'])).toMatchObject({ code: 0, stdout: '1\n', stderr: '' });
      const r = await lq(['lead', 'add', '--company', '恒达制造有限公司', '--referrer', 'ACME inc', '--credit-code', '91350100m000100y43', '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ id: 2, company: '恒达制造有限公司', referrer_id: 1, credit_code: '91350100M000100Y43', source: 'referral', status: 'new', score: null });
    });

    it('does not duplicate a normalised company or a credit code: exit 65 naming the lead', async () => {
      await lq(['lead', 'add', '--company', '上海华信科技有限公司', '--credit-code', '91350100M000100Y43']);
      const dup = await lq(['lead', 'add', '--company', '上海 华信科技 股份有限公司']);
      expect(dup.code).toBe(65);
      expect(dup.stderr).toContain('#1 上海华信科技有限公司');
      expect((await lq(['lead', 'add', '--company', 'Other', '--credit-code', '91350100M000100Y43'])).code).toBe(65);
    });

    it('refuses bad option values with 64', async () => {
      for (const args of [
        ['lead', 'add', '--company', 'X', '--source', 'friend'],
        ['lead', 'add', '--company', '   '],
        ['lead', 'add', '--company', 'X', '--credit-code', '12345'],
        ['lead', 'add'],
      ]) {
        const r = await lq(args);
        expect(r.code, args.join(' ')).toBe(64);
      }
      expect((await lq(['lead', 'add', '--company', 'X', '--source', 'friend'])).stderr).toContain('competitor_customer, referral, channel, top20, cold, inbound, other');
      expect(await store.exists()).toBe(false);
    });

    it('an unknown referrer is 66 and adds nothing', async () => {
      const r = await lq(['lead', 'add', '--company', 'X', '--referrer', 'Nobody']);
      expect(r.code).toBe(66);
      expect((await lq(['lead', 'list', '--format', 'tsv', '--no-header'])).stdout).toBe('');
    });
  });

  describe('leadq lead list', () => {
    beforeEach(async () => {
      await lq(['lead', 'add', '--company', 'Acme Co., Ltd.', '--source', 'cold', '--industry', 'retail']);
      await lq(['lead', 'add', '--company', '上海华信科技有限公司', '--source', 'referral', '--industry', '制造业']);
      await lq(['qualify', '2', '--answers', '-'], { input: PRECISE });
    });

    it('default (no TTY) is tsv with a header; the SPEC columns', async () => {
      const r = await lq(['lead', 'list']);
      expect(r.code).toBe(0);
      const lines = r.stdout.split('\n');
      expect(lines[0]).toBe('id\tcompany\tindustry\tsource\tstatus\tscore\tlast_contact');
      expect(lines[1]).toBe('1\tAcme Co., Ltd.\tretail\tcold\tnew\t\t');
      expect(lines[2]).toMatch(/^2\t上海华信科技有限公司\t制造业\tcompetitor_customer\tprecise\t\d+\t$/);
    });

    it('filters by status, source and industry', async () => {
      expect((await lq(['lead', 'list', '--status', 'precise', '--format', 'tsv', '--no-header'])).stdout).toMatch(/^2\t/);
      expect((await lq(['lead', 'list', '--source', 'cold', '--format', 'tsv', '--no-header'])).stdout).toMatch(/^1\t/);
      expect((await lq(['lead', 'list', '--industry', '制造业', '--format', 'tsv', '--no-header'])).stdout).toMatch(/^2\t/);
      expect((await lq(['lead', 'list', '--status', 'won'])).stdout).toBe('id\tcompany\tindustry\tsource\tstatus\tscore\tlast_contact\n');
    });

    it('json is one array, ndjson one object a line, csv has a header unless --no-header', async () => {
      const json = JSON.parse((await lq(['lead', 'list', '--format', 'json'])).stdout);
      expect(json).toHaveLength(2);
      expect(Object.keys(json[0])).toEqual(['id', 'company', 'industry', 'source', 'status', 'score', 'last_contact']);
      const nd = (await lq(['lead', 'list', '--format', 'ndjson'])).stdout.trim().split('\n');
      expect(nd.map((l) => JSON.parse(l).id)).toEqual([1, 2]);
      expect((await lq(['lead', 'list', '--format', 'csv'])).stdout.split('\r\n')[0]).toBe('id,company,industry,source,status,score,last_contact');
      expect((await lq(['lead', 'list', '--format', 'csv', '--no-header'])).stdout.split('\r\n')[0]).toBe('1,"Acme Co., Ltd.",retail,cold,new,,');
      const table = (await lq(['lead', 'list', '--format', 'table'])).stdout;
      expect(table.split('\n')[0]).toMatch(/^ *id +company +industry +source +status +score +last contact$/);
    });

    it('bad --status / --format values are 64 with the allowed values', async () => {
      const status = await lq(['lead', 'list', '--status', 'hot']);
      expect(status.code).toBe(64);
      expect(status.stderr).toContain('new, qualifying, precise, disqualified, won, lost');
      const format = await lq(['lead', 'list', '--format', 'xml']);
      expect(format.code).toBe(64);
      expect(format.stderr).toContain('table, csv, tsv, json, ndjson');
    });
  });

  describe('leadq lead list without a data file', () => {
    it('is an empty list (exit 0) and never creates the file', async () => {
      expect(await lq(['lead', 'list'])).toMatchObject({ code: 0, stdout: 'id\tcompany\tindustry\tsource\tstatus\tscore\tlast_contact\n' });
      expect((await lq(['lead', 'list', '--format', 'json'])).stdout).toBe('[]\n');
      expect(await store.exists()).toBe(false);
      expect(existsSync(dir + '/leadq.db-wal')).toBe(false);
    });
  });

  describe('leadq lead show', () => {
    it('--json: the lead, qualifications newest first with answers and result, contacts, referrals both ways', async () => {
      await lq(['qualify', '--answers', '-'], { input: PRECISE });
      await lq(['qualify', '上海华信科技', '--answers', '-'], { input: JSON.stringify({ need: { kind: 'none', askedOthers: true } }) });
      await lq(['contact', '1', '--kind', 'visit', '--at', '2026-04-01T10:00:00Z', '--note', 'met the GM']);
      await lq(['lead', 'add', '--company', 'Referred Ltd', '--referrer', '1']);
      const r = await lq(['lead', 'show', '上海华信科技', '--json']);
      expect(r.code).toBe(0);
      const lead = JSON.parse(r.stdout);
      expect(lead).toMatchObject({ id: 1, company: '上海华信科技有限公司', status: 'disqualified', competitor: '销售易', last_contact: '2026-04-01T10:00:00.000Z' });
      expect(lead.qualifications.map((q: { verdict: string }) => q.verdict)).toEqual(['disqualified', 'precise']);
      expect(lead.qualifications[1].answers.payment).toMatchObject({ price: 100000, budget: 120000 });
      expect(lead.qualifications[1].result.gates.need.status).toBe('pass');
      expect(lead.contacts).toEqual([{ id: 1, kind: 'visit', at: '2026-04-01T10:00:00.000Z', note: 'met the GM', created_at: expect.any(String), by: expect.any(String) }]);
      expect(lead.referrals).toEqual([expect.objectContaining({ lead_id: 2, company: 'Referred Ltd' })]);
      const referred = JSON.parse((await lq(['lead', 'show', 'Referred', '--json'])).stdout);
      expect(referred.referred_by).toEqual({ id: 1, company: '上海华信科技有限公司' });
    });

    it('the human view in English and Chinese', async () => {
      await lq(['qualify', '--answers', '-'], { input: PRECISE });
      const en = await lq(['lead', 'show', '1']);
      expect(en.stdout).toMatch(/^#1 上海华信科技有限公司\n/);
      expect(en.stdout).toContain('Qualifications (newest first)');
      expect(en.stdout).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d {2}precise/);
      const zh = await lq(['--lang', 'zh', 'lead', 'show', '1']);
      expect(zh.stdout).toContain('筛选历史（最新在前）');
      expect(zh.stdout).toContain('精准客户');
      expect(zh.stdout).toContain('竞品客户');
    });

    it('not found is 66; an ambiguous name is 64 listing the candidates', async () => {
      await lq(['lead', 'add', '--company', '上海华信科技有限公司']);
      await lq(['lead', 'add', '--company', '上海华信物流有限公司']);
      const missing = await lq(['lead', 'show', '42']);
      expect(missing.code).toBe(66);
      expect(missing.stderr).toMatch(/^leadq: no lead with id 42\n/);
      const ambiguous = await lq(['lead', 'show', '上海华信']);
      expect(ambiguous.code).toBe(64);
      expect(ambiguous.stderr).toContain('#1 上海华信科技有限公司, #2 上海华信物流有限公司');
      expect((await leadq(['--db', join(dir, 'none.db'), 'lead', 'show', '1'])).code).toBe(66);
    });
  });

  describe('leadq lead edit / close', () => {
    beforeEach(async () => {
      await lq(['lead', 'add', '--company', 'Acme Inc.', '--phone', '123', '--industry', 'retail']);
      await lq(['lead', 'add', '--company', 'Globex Ltd']);
    });

    it('changes fields, clears one with "", renames (re-normalised)', async () => {
      const r = await lq(['lead', 'edit', 'acme', '--company', 'Acme Robotics Inc.', '--industry', '', '--source', 'channel', '--partner', 'HR Tools', '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ company: 'Acme Robotics Inc.', company_key: 'acmerobotics', industry: null, phone: '123', source: 'channel', partner: 'HR Tools' });
      expect((await lq(['lead', 'show', 'Acme Robotics', '--json'])).code).toBe(0);
    });

    it("refuses a rename onto another lead's company (65) and an edit with nothing to change (64)", async () => {
      const onto = await lq(['lead', 'edit', '1', '--company', 'GLOBEX']);
      expect(onto.code).toBe(65);
      expect(onto.stderr).toContain('#2 Globex Ltd');
      expect((await lq(['lead', 'edit', '1'])).code).toBe(64);
    });

    it('close: exactly one of --won/--lost (else 64); a closed lead stays closed when re-qualified', async () => {
      expect((await lq(['lead', 'close', '1'])).code).toBe(64);
      expect((await lq(['lead', 'close', '1', '--won', '--lost'])).code).toBe(64);
      expect((await lq(['lead', 'close', '1', '--won', '--note', 'signed'])).code).toBe(0);
      await lq(['qualify', '1', '--answers', '-'], { input: '{"need":{"kind":"switching"}}' });
      const lead = JSON.parse((await lq(['lead', 'show', '1', '--json'])).stdout);
      expect(lead).toMatchObject({ status: 'won', close_note: 'signed' });
      expect(lead.qualifications).toHaveLength(1);
    });
  });

  describe('help', () => {
    it('every lead subcommand has a description and examples, in both languages', async () => {
      for (const sub of ['add', 'list', 'show', 'edit', 'close']) {
        const en = await leadq(['lead', sub, '--help']);
        expect(en.code).toBe(0);
        expect(en.stdout).toContain('Examples:');
        const zh = await leadq(['--lang', 'zh', 'lead', sub, '--help']);
        expect(zh.stdout).toContain('示例：');
      }
    });
  });
});
