import { beforeEach, describe, expect, it } from 'vitest';
import { localTime } from '../../src/output/time.js';
import { leadq } from '../helpers/leadq.js';
import { describeStores } from '../helpers/stores.js';

// The rep's day on leads (SPEC v2): lead list's orders and filters, close / reopen, delete.

describeStores('the rep’s day on leads', (store) => {
  let db: string;
  const NOW = new Date('2026-06-15T10:00:00Z');
  const lq = (args: readonly string[], options: Parameters<typeof leadq>[1] = {}) => leadq(['--db', db, ...args], { now: () => NOW, ...options });

  beforeEach(() => {
    db = store.db;
  });

  const PRECISE = JSON.stringify({ need: { kind: 'switching' }, kp: { role: 'gm', signsFinal: 'yes', otherDecider: 'none' }, payment: { price: '10万', budget: '12万', funds: 'now', recognizesValue: 'yes' } });
  const QUALIFYING = JSON.stringify({ need: { kind: 'exploring' } });

  const ids = (r: { stdout: string }) =>
    r.stdout
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => Number(l.split('\t')[0]));

  describe('leadq lead list --sort --search --min-score --stale', () => {
    beforeEach(async () => {
      await lq(['lead', 'add', '--company', 'Acme Inc.', '--contact', 'Anna Lee']);
      await lq(['lead', 'add', '--company', '上海华信科技有限公司', '--notes', 'met at the fair']);
      await lq(['lead', 'add', '--company', 'Globex']);
      await lq(['qualify', '2', '--answers', '-'], { input: PRECISE });
      await lq(['qualify', '1', '--answers', '-'], { input: QUALIFYING, now: () => new Date('2026-01-01T00:00:00Z') });
      await lq(['contact', '3', '--kind', 'call', '--at', '2026-06-01']);
      await lq(['contact', '1', '--kind', 'call', '--at', '2026-05-01']);
    });

    it.each<[string[], number[]]>([
      [[], [1, 2, 3]],
      [['--sort', 'id'], [1, 2, 3]],
      [['--sort', 'score'], [2, 1, 3]],
      [['--sort', 'last_contact'], [2, 1, 3]],
      [['--search', 'anna'], [1]],
      [['--search', 'FAIR'], [2]],
      [['--search', '华信'], [2]],
      [['--search', 'ＡＣＭＥ'], [1]],
      [['--min-score', '50'], [2]],
      [['--stale', '90'], [1, 3]],
      [['--stale', '90', '--sort', 'score'], [1, 3]],
    ])('lead list %j → %j', async (args, expected) => {
      const r = await lq(['lead', 'list', ...args]);
      expect(r.code, r.stderr).toBe(0);
      expect(ids(r)).toEqual(expected);
    });

    it('bad values are 64 naming the option', async () => {
      for (const args of [['--sort', 'name'], ['--min-score', '101'], ['--min-score', 'x'], ['--stale', '0']]) {
        const r = await lq(['lead', 'list', ...args]);
        expect(r.code, args.join(' ')).toBe(64);
        expect(r.stderr).toContain(args[0]);
      }
    });
  });

  describe('leadq lead close / reopen', () => {
    beforeEach(async () => {
      await lq(['lead', 'add', '--company', 'Acme Inc.']);
      await lq(['qualify', '1', '--answers', '-'], { input: PRECISE });
    });
    const show = async () => JSON.parse((await lq(['lead', 'show', '1', '--json'])).stdout) as { status: string; close_note: string | null };

    it('a closed lead is 65 unless --reopen; a new note replaces the old one; reopen goes back to the last verdict', async () => {
      expect((await lq(['lead', 'close', '1', '--lost', '--note', 'chose the cheaper one'])).code).toBe(0);
      const again = await lq(['lead', 'close', '1', '--won', '--note', 'came back']);
      expect(again.code).toBe(65);
      expect(again.stderr).toContain('lead #1 (Acme Inc.) is already closed: lost');
      expect(again.stderr).toContain('--reopen');
      expect(await show()).toMatchObject({ status: 'lost', close_note: 'chose the cheaper one' });
      expect((await lq(['lead', 'close', '1', '--won', '--reopen', '--note', 'came back'])).stdout).toBe('Closed lead #1 (Acme Inc.): won\n');
      expect(await show()).toMatchObject({ status: 'won', close_note: 'came back' });
      expect((await lq(['lead', 'show', '1'])).stdout).toMatch(/^ {2}Closing note +came back$/m);
      expect((await lq(['lead', 'reopen', '1'])).stdout).toBe('Reopened lead #1 (Acme Inc.): precise\n');
      expect((await show()).status).toBe('precise');
      // The note stays (a record of the last close), named as the last one on a lead that is open again.
      const reopened = (await lq(['lead', 'show', '1'])).stdout;
      expect(reopened).toMatch(/^ {2}Last closing note +came back$/m);
      expect(reopened).not.toMatch(/^ {2}Closing note/m);
      expect((await lq(['--lang', 'zh', 'lead', 'show', '1'])).stdout).toMatch(/^ {2}上次关闭说明 +came back$/m);
      const open = await lq(['lead', 'reopen', '1']);
      expect(open.code).toBe(65);
      expect(open.stderr).toContain('is not closed');
    });

    it('a lead never qualified reopens as new; Chinese', async () => {
      await lq(['lead', 'add', '--company', 'Globex']);
      await lq(['lead', 'close', '2', '--lost']);
      expect((await lq(['--lang', 'zh', 'lead', 'close', '2', '--won'])).stderr).toContain('线索 #2（Globex）已经关闭');
      expect((await lq(['--lang', 'zh', 'lead', 'reopen', '2'])).stdout).toBe('已重新打开线索 #2（Globex）：新线索\n');
    });
  });

  describe('leadq lead delete', () => {
    beforeEach(async () => {
      await lq(['lead', 'add', '--company', 'Acme Inc.']);
      await lq(['lead', 'add', '--company', 'Globex', '--referrer', '1']);
      await lq(['qualify', '1', '--answers', '-'], { input: PRECISE });
      await lq(['contact', '1', '--kind', 'visit']);
      await lq(['referral', 'ask', '1']);
    });

    it('without a terminal --yes is required (64, nothing deleted); with it the lead and its history go, the leads it referred stay', async () => {
      const refused = await lq(['lead', 'delete', '1']);
      expect(refused.code).toBe(64);
      expect(refused.stderr).toContain('--yes');
      expect((await lq(['lead', 'show', '1'])).code).toBe(0);
      const r = await lq(['lead', 'delete', 'Acme', '--yes']);
      expect(r).toMatchObject({ code: 0, stdout: 'Deleted lead #1 (Acme Inc.) with its history\n' });
      expect((await lq(['lead', 'show', '1'])).code).toBe(66);
      const [left] = await store.sql('SELECT (SELECT count(*) FROM qualifications) + (SELECT count(*) FROM contacts) + (SELECT count(*) FROM referral_requests) AS n');
      expect(Number(left!.n)).toBe(0);
      expect(JSON.parse((await lq(['lead', 'show', '2', '--json'])).stdout)).toMatchObject({ company: 'Globex', referrer_id: null });
      expect((await lq(['lead', 'delete', '1', '--yes'])).code).toBe(66);
      expect((await lq(['--lang', 'zh', 'lead', 'delete', '2'])).stderr).toContain('必须加 --yes');
    });

    it('a name no lead has is 66 even when another company’s name holds it: run twice, the delete never takes Acme Robotics', async () => {
      await lq(['lead', 'add', '--company', 'Acme Robotics']);
      expect((await lq(['lead', 'delete', 'Acme', '--yes'])).stdout).toBe('Deleted lead #1 (Acme Inc.) with its history\n');
      const again = await lq(['lead', 'delete', 'Acme', '--yes']);
      expect(again).toMatchObject({ code: 66, stdout: '', stderr: 'leadq: no lead "Acme"; the nearest is #3 Acme Robotics\nleadq: name a lead by its id or its whole company name\n' });
      expect((await lq(['--lang', 'zh', 'lead', 'delete', 'Acme', '--yes'])).stderr).toBe('leadq: 找不到线索“Acme”；最接近的是 #3 Acme Robotics\nleadq: 请用线索编号或完整的公司名称指明线索\n');
      expect((await lq(['lead', 'show', '3'])).code).toBe(0);
      // A read takes the one lead whose name holds the text.
      expect((await lq(['lead', 'show', 'Robotics'])).code).toBe(0);
    });
  });

  describe('leadq lead show', () => {
    it('starts with the latest qualification: verdict, score, the gates with reasons, the next actions; then the record', async () => {
      await lq(['lead', 'add', '--company', 'Acme Inc.']);
      await lq(['qualify', '1', '--answers', '-'], { input: PRECISE });
      await lq(['contact', '1', '--kind', 'call', '--next', '2026-06-20']);
      const r = await lq(['lead', 'show', '1']);
      const lines = r.stdout.split('\n');
      expect(lines[0]).toBe('#1 Acme Inc.');
      expect(lines[2]).toBe(`Latest qualification (${localTime(NOW.toISOString())})`);
      expect(lines[3]).toMatch(/^ {2}precise customer {2}score \d+\/100$/);
      const at = (text: string) => r.stdout.indexOf(text);
      expect(at('  Need: ✔ pass')).toBeGreaterThan(0);
      expect(at('the price (100,000)')).toBeGreaterThan(at('Payment capacity'));
      expect(at('Next actions:')).toBeGreaterThan(at('Payment capacity'));
      expect(at('Follow-up on  2026-06-20')).toBeGreaterThan(at('Next actions:'));
      expect(at('Qualifications (newest first)')).toBeGreaterThan(at('Follow-up on'));
      const zh = await lq(['--lang', 'zh', 'lead', 'show', '1']);
      expect(zh.stdout).toContain('最近一次筛选（');
      // Amounts in a Chinese view read as a rep says them.
      expect(zh.stdout).toContain('预算（12万）足够覆盖价格（10万）');
      expect(zh.stdout).not.toContain('100,000');
    });
  });
});
