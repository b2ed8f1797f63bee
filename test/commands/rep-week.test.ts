import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/files.js';
import { leadq } from '../helpers/leadq.js';
import { describeStores } from '../helpers/stores.js';

// A rep's week through the CLI, one day at a time (issue 13): add, qualify, fix an answer with --set, log visits with
// follow-ups, undo a typo with contact delete, ask for referrals, add a referred lead, close, reopen — reading
// `today`, `lead show` and `report` after each step, as the acceptance checks do.

// The rep works in Shanghai: days and follow-ups are local days there (setup.ts restores TZ for the next file).
process.env.TZ = 'Asia/Shanghai';

const tmp = tempDir('leadq-week-');
afterAll(() => tmp.cleanup());

describeStores("a rep's week", (store) => {
  const db = () => store.db;
  const MONDAY = new Date('2026-06-15T09:00:00+08:00');
  let clock = MONDAY;
  const onDay = (n: number, hour = 9) => {
    clock = new Date(MONDAY.getTime() + n * 86_400_000 + (hour - 9) * 3_600_000);
  };
  const lq = async (args: readonly string[], input?: string) => {
    const r = await leadq(['--db', db(), ...args], { input, now: () => clock });
    expect(r.code, `leadq ${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r;
  };
  const today = async () => (JSON.parse((await lq(['today', '--format', 'json'])).stdout) as { id: number; company: string; why: string; action: string }[]).map((r) => `${r.company}: ${r.why}`);
  const show = async (lead: string) => JSON.parse((await lq(['lead', 'show', lead, '--json'])).stdout);
  const report = async () => JSON.parse((await lq(['report', '--format', 'json'])).stdout);
  const sourceRow = async (source: string) => (await report()).sources.find((s: { source: string }) => s.source === source);

  const VISIT_READY = JSON.stringify({
    need: { kind: 'switching', pain: '老系统太慢' },
    kp: { role: 'vp', signsFinal: 'yes', otherDecider: 'none', name: '李总' },
    payment: { price: '20万', budget: '25万', funds: 'unknown', recognizesValue: 'yes' },
  });

  describe("a rep's week", () => {
    it('Monday: two leads added and qualified; one is qualifying until an answer is fixed', async () => {
      onDay(0);
      await lq(['lead', 'add', '--company', '上海华信科技有限公司', '--source', 'competitor_customer', '--competitor', '销售易']);
      await lq(['lead', 'add', '--company', 'Acme Inc.', '--source', 'cold']);
      expect(await today()).toEqual([]);
      await lq(['qualify', '华信科技', '--answers', '-'], VISIT_READY);
      await lq(['qualify', 'Acme', '--answers', '-'], JSON.stringify({ need: { kind: 'exploring' } }));
      expect((await today()).map((l) => l.split(':')[0])).toEqual(['上海华信科技有限公司', 'Acme Inc.']);
      expect((await show('1')).status).toBe('qualifying');
      // The VP "signs": confirmed with the GM after all, and the money is there now. One answer each, no interview.
      await lq(['qualify', '1', '--set', 'kp.confirmed=true', '--set', 'payment.funds=now']);
      const lead = await show('1');
      expect(lead.status).toBe('precise');
      expect(lead.qualifications).toHaveLength(2);
      expect(await today()).toEqual([expect.stringMatching(/^上海华信科技有限公司: precise \(score \d+\), not visited yet$/), expect.stringMatching(/^Acme Inc\.: qualifying/)]);
      const human = (await lq(['--lang', 'zh', 'lead', 'show', '1'])).stdout;
      expect(human).toMatch(/最近一次筛选（2026-06-15 \d\d:\d\d）\n {2}精准客户/);
      expect(human).toContain('去拜访 KP（李总）');
      expect((await sourceRow('competitor_customer'))).toMatchObject({ leads: 1, precise: 1, visits: 0 });
    });

    it('Tuesday: the visit, with a follow-up on Thursday; a typo year in --at is refused, a wrong day undone', async () => {
      onDay(1);
      await lq(['contact', '1', '--kind', 'visit', '--note', '见了李总', '--next', '2026-06-18']);
      expect(await today()).toEqual([expect.stringMatching(/^Acme Inc\.: qualifying/)]);
      expect((await show('1')).follow_up_on).toBe('2026-06-18');
      // A call logged on the wrong day (the 26th is the future: refused outright; the 6th gets in and is undone).
      expect((await leadq(['--db', db(), 'contact', 'Acme', '--kind', 'call', '--at', '2026-06-26'], { now: () => clock })).code).toBe(64);
      await lq(['contact', 'Acme', '--kind', 'call', '--at', '2026-06-06']);
      const calls = (await show('2')).contacts;
      expect(calls).toHaveLength(1);
      await lq(['contact', 'delete', String(calls[0].id)]);
      expect((await show('2')).last_contact).toBeNull();
      await lq(['contact', 'Acme', '--kind', 'call']);
      expect((await show('2')).last_contact).toBe(clock.toISOString());
      expect((await sourceRow('competitor_customer')).visits).toBe(1);
    });

    it('Wednesday: Acme is let go after a visit, and asked for referrals before the rep leaves', async () => {
      onDay(2);
      await lq(['contact', 'Acme', '--kind', 'visit']);
      await lq(['qualify', 'Acme', '--set', 'need.kind=none', '--set', 'need.askedOthers=true']);
      const acme = await show('2');
      expect(acme.status).toBe('disqualified');
      expect(acme.qualifications[0].result.nextActions.map((a: { code: string }) => a.code)).toContain('ask_referrals');
      await lq(['referral', 'ask', 'Acme', '--count', '2', '--note', '他的两个供应商']);
      expect(await today()).toEqual([]);
      expect((await report()).referrals).toEqual({ requests: 1, asked: 2, received: 0, unrequested: 0 });
    });

    it('Thursday: the follow-up is due; a referred lead comes in and is counted the same everywhere', async () => {
      onDay(3);
      expect(await today()).toEqual(['上海华信科技有限公司: follow-up due 2026-06-18']);
      await lq(['lead', 'add', '--company', '恒达制造有限公司', '--source', 'referral', '--referrer', 'Acme']);
      const list = JSON.parse((await lq(['referral', 'list', '--format', 'json'])).stdout);
      expect(list[0]).toMatchObject({ company: 'Acme Inc.', asked: 2, received: 1 });
      expect((await show('Acme')).referrals).toHaveLength(1);
      expect((await report()).referrals).toEqual({ requests: 1, asked: 2, received: 1, unrequested: 0 });
      await lq(['contact', '1', '--kind', 'call', '--note', 'sent the contract']);
      expect(await today()).toEqual([]);
    });

    it('next Friday: the request has gone quiet; the deal is closed, a slip corrected, and reopened', async () => {
      onDay(11);
      expect(await today()).toEqual([expect.stringMatching(/^Acme Inc\.: asked for 2 referrals 9 days ago \(2026-06-17 09:00\), 1 received$/)]);
      await lq(['lead', 'close', '华信科技', '--won', '--note', '签了三年']);
      const closedTwice = await leadq(['--db', db(), 'lead', 'close', '1', '--lost'], { now: () => clock });
      expect(closedTwice.code).toBe(65);
      expect((await show('1')).close_note).toBe('签了三年');
      const r = await report();
      expect(r.sources.find((s: { source: string }) => s.source === 'competitor_customer')).toMatchObject({ won: 1, visits: 1, won_per_visit: 1 });
      expect(r.track_record[0]).toMatchObject({ verdict: 'precise', closed: 1, won: 1 });
      // The contract fell through after all: back to its last verdict, and on the list again once its follow-up is set.
      await lq(['lead', 'reopen', '1']);
      expect((await show('1')).status).toBe('precise');
      expect((await report()).track_record[0]).toMatchObject({ closed: 0, won: 0 });
      await lq(['contact', '1', '--kind', 'call', '--next', '2026-06-26']);
      expect(await today()).toEqual(['上海华信科技有限公司: follow-up due 2026-06-26', expect.stringMatching(/^Acme Inc\.: asked for 2 referrals/)]);
      const zh = (await lq(['--lang', 'zh', 'today'])).stdout;
      expect(zh).toContain('2026-06-26 该跟进');
    });
  });
}, 'once');
