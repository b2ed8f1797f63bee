import { beforeEach, describe, expect, it } from 'vitest';
import { leadq } from '../helpers/leadq.js';
import { describeStores } from '../helpers/stores.js';

// qualify <lead> --set path=value (SPEC v2): one answer fixed, re-scored, no interview.

describeStores('leadq qualify --set', (store) => {
  let db: string;
  const lq = (args: readonly string[], options: Parameters<typeof leadq>[1] = {}) => leadq(['--db', db, ...args], options);

  const VP = JSON.stringify({
    lead: { company: 'Acme Inc.' },
    need: { kind: 'switching' },
    kp: { role: 'vp', signsFinal: 'yes', otherDecider: 'none' },
    payment: { price: '10万', budget: '12万', funds: 'unknown', recognizesValue: 'yes' },
  });

  beforeEach(async () => {
    db = store.db;
    expect((await lq(['qualify', '--answers', '-'], { input: VP })).code).toBe(0);
  });

  const history = async () => JSON.parse((await lq(['lead', 'show', '1', '--json'])).stdout).qualifications as { verdict: string; answers: Record<string, Record<string, unknown>> }[];

  describe('leadq qualify <lead> --set', () => {
    it('re-qualifies from the latest answers with those changed: a new history row, the rest kept', async () => {
      expect((await history())[0]?.verdict).toBe('qualifying');
      const r = await lq(['qualify', '1', '--set', 'payment.funds=now', '--set', 'kp.confirmed=true', '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'precise', saved: true, lead: { id: 1, company: 'Acme Inc.' } });
      const [latest, first] = await history();
      expect(first?.verdict).toBe('qualifying');
      expect(latest?.answers).toMatchObject({ need: { kind: 'switching' }, kp: { role: 'vp', confirmed: true }, payment: { funds: 'now', price: 100_000, budget: 120_000 } });
    });

    it('an empty value makes an answer unknown again; money takes what reps type', async () => {
      await lq(['qualify', 'Acme', '--set', 'payment.budget=', '--set', 'payment.price=8w']);
      const [latest] = await history();
      expect(latest?.answers.payment).toMatchObject({ price: 80_000 });
      expect(latest?.answers.payment).not.toHaveProperty('budget');
    });

    it('keeps what lead edit changed since: the old answers’ contact, phone, source … are not replayed over the lead', async () => {
      const answers = { lead: { company: 'Revert Co', contact: 'Old Person', phone: '111', source: 'cold', competitor: 'OldComp' }, need: { kind: 'switching' } };
      expect((await lq(['qualify', '--answers', '-'], { input: JSON.stringify(answers) })).code).toBe(0);
      expect((await lq(['lead', 'edit', 'Revert Co', '--contact', 'New Person', '--phone', '222', '--source', 'referral', '--competitor', 'NewComp'])).code).toBe(0);
      const fields = async () => {
        const { contact, phone, source, competitor } = JSON.parse((await lq(['lead', 'show', 'Revert Co', '--json'])).stdout) as Record<string, unknown>;
        return { contact, phone, source, competitor };
      };
      expect((await lq(['qualify', 'Revert Co', '--set', 'kp.role=gm'])).code).toBe(0);
      expect(await fields()).toEqual({ contact: 'New Person', phone: '222', source: 'referral', competitor: 'NewComp' });
      // What --set gives for the lead is saved.
      expect((await lq(['qualify', 'Revert Co', '--set', 'lead.phone=333'])).code).toBe(0);
      expect(await fields()).toEqual({ contact: 'New Person', phone: '333', source: 'referral', competitor: 'NewComp' });
    });

    it('a bad path or value is 64 naming it, and nothing is written', async () => {
      for (const [set, says] of [
        ['payment.funds=soon', '"soon" is not one of now'],
        ['kp.confirmed=maybe', 'kp.confirmed'],
        ['payment.budget=lots', 'payment.budget'],
        ['payment.nothing=1', 'unknown key "nothing"'],
        ['wallet.x=1', 'sections lead, need, kp, payment'],
        ['payment.funds', 'path=value'],
      ] as const) {
        const r = await lq(['qualify', '1', '--set', set]);
        expect(r.code, set).toBe(64);
        expect(r.stderr, set).toContain(says);
        expect(r.stderr.split('\n')[0]).toMatch(/^leadq: invalid value ".*" for --set: /);
      }
      expect(await history()).toHaveLength(1);
      expect((await lq(['qualify', '--set', 'payment.funds=now'])).code).toBe(64);
      expect((await lq(['qualify', '1', '--set', 'payment.funds=now', '--answers', 'x.json'])).code).toBe(64);
      expect((await lq(['qualify', '9', '--set', 'payment.funds=now'])).code).toBe(66);
    });

    it('--dry-run writes nothing; Chinese, amounts as 万', async () => {
      const r = await lq(['--lang', 'zh', 'qualify', '1', '--set', 'payment.budget=5万', '--dry-run']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('价格（10万）超出预算（5万）5万');
      expect(await history()).toHaveLength(1);
      const bad = await lq(['--lang', 'zh', 'qualify', '1', '--set', 'payment.funds=soon']);
      expect(bad.stderr).toContain('--set 的值');
    });

    it('--json reasons are in the chosen language, amounts too (SPEC v2)', async () => {
      const zh = JSON.parse((await lq(['--lang', 'zh', 'qualify', '1', '--set', 'payment.budget=5万', '--json', '--dry-run'])).stdout);
      expect(zh.gates.payment.reasons.join(' ')).toContain('5万');
      const en = JSON.parse((await lq(['qualify', '1', '--set', 'payment.budget=5万', '--json', '--dry-run'])).stdout);
      expect(en.gates.payment.reasons.join(' ')).toContain('50,000');
    });

    it('takes the visit logged into account: a lead let go after a visit is asked for referrals before the rep leaves', async () => {
      await lq(['contact', '1', '--kind', 'visit']);
      const r = JSON.parse((await lq(['qualify', '1', '--set', 'need.kind=none', '--set', 'need.askedOthers=true', '--json'])).stdout);
      expect(r.verdict).toBe('disqualified');
      expect(r.nextActions.map((a: { code: string }) => a.code)).toContain('ask_referrals');
    });
  });
});
