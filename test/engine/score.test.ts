import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCORE_BANDS, SOURCE_RANKING, qualifyLead, sourcePrior, type Answers } from '../../src/engine/index.js';
import { answersArb, withSource } from './arbitraries.js';

const RUNS = { numRuns: 3000 };

/** Everything a rep can find out, with the given gate answers on top. */
function allKnown(over: { need: NonNullable<Answers['need']>; kp: NonNullable<Answers['kp']>; payment: NonNullable<Answers['payment']> }): Answers {
  return {
    lead: { source: 'competitor_customer' },
    need: { pain: 'slow reports', ...over.need },
    kp: { name: '王总', role: 'gm', ...over.kp },
    payment: { price: 100_000, budget: 120_000, funds: 'now', recognizesValue: 'yes', ...over.payment },
  };
}

describe('score', () => {
  it('sourcePrior ranks competitor_customer > referral > channel > top20 > inbound > other > cold = missing', () => {
    const order = ['competitor_customer', 'referral', 'channel', 'top20', 'inbound', 'other', 'cold'] as const;
    expect(SOURCE_RANKING).toEqual(order);
    expect(order.map(sourcePrior)).toEqual([6, 5, 4, 3, 2, 1, 0]);
    expect(sourcePrior(undefined)).toBe(0);
  });

  it('lists the band base, the gate facts, the known facts and the source', () => {
    const q = qualifyLead({
      lead: { source: 'referral' },
      need: { kind: 'switching' },
      kp: { signsFinal: 'yes', otherDecider: 'spouse' },
      payment: { price: 100_000 },
    });
    expect(q.verdict).toBe('qualifying');
    expect(q.breakdown).toEqual([
      { factor: 'band.qualifying', points: 21, params: {} },
      { factor: 'need.pass', points: 8, params: {} },
      { factor: 'kp.signs_final', points: 4, params: {} },
      { factor: 'facts.known', points: 4, params: { count: 4, total: 10 } },
      { factor: 'source.referral', points: 10, params: {} },
    ]);
    expect(q.score).toBe(47);
  });

  it('lists a missing source at 0 points', () => {
    const q = qualifyLead({});
    expect(q.breakdown).toEqual([
      { factor: 'band.qualifying', points: 21, params: {} },
      { factor: 'source.none', points: 0, params: {} },
    ]);
    expect(q.score).toBe(21);
  });

  // The richest answer sets each band can hold: the weights are chosen so these reach at most the band's top.
  it.each<[string, Answers, 'precise' | 'qualifying' | 'disqualified', number]>([
    ['precise, everything known', allKnown({ need: { kind: 'switching' }, kp: { signsFinal: 'yes', otherDecider: 'none' }, payment: {} }), 'precise', 100],
    ['qualifying, need open on a value case', allKnown({ need: { kind: 'already_has', annualValue: 60_000 }, kp: { signsFinal: 'yes', otherDecider: 'none' }, payment: {} }), 'qualifying', 67],
    ['qualifying, KP open', allKnown({ need: { kind: 'switching' }, kp: { signsFinal: 'yes', otherDecider: 'board' }, payment: {} }), 'qualifying', 67],
    ['qualifying, payment open', allKnown({ need: { kind: 'switching' }, kp: { signsFinal: 'yes', otherDecider: 'none' }, payment: { recognizesValue: 'partly' } }), 'qualifying', 66],
    ['disqualified on need', allKnown({ need: { kind: 'already_has', annualValue: 0 }, kp: { signsFinal: 'yes', otherDecider: 'none' }, payment: {} }), 'disqualified', 20],
    ['disqualified on payment', allKnown({ need: { kind: 'switching' }, kp: { signsFinal: 'yes', otherDecider: 'none' }, payment: { funds: 'no' } }), 'disqualified', 20],
  ])('%s scores at most the band top', (_, answers, verdict, score) => {
    const q = qualifyLead(answers);
    expect(q.verdict).toBe(verdict);
    expect(q.score).toBe(score);
    expect(q.score).toBeLessThanOrEqual(SCORE_BANDS[verdict][1]);
  });

  it('ranks by how much is known inside a band', () => {
    const less = qualifyLead({ need: { kind: 'switching' } });
    const more = qualifyLead({ need: { kind: 'switching', pain: 'slow' }, kp: { signsFinal: 'yes' } });
    expect(less.verdict).toBe('qualifying');
    expect(more.verdict).toBe('qualifying');
    expect(more.score).toBeGreaterThan(less.score);
  });
});

