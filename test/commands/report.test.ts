import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Measured with string-width itself, not the function under test, so a broken displayWidth misaligns and fails.
import displayWidth from 'string-width';
import { tempDir } from '../helpers/files.js';
import { leadq } from '../helpers/leadq.js';
import { describeStores } from '../helpers/stores.js';

const tmp = tempDir('leadq-report-');
afterAll(() => tmp.cleanup());
const PRECISE = {
  need: { kind: 'switching' },
  kp: { role: 'gm', signsFinal: 'yes', otherDecider: 'none' },
  payment: { price: 100000, budget: 120000, funds: 'now', recognizesValue: 'yes' },
};
const DISQUALIFIED = { need: { kind: 'already_has', askedOthers: true } };

describeStores('leadq report', (store) => {
  const db = () => store.db;
  const lq = (args: readonly string[], input?: string) => leadq(['--db', db(), ...args], { input });

  interface SourceRow {
    source: string;
    leads: number;
    precise: number;
    disqualified: number;
    visits: number;
    won: number;
    won_per_visit: number | null;
  }
  interface Report {
    since: string | null;
    sources: SourceRow[];
    total: Omit<SourceRow, 'source'>;
    baselines: { cold_visit: { won: number; visits: number; won_per_visit: number }; author_precise: { won: number; visits: number; won_per_visit: number } };
    referrals: { requests: number; asked: number; received: number };
  }


  async function ok(args: string[], input?: string): Promise<void> {
    const r = await lq(args, input);
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  }

  async function report(...args: string[]): Promise<Report> {
    const r = await lq(['report', '--format', 'json', ...args]);
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as Report;
  }

  beforeAll(async () => {
    // Referrals: 2 leads, 1 precise and won after 2 visits. Cold: 3 leads, 1 disqualified, 4 visits, nothing won.
    await ok(['lead', 'add', '--company', 'Cold One', '--source', 'cold']);
    await ok(['lead', 'add', '--company', 'Cold Two', '--source', 'cold']);
    await ok(['lead', 'add', '--company', 'Cold Three', '--source', 'cold']);
    await ok(['referral', 'ask', 'Cold One', '--count', '3']);
    await ok(['referral', 'add', 'Cold One', '--company', '转介绍甲有限公司']);
    await ok(['referral', 'add', 'Cold One', '--company', 'Referred Two']);
    await ok(['qualify', '转介绍甲', '--answers', '-'], JSON.stringify(DISQUALIFIED));
    await ok(['qualify', '转介绍甲', '--answers', '-'], JSON.stringify(PRECISE)); // the latest verdict counts
    await ok(['qualify', 'Cold Two', '--answers', '-'], JSON.stringify(DISQUALIFIED));
    for (const lead of ['转介绍甲', '转介绍甲', 'Cold One', 'Cold One', 'Cold Two', 'Cold Three']) await ok(['contact', lead, '--kind', 'visit']);
    await ok(['contact', 'Cold Three', '--kind', 'call']);
    await ok(['lead', 'close', '转介绍甲', '--won']);
  });

  describe('leadq report', () => {
    it('reports every source with leads, precise, disqualified, visits, won and won per visit, with the baselines', async () => {
      const r = await report();
      expect(r.since).toBeNull();
      expect(r.sources.map((s) => s.source)).toEqual(['competitor_customer', 'referral', 'channel', 'top20', 'cold', 'inbound', 'other']);
      expect(r.sources.find((s) => s.source === 'referral')).toEqual({ source: 'referral', leads: 2, precise: 1, disqualified: 0, visits: 2, won: 1, won_per_visit: 0.5 });
      expect(r.sources.find((s) => s.source === 'cold')).toEqual({ source: 'cold', leads: 3, precise: 0, disqualified: 1, visits: 4, won: 0, won_per_visit: 0 });
      expect(r.sources.find((s) => s.source === 'channel')?.won_per_visit).toBeNull();
      expect(r.total).toEqual({ leads: 5, precise: 1, disqualified: 1, visits: 6, won: 1, won_per_visit: 1 / 6 });
      expect(r.baselines.cold_visit).toEqual({ won: 1, visits: 66, won_per_visit: 1 / 66 });
      expect(r.baselines.author_precise).toEqual({ won: 6.5, visits: 35, won_per_visit: 6.5 / 35 });
      expect(r.referrals).toEqual({ requests: 1, asked: 3, received: 2, unrequested: 0 });
    });

    it('draws a table with a bar per source and the two yardsticks, bars lined up, no colour off a TTY', async () => {
      const r = await lq(['report']);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).not.toContain('\u001b[');
      const lines = r.stdout.split('\n');
      expect(lines[0]).toBe('Where precise leads come from — won per visit, by lead source');
      expect(lines[2]).toMatch(/^source\s+leads\s+precise\s+disq\.\s+visits\s+won\s+won\/visit\s+1 in\s+precise leads$/);
      // Every source has its bars: won per visit, then its precise leads (issue 13: not only the total and the yardsticks).
      const referral = lines.find((l) => l.startsWith('referral '));
      expect(referral).toMatch(/^referral\s+2\s+1\s+0\s+2\s+1\s+0\.500\s+1\/2\s+█{30}\s+█{20}$/);
      expect(lines.find((l) => l.startsWith('cold visits (article: 1 in 66)'))).toMatch(/0\.015\s+1\/66\s+[▏▎▍▌▋▊▉█]+$/);
      expect(lines.find((l) => l.startsWith('precise leads (article: 6–7 of 30–40)'))).toMatch(/0\.186\s+1\/5\.4\s+█+[▏▎▍▌▋▊▉]?$/);
      expect(r.stdout).toContain('Referral requests: 1 made, 3 referrals asked, 2 received');
    });

    it('lines the bars up in Chinese too (CJK counted two columns)', async () => {
      const r = await leadq(['--db', db(), '--lang', 'zh', 'report']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('转介绍请求：1 次，共请求 3 个转介绍，已获得 2 个');
      const table = r.stdout.slice(0, r.stdout.indexOf('转介绍请求'));
      // The won-per-visit bars: referral, total, and the two yardsticks (cold won nothing).
      const barred = table.split('\n').filter((l) => /\d\.\d{3}\s+1\/[\d.]+\s+[█▏▎▍▌▋▊▉]/.test(l));
      expect(barred.length).toBe(4);
      const starts = barred.map((l) => displayWidth(l.slice(0, l.search(/[█▏▎▍▌▋▊▉]/))));
      expect(new Set(starts).size).toBe(1);
    });

    it('--since counts the leads created since that date', async () => {
      // The data file keeps times as milliseconds, PostgreSQL as ISO text.
      const then = store.kind === 'sqlite' ? String(Date.parse('2020-01-01T00:00:00.000Z')) : "'2020-01-01T00:00:00.000Z'";
      await store.sql(`UPDATE leads SET created_at = ${then} WHERE company LIKE 'Cold%'`);
      const r = await report('--since', '2021-06-01');
      expect(r.since).toBe('2021-06-01');
      expect(r.sources.find((s) => s.source === 'cold')?.leads).toBe(0);
      expect(r.sources.find((s) => s.source === 'referral')?.leads).toBe(2);
      const table = await lq(['report', '--since', '2021-06-01']);
      expect(table.stdout.split('\n')[0]).toContain('(leads since 2021-06-01)');
    });

    it('refuses a bad --since or --format with exit 64', async () => {
      for (const args of [['--since', '2024-02-30'], ['--since', 'last week'], ['--format', 'csv']]) {
        const r = await lq(['report', ...args]);
        expect(r.code).toBe(64);
        expect(r.stdout).toBe('');
      }
      expect((await lq(['report', '--format', 'csv'])).stderr).toBe('leadq: unknown format "csv": use one of table, json\n');
    });

    it('reports zeros (exit 0) when the data file does not exist yet, and does not create it', async () => {
      const fresh = join(tmp.dir, 'none.db');
      const r = await leadq(['--db', fresh, 'report', '--format', 'json']);
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout) as Report;
      expect(json.total).toEqual({ leads: 0, precise: 0, disqualified: 0, visits: 0, won: 0, won_per_visit: null });
      const table = await leadq(['--db', fresh, 'report']);
      expect(table.stdout).toContain('No visits logged yet');
      expect(existsSync(fresh)).toBe(false);
    });
  });
}, 'once');

