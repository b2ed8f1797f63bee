import { describe, expect, it } from 'vitest';
import { SOURCES, qualifyLead, type Answers, type Source } from '../../src/engine/index.js';
import { CTX } from './context.js';

// METHOD v2 "each source has its own next move", added while the gate it helps with is still open.
const HELPS: Readonly<Record<Source, readonly ('need' | 'kp' | 'payment')[]>> = {
  competitor_customer: ['need'],
  referral: ['need', 'kp'],
  channel: ['need', 'kp'],
  top20: ['need', 'kp', 'payment'],
  cold: [],
  inbound: [],
  other: [],
};
const MOVE: Readonly<Partial<Record<Source, string>>> = {
  competitor_customer: 'find_competitor_dislikes',
  referral: 'ask_referrer',
  channel: 'ask_partner',
  top20: 'research_top20',
};

const GATES: Array<{ open: ReadonlyArray<'need' | 'kp' | 'payment'>; answers: Answers }> = [];
for (const need of [false, true]) {
  for (const kp of [false, true]) {
    for (const payment of [false, true]) {
      GATES.push({
        open: [...(need ? ['need' as const] : []), ...(kp ? ['kp' as const] : []), ...(payment ? ['payment' as const] : [])],
        answers: {
          need: { kind: need ? 'unknown' : 'switching' },
          kp: kp ? { signsFinal: 'unknown', otherDecider: 'none' } : { role: 'gm', signsFinal: 'yes', otherDecider: 'none' },
          payment: payment ? { price: 100_000, budget: 120_000, funds: 'unknown', recognizesValue: 'yes' } : { price: 100_000, budget: 120_000, funds: 'now', recognizesValue: 'yes' },
        },
      });
    }
  }
}

describe("each source's own next move (v2)", () => {
  for (const source of SOURCES) {
    it.each(GATES.map((g) => [g.open.join('+') || 'nothing', g] as const))(`${source}, open: %s`, (_, { open, answers }) => {
      const q = qualifyLead({ ...answers, lead: { source } }, CTX);
      const expected = MOVE[source] !== undefined && HELPS[source].some((gate) => open.includes(gate));
      const codes = q.nextActions.map((a) => a.code);
      if (expected) expect(codes.at(-1)).toBe(MOVE[source]);
      else for (const move of Object.values(MOVE)) expect(codes).not.toContain(move);
      expect(q.verdict).toBe(open.length === 0 ? 'precise' : 'qualifying');
    });
  }

  it.each<[Source, Answers['lead'], string | undefined, object]>([
    ['competitor_customer', { competitor: ' 纷享销客 ' }, undefined, { code: 'find_competitor_dislikes_named', params: { competitor: '纷享销客' } }],
    ['competitor_customer', { competitor: '' }, undefined, { code: 'find_competitor_dislikes', params: {} }],
    ['referral', { referrer: 12 }, '华信科技', { code: 'ask_referrer_named', params: { referrer: '华信科技' } }],
    ['referral', {}, undefined, { code: 'ask_referrer', params: {} }],
    ['channel', { partner: 'HR 云' }, undefined, { code: 'ask_partner_named', params: { partner: 'HR 云' } }],
    ['channel', {}, undefined, { code: 'ask_partner', params: {} }],
    ['top20', {}, undefined, { code: 'research_top20', params: {} }],
  ])('%s names who to ask: %j', (source, lead, referrer, move) => {
    const q = qualifyLead({ lead: { ...lead, source }, need: { kind: 'unknown' } }, { ...CTX, referrer });
    expect(q.nextActions.at(-1)).toEqual(move);
  });

  it('a lead let go gets no source move: it is let go, not worked', () => {
    const q = qualifyLead({ lead: { source: 'top20' }, need: { kind: 'none', askedOthers: true } }, CTX);
    expect(q.nextActions.map((a) => a.code)).toEqual(['let_go_because', 'dont_visit', 'ask_referrals_next_time']);
  });
});
