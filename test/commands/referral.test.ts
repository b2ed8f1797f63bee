import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/files.js';
import { leadq } from '../helpers/leadq.js';
import { describeStores } from '../helpers/stores.js';
import { localTime } from '../../src/output/time.js';

const tmp = tempDir('leadq-referral-');
afterAll(() => tmp.cleanup());

describeStores('leadq referral', (store) => {
  let db: string;
  beforeEach(async () => {
    db = store.db;
    expect((await lq(['lead', 'add', '--company', '华信科技有限公司', '--source', 'cold'])).stdout).toBe('1\n');
  });

  const lq = (args: readonly string[], env: Record<string, string> = {}) => leadq(['--db', db, ...args], { env });

  interface RequestRow {
    id: number;
    lead_id: number;
    company: string;
    asked: number;
    received: number;
    asked_at: string;
  }

  async function requests(...args: string[]): Promise<RequestRow[]> {
    const r = await lq(['referral', 'list', '--format', 'json', ...args]);
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as RequestRow[];
  }

  describe('leadq referral ask', () => {
    it('records a request for 3 referrals by default and prints its id', async () => {
      const r = await lq(['referral', 'ask', '华信科技']);
      expect(r).toMatchObject({ code: 0, stdout: '1\n', stderr: '' });
      const json = await lq(['referral', 'ask', '1', '--count', '1', '--note', 'knows one peer', '--json']);
      expect(JSON.parse(json.stdout)).toMatchObject({ id: 2, lead_id: 1, company: '华信科技有限公司', asked: 1, received: 0, note: 'knows one peer' });
      expect((await requests()).map((q) => q.asked)).toEqual([3, 1]);
    });

    for (const count of ['0', '4', 'abc', '-1', '2.5', '']) {
      it(`refuses --count ${JSON.stringify(count)} with exit 64 and the method's reason`, async () => {
        const r = await lq(['referral', 'ask', '1', `--count=${count}`]);
        expect(r.code).toBe(64);
        expect(r.stdout).toBe('');
        expect(r.stderr).toContain(`leadq: ask for 1 to 3 referrals, not "${count}": 3 is best, 1 at least — never more, don't be greedy`);
        expect(await requests()).toEqual([]);
      });
    }

    it("gives the reason in Chinese too, and refuses before touching the data file", async () => {
      const fresh = join(tmp.dir, 'untouched.db');
      const r = await leadq(['--db', fresh, '--lang', 'zh', 'referral', 'ask', '1', '--count', '5']);
      expect(r.code).toBe(64);
      expect(r.stderr).toContain('转介绍请求 1 到 3 个');
      expect(r.stderr).toContain('最好 3 个，至少 1 个');
      expect(r.stderr).toContain('不要贪心');
      expect(existsSync(fresh)).toBe(false);
    });

    it('names a lead that does not exist (66)', async () => {
      const r = await lq(['referral', 'ask', 'Nobody Ltd.']);
      expect(r.code).toBe(66);
      expect(r.stderr).toContain('no lead "Nobody Ltd."');
    });
  });

  describe('leadq referral add', () => {
    it('adds a referred lead with source referral, linked to the referrer and its open request', async () => {
      await lq(['referral', 'ask', '1', '--count', '2']);
      const r = await lq(['referral', 'add', '华信科技', '--company', '恒达制造有限公司', '--contact', '王敏', '--industry', '制造业']);
      expect(r).toMatchObject({ code: 0, stdout: '2\n', stderr: '' });
      const show = JSON.parse((await lq(['lead', 'show', '2', '--json'])).stdout) as Record<string, unknown>;
      expect(show).toMatchObject({ company: '恒达制造有限公司', source: 'referral', referrer_id: 1, contact: '王敏', industry: '制造业' });
      const referrer = JSON.parse((await lq(['lead', 'show', '1', '--json'])).stdout) as { referrals: { lead_id: number; request_id: number }[] };
      expect(referrer.referrals).toEqual([expect.objectContaining({ lead_id: 2, request_id: 1 })]);
      expect(await requests()).toEqual([expect.objectContaining({ id: 1, lead_id: 1, company: '华信科技有限公司', asked: 2, received: 1 })]);
    });

    it('prints the lead as JSON with --json', async () => {
      const r = await lq(['referral', 'add', '1', '--company', 'Globex Ltd.', '--email', 'anna@globex.example', '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ id: 2, company: 'Globex Ltd.', source: 'referral', referrer_id: 1, email: 'anna@globex.example' });
    });

    it('fills the latest open request first, then records referrals without one (and says so)', async () => {
      await lq(['referral', 'ask', '1', '--count', '1']);
      expect((await lq(['referral', 'add', '1', '--company', 'A Co'])).stderr).toBe('');
      const extra = await lq(['referral', 'add', '1', '--company', 'B Co']);
      expect(extra.code).toBe(0);
      expect(extra.stderr).toContain('has no open referral request');
      expect(await requests('--open')).toEqual([]);
      expect((await requests())[0]).toMatchObject({ asked: 1, received: 1 });
      const referrer = JSON.parse((await lq(['lead', 'show', '1', '--json'])).stdout) as { referrals: { request_id: number | null }[] };
      expect(referrer.referrals.map((f) => f.request_id).sort()).toEqual([1, null].sort());
    });

    it('refuses a company that already exists (65, naming it) and writes nothing', async () => {
      await lq(['referral', 'ask', '1']);
      const r = await lq(['referral', 'add', '1', '--company', '华信科技']);
      expect(r.code).toBe(65);
      expect(r.stderr).toContain('lead #1 华信科技有限公司 already exists');
      expect((await requests())[0]?.received).toBe(0);
    });

    it('takes the lead options of lead add except --source and --referrer (it sets those); a blank option sets nothing', async () => {
      for (const option of ['--source=cold', '--referrer=1']) {
        const r = await lq(['referral', 'add', '1', '--company', 'Globex Ltd.', option]);
        expect(r.code).toBe(64);
        expect(r.stderr).toContain(`unknown option ${option}`);
      }
      const r = await lq(['referral', 'add', '1', '--company', ' Globex Ltd. ', '--contact', ' ', '--title', ' CTO ', '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ company: 'Globex Ltd.', contact: null, title: 'CTO', source: 'referral', referrer_id: 1 });
    });

    it('needs --company (64) and an existing referrer (66)', async () => {
      expect((await lq(['referral', 'add', '1'])).code).toBe(64);
      expect((await lq(['referral', 'add', '1', '--company', ' '])).code).toBe(64);
      const missing = await lq(['referral', 'add', '99', '--company', 'X Co']);
      expect(missing.code).toBe(66);
      expect((await lq(['lead', 'list', '--format', 'json'])).stdout).not.toContain('X Co');
    });
  });

  describe('leadq referral list', () => {
    it('lists one row per request with stable columns; --open keeps those with fewer received than asked', async () => {
      await lq(['lead', 'add', '--company', 'Acme Inc.']);
      await lq(['referral', 'ask', '1', '--count', '1']);
      await lq(['referral', 'ask', 'Acme', '--count', '3']);
      await lq(['referral', 'add', '1', '--company', 'Referred Co']);
      const tsv = await lq(['referral', 'list']);
      const lines = tsv.stdout.trimEnd().split('\n');
      expect(lines[0]).toBe('id\tlead_id\tcompany\tasked\treceived\tasked_at');
      expect(lines.slice(1).map((l) => l.split('\t').slice(0, 5).join(' '))).toEqual(['1 1 华信科技有限公司 1 1', '2 2 Acme Inc. 3 0']);
      expect((await requests('--open')).map((q) => q.id)).toEqual([2]);
      const csv = await lq(['referral', 'list', '--open', '--format', 'csv', '--no-header']);
      expect(csv.stdout).toMatch(/^2,2,Acme Inc\.,3,0,\d{4}-\d\d-\d\dT[\d:.]+Z\r\n$/);
      const table = await lq(['referral', 'list', '--format', 'table']);
      expect(table.stdout.split('\n')[0]).toMatch(/^request\s+lead\s+referrer\s+asked\s+received\s+asked at$/);
    });

    it('is empty (header only, exit 0) without requests or without a data file', async () => {
      expect(await lq(['referral', 'list'])).toMatchObject({ code: 0, stdout: 'id\tlead_id\tcompany\tasked\treceived\tasked_at\n' });
      const fresh = join(tmp.dir, 'none.db');
      expect(await leadq(['--db', fresh, 'referral', 'list', '--format', 'json'])).toMatchObject({ code: 0, stdout: '[]\n' });
      expect(existsSync(fresh)).toBe(false);
    });
  });

  describe('referrals counted one way (issue 13, item 7)', () => {
    const report = async () => JSON.parse((await lq(['report', '--format', 'json'])).stdout).referrals as { requests: number; asked: number; received: number; unrequested: number };
    const given = async () => JSON.parse((await lq(['lead', 'show', '1', '--json'])).stdout).referrals as unknown[];

    it('lead add --referrer links to the referrer’s open request exactly as referral add does: referral list, lead show and report agree', async () => {
      await lq(['referral', 'ask', '1', '--count', '3']);
      await lq(['referral', 'add', '1', '--company', 'A Co']);
      await lq(['lead', 'add', '--company', 'B Co', '--referrer', '1']);
      await lq(['lead', 'add', '--company', 'C Co']);
      await lq(['lead', 'edit', 'C Co', '--referrer', '华信科技']);
      expect((await requests())[0]).toMatchObject({ asked: 3, received: 3 });
      expect(await given()).toHaveLength(3);
      expect(await report()).toEqual({ requests: 1, asked: 3, received: 3, unrequested: 0 });
      // A fourth referral finds no open request: recorded without one (and said, as referral add says it), a referral
      // lead all the same; the request's count stays 3 in referral list and report, which counts the fourth apart.
      const fourth = await lq(['lead', 'add', '--company', 'D Co', '--referrer', '1']);
      expect(fourth.stderr).toBe('leadq: note: #1 华信科技有限公司 has no open referral request; the referral is recorded without one (leadq referral ask 1)\n');
      expect(JSON.parse((await lq(['lead', 'show', 'D Co', '--json'])).stdout).source).toBe('referral');
      expect((await requests())[0]).toMatchObject({ received: 3 });
      expect(await given()).toHaveLength(4);
      expect(await report()).toEqual({ requests: 1, asked: 3, received: 3, unrequested: 1 });
      expect((await lq(['report'])).stdout).toContain('Referral requests: 1 made, 3 referrals asked, 3 received; 1 more referred without a request\n');
    });

    it('a referrer changed or cleared with lead edit takes the link with it: no view shows a referrer the lead no longer has', async () => {
      await lq(['lead', 'add', '--company', 'Other Co']);
      await lq(['referral', 'ask', '1', '--count', '1']);
      await lq(['referral', 'ask', '2', '--count', '1']);
      await lq(['lead', 'add', '--company', 'B Co', '--referrer', '1']);
      const referredBy = async () => JSON.parse((await lq(['lead', 'show', 'B Co', '--json'])).stdout).referred_by as { id: number } | null;
      expect(await referredBy()).toMatchObject({ id: 1 });
      await lq(['lead', 'edit', 'B Co', '--referrer', '2']);
      expect(await referredBy()).toMatchObject({ id: 2 });
      expect((await requests()).map((r) => [r.lead_id, r.received])).toEqual([
        [1, 0],
        [2, 1],
      ]);
      await lq(['lead', 'edit', 'B Co', '--referrer', '']);
      expect(await referredBy()).toBeNull();
      expect((await requests()).map((r) => r.received)).toEqual([0, 0]);
      expect((await report()).received).toBe(0);
    });

    it('the table shows local YYYY-MM-DD HH:MM; csv/tsv/json keep ISO UTC', async () => {
      await lq(['referral', 'ask', '1']);
      const iso = (await requests())[0]!.asked_at;
      expect(iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const table = await leadq(['--db', db, 'referral', 'list'], { tty: { stdout: true } });
      expect(table.stdout).toContain(localTime(iso));
      expect(table.stdout).not.toContain(iso);
    });
  });
});