describeStores('leadq report: the verdicts’ track record (issue 13, item 8)', (store) => {
  it('of the closed leads once rated each verdict, how many were won; JSON and both languages', async () => {
    const file = store.db;
    const run = (args: string[], input?: string) => leadq(['--db', file, ...args], { input });
    for (const [company, answers, outcome] of [
      ['P1', PRECISE, '--won'],
      ['P2', PRECISE, '--lost'],
      ['D1', DISQUALIFIED, '--lost'],
      ['Open', PRECISE, undefined],
    ] as const) {
      await run(['qualify', '--answers', '-'], JSON.stringify({ ...answers, lead: { company } }));
      if (outcome !== undefined) await run(['lead', 'close', company, outcome]);
    }
    // Once disqualified, then precise, then won: counted under both verdicts it was once given.
    await run(['qualify', '--answers', '-'], JSON.stringify({ ...DISQUALIFIED, lead: { company: 'Turned' } }));
    await run(['qualify', '--answers', '-'], JSON.stringify({ ...PRECISE, lead: { company: 'Turned' } }));
    await run(['lead', 'close', 'Turned', '--won']);
    const json = JSON.parse((await run(['report', '--format', 'json'])).stdout);
    expect(json.track_record).toEqual([
      { verdict: 'precise', closed: 3, won: 2, won_share: 2 / 3 },
      { verdict: 'qualifying', closed: 0, won: 0, won_share: null },
      { verdict: 'disqualified', closed: 2, won: 1, won_share: 0.5 },
    ]);
    const table = (await run(['report'])).stdout;
    expect(table).toContain('Track record of the verdicts');
    expect(table).toMatch(/once precise\s+3\s+2\s+67%\s+█+/);
    expect(table).toMatch(/once disqualified\s+2\s+1\s+50%\s+█+/);
    const zh = (await run(['--lang', 'zh', 'report'])).stdout;
    expect(zh).toMatch(/曾为精准客户\s+3\s+2\s+67%/);
  });

  it('no closed lead yet: says how to close one', async () => {
    expect((await leadq(['--db', join(tmp.dir, 'none.db'), 'report'])).stdout).toContain('No closed leads yet');
  });
});
