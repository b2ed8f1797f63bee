import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { leadq } from '../helpers/leadq.js';
import { describeStores } from '../helpers/stores.js';

// `leadq today` in-process: a small book of leads made through the CLI at chosen moments, then the worklist.

describeStores('leadq today', (store) => {
  let dir: string;
  let db: string;
  const NOW = new Date('2026-06-15T10:00:00Z');
  const daysAgo = (n: number) => () => new Date(NOW.getTime() - n * 86_400_000);
  const lq = (args: readonly string[], options: Parameters<typeof leadq>[1] = {}) => leadq(['--db', db, ...args], { now: () => NOW, ...options });

  beforeEach(() => {
    ({ dir, db } = store);
  });

  const PRECISE = JSON.stringify({
    need: { kind: 'switching' },
    kp: { role: 'gm', signsFinal: 'yes', otherDecider: 'none', name: '王总' },
    payment: { price: '10万', budget: '12万', funds: 'now', recognizesValue: 'yes' },
  });
  const QUALIFYING = JSON.stringify({ need: { kind: 'exploring' }, kp: { role: 'gm', signsFinal: 'yes', otherDecider: 'none' } });
  const DISQUALIFIED = JSON.stringify({ need: { kind: 'none', askedOthers: true } });

  async function qualify(lead: string, answers: string, now = () => NOW) {
    const r = await lq(['qualify', lead, '--answers', '-'], { input: answers, now });
    expect(r.code, r.stderr).toBe(0);
  }

  /** The book: each lead waits for a different reason (and two wait for none). */
  async function book() {
    for (const company of ['Precise Co', 'Qualifying Co', 'Follow Co', 'Referrer Co', 'Stale Co', 'Ranked Co', 'Won Co', 'Visited Co']) {
      expect((await lq(['lead', 'add', '--company', company])).code).toBe(0);
    }
    await qualify('Precise Co', PRECISE);
    await qualify('Qualifying Co', QUALIFYING);
    await qualify('Follow Co', DISQUALIFIED);
    expect((await lq(['contact', 'Follow Co', '--kind', 'call', '--next', '2026-06-15'], { now: daysAgo(3) })).code).toBe(0);
    await qualify('Referrer Co', DISQUALIFIED);
    expect((await lq(['referral', 'ask', 'Referrer Co', '--count', '2'], { now: daysAgo(8) })).code).toBe(0);
    await qualify('Stale Co', DISQUALIFIED, daysAgo(100));
    writeFileSync(join(dir, 'top20.csv'), 'industry,rank,company\nbank,1,Ranked Co\n');
    expect((await lq(['top20', 'import', join(dir, 'top20.csv')])).code).toBe(0);
    await qualify('Won Co', PRECISE);
    expect((await lq(['lead', 'close', 'Won Co', '--won'])).code).toBe(0);
    await qualify('Visited Co', PRECISE);
    expect((await lq(['contact', 'Visited Co', '--kind', 'visit'])).code).toBe(0);
  }

  describe('leadq today', () => {
    it('lists one row per lead in the SPEC order, each saying why and what to do; closed and done leads never', async () => {
      await book();
      const r = await lq(['today', '--format', 'tsv']);
      expect(r.code).toBe(0);
      const [header, ...rows] = r.stdout.trimEnd().split('\n').map((l) => l.split('\t'));
      expect(header).toEqual(['id', 'company', 'why', 'action']);
      expect(rows.map((row) => row[1])).toEqual(['Precise Co', 'Follow Co', 'Qualifying Co', 'Referrer Co', 'Stale Co', 'Ranked Co']);
      const why = Object.fromEntries(rows.map((row) => [row[1], row[2]]));
      const action = Object.fromEntries(rows.map((row) => [row[1], row[3]]));
      expect(why['Precise Co']).toMatch(/^precise \(score \d+\), not visited yet$/);
      expect(action['Precise Co']).toBe('visit the KP (王总): bring the value case; before you leave, ask for 1–3 referrals');
      expect(why['Follow Co']).toBe('follow-up due 2026-06-15');
      expect(why['Qualifying Co']).toMatch(/^qualifying, score \d+$/);
      expect(action['Qualifying Co']).not.toBe('');
      expect(why['Referrer Co']).toMatch(/^asked for 2 referrals 8 days ago \(2026-06-0\d \d\d:\d\d\), 0 received$/);
      expect(why['Stale Co']).toMatch(/^last qualified 100 days ago/);
      expect(action['Stale Co']).toBe('re-qualify: leadq qualify 5');
      expect(why['Ranked Co']).toBe('top-20 account (#1 in bank), never contacted');
    });

    it('--days moves the stale cut-off; a follow-up done by a contact leaves the list; json has the four columns', async () => {
      await book();
      const names = async (...args: string[]) => (JSON.parse((await lq(['today', '--format', 'json', ...args])).stdout) as { company: string }[]).map((r) => r.company);
      expect(await names('--days', '120')).not.toContain('Stale Co');
      expect((await lq(['contact', 'Follow Co', '--kind', 'call'])).stdout).toContain('Follow-up of 2026-06-15 done');
      expect(await names()).not.toContain('Follow Co');
      const json = JSON.parse((await lq(['today', '--format', 'json'])).stdout) as object[];
      expect(Object.keys(json[0]!)).toEqual(['id', 'company', 'why', 'action']);
      // --all is for team stores (issue 14: only the rep's own and unowned leads without it); one rep's file lists all.
      expect((await lq(['today', '--all', '--format', 'json'])).stdout).toBe((await lq(['today', '--format', 'json'])).stdout);
      expect((await lq(['today', '--days', '0'])).code).toBe(64);
      expect((await lq(['today', '--days', 'x'])).code).toBe(64);
    });

    it('the table on a terminal: translated headers, whole actions, --limit with a note on stderr', async () => {
      await book();
      const r = await lq(['today'], { tty: { stdout: true } });
      expect(r.stdout.split('\n')[0]).toMatch(/^\s*id\s+company\s+why\s+what to do$/);
      expect(r.stdout).toContain('visit the KP (王总): bring the value case; before you leave, ask for 1–3 referrals');
      const limited = await lq(['today', '--limit', '2'], { tty: { stdout: true } });
      expect(limited.stdout.trimEnd().split('\n')).toHaveLength(3);
      expect(limited.stderr).toContain('showing the first 2; `leadq today --limit 0` shows all');
      const all = await lq(['today', '--limit', '0', '--format', 'tsv']);
      expect(all.stdout.trimEnd().split('\n')).toHaveLength(7);
    });

    it('the table fits the terminal: each row one line, the whole why kept, the action cut with … first', async () => {
      await book();
      const { displayWidth } = await import('../../src/output/width.js');
      for (const columns of [100, 140, 200]) {
        const r = await lq(['today'], { tty: { stdout: true, columns } });
        const lines = r.stdout.trimEnd().split('\n');
        expect(Math.max(...lines.map(displayWidth)), `${columns} columns`).toBeLessThanOrEqual(columns);
        if (columns >= 140) expect(r.stdout, `${columns} columns`).toMatch(/asked for 2 referrals 8 days ago \(.*\), 0 received/);
      }
      expect((await lq(['today'], { tty: { stdout: true, columns: 100 } })).stdout).toContain('…');
      // A terminal wide enough shows every action whole.
      expect((await lq(['today'], { tty: { stdout: true, columns: 300 } })).stdout).toContain('visit the KP (王总): bring the value case; before you leave, ask for 1–3 referrals');
    });

    it('speaks Chinese', async () => {
      await book();
      const r = await lq(['--lang', 'zh', 'today'], { tty: { stdout: true } });
      expect(r.stdout.split('\n')[0]).toMatch(/编号\s+公司\s+原因\s+该做什么/);
      expect(r.stdout).toContain('精准客户（');
      expect(r.stdout).toContain('2026-06-15 该跟进');
      expect(r.stdout).toContain('行业前 20（bank第 1 名），从未联系');
      expect(r.stdout).toContain('重新筛选：leadq qualify 5');
    });

    it('an empty book (or no data file yet): header only and exit 0; the table says there is nothing to do', async () => {
      const tsv = await lq(['today']);
      expect(tsv).toMatchObject({ code: 0, stdout: 'id\tcompany\twhy\taction\n' });
      const table = await lq(['today'], { tty: { stdout: true } });
      expect(table.code).toBe(0);
      expect(table.stderr).toContain('nothing to do today');
      const zh = await lq(['--lang', 'zh', 'today'], { tty: { stdout: true } });
      expect(zh.stderr).toContain('今天没有要做的');
    });
  });
});