describe('engine properties over arbitrary valid answers', () => {
  it('never throws; the score is an integer inside the verdict band; the breakdown adds up to it', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const q = qualifyLead(answers);
        const [low, high] = SCORE_BANDS[q.verdict];
        expect(Number.isInteger(q.score)).toBe(true);
        expect(q.score).toBeGreaterThanOrEqual(low);
        expect(q.score).toBeLessThanOrEqual(high);
        expect(q.breakdown.reduce((sum, f) => sum + f.points, 0)).toBe(q.score);
        for (const f of q.breakdown) {
          expect(Number.isInteger(f.points)).toBe(true);
          expect(f.points).toBeGreaterThanOrEqual(0);
        }
      }),
      RUNS,
    );
  });

  it('ranks lead sources for the same answers: each source strictly above the next, competitor_customer above cold', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const scores = [...SOURCE_RANKING.map((s) => qualifyLead(withSource(answers, s)).score)];
        for (let i = 1; i < scores.length; i++) expect(scores[i - 1]).toBeGreaterThan(scores[i] ?? Infinity);
        expect(qualifyLead(withSource(answers, undefined)).score).toBe(qualifyLead(withSource(answers, 'cold')).score);
      }),
      RUNS,
    );
  });

  it('the source is a prior, not a verdict: it changes neither the gates nor the actions', () => {
    fc.assert(
      fc.property(answersArb, fc.constantFrom(...SOURCE_RANKING), (answers, source) => {
        const a = qualifyLead(withSource(answers, source));
        const b = qualifyLead(withSource(answers, 'cold'));
        expect(a.verdict).toBe(b.verdict);
        expect(a.gates).toEqual(b.gates);
        expect(a.nextActions).toEqual(b.nextActions);
      }),
      RUNS,
    );
  });

  it('the verdict follows the gates; KP never fails; payment status follows ability and willingness', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const q = qualifyLead(answers);
        const statuses = [q.gates.need.status, q.gates.kp.status, q.gates.payment.status];
        expect(q.gates.kp.status).not.toBe('fail');
        if (statuses.includes('fail')) expect(q.verdict).toBe('disqualified');
        else if (statuses.every((s) => s === 'pass')) expect(q.verdict).toBe('precise');
        else expect(q.verdict).toBe('qualifying');
        const { ability, willingness, status } = q.gates.payment;
        expect(status).toBe(ability === 'no' ? 'fail' : ability === 'yes' && willingness === 'yes' ? 'pass' : 'unknown');
        for (const gate of Object.values(q.gates)) expect(gate.reasons.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('next actions: disqualified starts with ask_referrals, precise with visit_and_close, qualifying names something to do', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const q = qualifyLead(answers);
        const first = q.nextActions[0]?.code;
        if (q.verdict === 'disqualified') expect(first).toBe('ask_referrals');
        else if (q.verdict === 'precise') expect(first).toBe('visit_and_close');
        else expect(q.nextActions.length).toBeGreaterThan(0);
        expect(new Set(q.nextActions.map((a) => a.code)).size).toBe(q.nextActions.length);
        if (q.verdict === 'qualifying' && q.gates.payment.willingness === 'no') expect(q.nextActions.map((a) => a.code)).toContain('show_value');
      }),
      RUNS,
    );
  });

  it('is deterministic and does not change its input', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const before = structuredClone(answers);
        expect(qualifyLead(answers)).toEqual(qualifyLead(answers));
        expect(answers).toEqual(before);
      }),
      { numRuns: 500 },
    );
  });
});
