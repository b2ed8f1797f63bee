import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BAND_WEIGHTS,
  GATE_FACTORS,
  KNOWN_FACTS,
  SCORE_BANDS,
  SOURCE_MOVES,
  SOURCE_RANKING,
  VERDICTS,
  qualifyLead,
  sourcePrior,
  verdictOf,
  type Answers,
  type GateFactor,
  type GateStatus,
  type Verdict,
} from '../../src/engine/index.js';
import { answersArb, contextArb, nearPreciseArb, withSource } from './arbitraries.js';
import { CTX } from './context.js';

const RUNS = { numRuns: 3000 };
/** Uniform random answers, and answers a few steps from a precise customer (uniform ones are rarely precise). */
const anyAnswers = fc.oneof(answersArb, nearPreciseArb);
const FACTS = Object.keys(KNOWN_FACTS).length;

/** Everything a rep can find out (all 11 known facts), with the given gate answers on top. */
function allKnown(over: { need: NonNullable<Answers['need']>; kp: NonNullable<Answers['kp']>; payment: NonNullable<Answers['payment']> }): Answers {
  return {
    lead: { source: 'competitor_customer' },
    need: { pain: 'slow reports', askedOthers: true, ...over.need },
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

  it("counts exactly METHOD's 11 known facts", () => {
    expect(Object.keys(KNOWN_FACTS)).toEqual([
      'needKind',
      'needPainOrValueCase',
      'othersAsked',
      'kpRole',
      'kpName',
      'signsFinal',
      'otherDecider',
      'price',
      'budget',
      'funds',
      'valueRecognition',
    ]);
  });

  it.each<[string, Answers, number]>([
    ['nothing', {}, 0],
    ['unknown values are not facts', { need: { kind: 'unknown' }, kp: { signsFinal: 'unknown', otherDecider: 'unknown' }, payment: { funds: 'unknown', recognizesValue: 'unknown' } }, 0],
    ['the value case stands for the pain', { need: { kind: 'already_has', annualValue: 0 } }, 2],
    ['others asked only when they were', { need: { askedOthers: false } }, 0],
    ['a blank KP name is no name', { kp: { name: '  ' } }, 0],
    ['a price of 0 is no price', { payment: { price: 0, budget: 0 } }, 1],
    ['money by a date counts only with its date', { payment: { funds: 'by_date' } }, 0],
    ['… and with it', { payment: { funds: 'by_date', fundsDate: '2025-06-30' } }, 1],
    ['not_now and no are known answers', { payment: { funds: 'not_now' } }, 1],
    [
      'all eleven',
      allKnown({ need: { kind: 'switching' }, kp: { signsFinal: 'yes', otherDecider: 'none' }, payment: {} }),
      11,
    ],
  ])('known facts: %s → %i', (_, answers, count) => {
    const facts = qualifyLead(answers, CTX).breakdown.find((f) => f.factor === 'facts.known');
    expect(facts?.params.count ?? 0).toBe(count);
    if (facts !== undefined) expect(facts.params.total).toBe(11);
  });

  it('lists the band base, the gate facts, the known facts and the source', () => {
    const q = qualifyLead(
      { lead: { source: 'referral' }, need: { kind: 'switching' }, kp: { signsFinal: 'yes', otherDecider: 'spouse' }, payment: { price: 100_000 } },
      CTX,
    );
    expect(q.verdict).toBe('qualifying');
    expect(q.breakdown).toEqual([
      { factor: 'band.qualifying', points: 21, params: {} },
      { factor: 'need.pass', points: 8, params: {} },
      { factor: 'kp.signs_final', points: 4, params: {} },
      { factor: 'facts.known', points: 4, params: { count: 4, total: 11 } },
      { factor: 'source.referral', points: 10, params: {} },
    ]);
    expect(q.score).toBe(47);
  });

  it('lists a missing source at 0 points', () => {
    const q = qualifyLead({}, CTX);
    expect(q.breakdown).toEqual([
      { factor: 'band.qualifying', points: 21, params: {} },
      { factor: 'source.none', points: 0, params: {} },
    ]);
    expect(q.score).toBe(21);
  });

  // The richest answer sets each band can hold: the weights are chosen so these reach at most the band's top.
  it.each<[string, Answers, Verdict, number]>([
    ['precise, everything known', allKnown({ need: { kind: 'switching' }, kp: { signsFinal: 'yes', otherDecider: 'none' }, payment: {} }), 'precise', 100],
    ['precise, a VP confirmed elsewhere', allKnown({ need: { kind: 'switching' }, kp: { role: 'vp', signsFinal: 'yes', otherDecider: 'none', confirmed: true }, payment: {} }), 'precise', 100],
    ['qualifying, need open on a value case', allKnown({ need: { kind: 'already_has', annualValue: 60_000 }, kp: { signsFinal: 'yes', otherDecider: 'none' }, payment: {} }), 'qualifying', 68],
    ['qualifying, KP open', allKnown({ need: { kind: 'switching' }, kp: { signsFinal: 'yes', otherDecider: 'board' }, payment: {} }), 'qualifying', 68],
    ['qualifying, the VP who "signs" unconfirmed', allKnown({ need: { kind: 'switching' }, kp: { role: 'vp', signsFinal: 'yes', otherDecider: 'none' }, payment: {} }), 'qualifying', 68],
    ['qualifying, payment open', allKnown({ need: { kind: 'switching' }, kp: { signsFinal: 'yes', otherDecider: 'none' }, payment: { recognizesValue: 'partly' } }), 'qualifying', 67],
    ['disqualified on need', allKnown({ need: { kind: 'none' }, kp: { signsFinal: 'yes', otherDecider: 'none' }, payment: {} }), 'disqualified', 20],
    ['disqualified on payment', allKnown({ need: { kind: 'switching' }, kp: { signsFinal: 'yes', otherDecider: 'none' }, payment: { funds: 'no' } }), 'disqualified', 20],
  ])('%s scores at most the band top', (_, answers, verdict, score) => {
    const q = qualifyLead(answers, CTX);
    expect(q.verdict).toBe(verdict);
    expect(q.score).toBe(score);
    expect(q.score).toBeLessThanOrEqual(SCORE_BANDS[verdict][1]);
  });

  it('the weights keep every band with nothing clamped: the most and least each band can add up to, over every gate outcome', () => {
    // Each gate's share of the gate facts, by what the gate can be: a need gate open on a value case, a KP gate that
    // knows the signer or that nobody else decides, payment ability and willingness each yes or not.
    const needs: Array<[GateStatus, GateFactor[]]> = [['pass', ['need.pass']], ['unknown', ['need.value_case']], ['unknown', []], ['fail', []]];
    const kps: Array<[GateStatus, GateFactor[]]> = [['pass', ['kp.pass']], ['unknown', ['kp.signs_final']], ['unknown', ['kp.no_other_decider']], ['unknown', []]];
    const tri = ['yes', 'no', 'unknown'] as const;
    const most: Record<Verdict, number> = { precise: 0, qualifying: 0, disqualified: 0 };
    for (const [need, needFacts] of needs) {
      for (const [kp, kpFacts] of kps) {
        for (const ability of tri) {
          for (const willingness of tri) {
            // Half the budget and unwilling fails the gate; it needs willingness no by definition.
            for (const halfUnwilling of willingness === 'no' ? [false, true] : [false]) {
              const payment: GateStatus = ability === 'no' || halfUnwilling ? 'fail' : ability === 'yes' && willingness === 'yes' ? 'pass' : 'unknown';
              const verdict = verdictOf([need, kp, payment]);
              const facts = [...needFacts, ...kpFacts, ...(ability === 'yes' ? ['payment.ability_yes' as const] : []), ...(willingness === 'yes' ? ['payment.willingness_yes' as const] : [])];
              const w = BAND_WEIGHTS[verdict];
              const top = w.base + facts.reduce((sum, f) => sum + w.gate[f], 0) + FACTS * w.fact + sourcePrior('competitor_customer') * w.sourceStep;
              most[verdict] = Math.max(most[verdict], top);
            }
          }
        }
      }
    }
    expect(most).toEqual({ precise: 100, qualifying: 68, disqualified: 20 });
    for (const verdict of VERDICTS) {
      expect(most[verdict]).toBeLessThanOrEqual(SCORE_BANDS[verdict][1]);
      // The least: the base alone, every other point being 0 or more.
      expect(BAND_WEIGHTS[verdict].base).toBe(SCORE_BANDS[verdict][0]);
      for (const points of [...Object.values(BAND_WEIGHTS[verdict].gate), BAND_WEIGHTS[verdict].fact]) expect(points).toBeGreaterThanOrEqual(0);
      expect(BAND_WEIGHTS[verdict].sourceStep).toBeGreaterThan(0);
    }
    expect(GATE_FACTORS.length).toBe(7);
  });

  it('ranks by how much is known inside a band', () => {
    const less = qualifyLead({ need: { kind: 'switching' } }, CTX);
    const more = qualifyLead({ need: { kind: 'switching', pain: 'slow' }, kp: { signsFinal: 'yes', name: '王总' } }, CTX);
    expect(less.verdict).toBe('qualifying');
    expect(more.verdict).toBe('qualifying');
    expect(more.score).toBeGreaterThan(less.score);
  });
});

describe('engine properties over arbitrary valid answers and contexts', () => {
  it('never throws; the score is an integer inside the verdict band; the breakdown adds up to it', () => {
    fc.assert(
      fc.property(anyAnswers, contextArb, (answers, context) => {
        const q = qualifyLead(answers, context);
        const [low, high] = SCORE_BANDS[q.verdict];
        expect(q.method).toBe(2);
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
      fc.property(anyAnswers, contextArb, (answers, context) => {
        const scores = SOURCE_RANKING.map((s) => qualifyLead(withSource(answers, s), context).score);
        for (let i = 1; i < scores.length; i++) expect(scores[i - 1]).toBeGreaterThan(scores[i] ?? Infinity);
        expect(qualifyLead(withSource(answers, undefined), context).score).toBe(qualifyLead(withSource(answers, 'cold'), context).score);
      }),
      RUNS,
    );
  });

  it('the source is a prior, not a verdict: it changes neither the gates nor the actions, but for its own move at the end', () => {
    const moves = new Set(Object.values(SOURCE_MOVES).flatMap((m) => [m.move({}, CTX).code]).flatMap((c) => [c, `${c}_named`]));
    fc.assert(
      fc.property(anyAnswers, contextArb, fc.constantFrom(...SOURCE_RANKING), (answers, context, source) => {
        const a = qualifyLead(withSource(answers, source), context);
        const b = qualifyLead(withSource(answers, 'cold'), context);
        expect(a.verdict).toBe(b.verdict);
        expect(a.gates).toEqual(b.gates);
        const own = a.nextActions.filter((x) => moves.has(x.code));
        expect(own.length).toBeLessThanOrEqual(1);
        expect(a.nextActions.slice(0, a.nextActions.length - own.length)).toEqual(b.nextActions);
        if (own.length === 1) expect(a.nextActions.at(-1)).toEqual(own[0]);
      }),
      RUNS,
    );
  });

  it('the verdict follows the gates; KP never fails; payment fails only with no money or half the budget and unwilling', () => {
    fc.assert(
      fc.property(anyAnswers, contextArb, (answers, context) => {
        const q = qualifyLead(answers, context);
        const statuses = [q.gates.need.status, q.gates.kp.status, q.gates.payment.status];
        expect(q.gates.kp.status).not.toBe('fail');
        if (statuses.includes('fail')) expect(q.verdict).toBe('disqualified');
        else if (statuses.every((s) => s === 'pass')) expect(q.verdict).toBe('precise');
        else expect(q.verdict).toBe('qualifying');
        const { ability, willingness, status } = q.gates.payment;
        if (status === 'pass') expect([ability, willingness]).toEqual(['yes', 'yes']);
        if (status === 'fail') expect(ability === 'no' || willingness === 'no').toBe(true);
        expect(ability === 'no').toBe(answers.payment?.funds === 'no');
        for (const gate of Object.values(q.gates)) expect(gate.reasons.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('next actions: disqualified says why first, precise visits the KP, qualifying names something to do; no action twice', () => {
    fc.assert(
      fc.property(anyAnswers, contextArb, (answers, context) => {
        const q = qualifyLead(answers, context);
        const codes = q.nextActions.map((a) => a.code);
        if (q.verdict === 'disqualified') {
          const why = codes.filter((c) => c === 'let_go_because').length;
          expect(why).toBeGreaterThan(0);
          expect(codes.slice(why)).toEqual(context.visitLogged ? ['ask_referrals'] : ['dont_visit', 'ask_referrals_next_time']);
        } else if (q.verdict === 'precise') expect(codes[0]).toMatch(/^visit_kp(_named)?$/);
        else expect(codes.length).toBeGreaterThan(0);
        if (q.verdict !== 'disqualified') expect(new Set(codes).size).toBe(codes.length);
        const halfBudget = q.gates.payment.reasons.some((r) => r.code === 'budget_at_most_half_open');
        if (q.verdict === 'qualifying' && q.gates.payment.willingness === 'no') expect(codes).toContain(halfBudget ? 'show_value_then_ask' : 'show_value');
      }),
      RUNS,
    );
  });

  it('is deterministic for a fixed today and does not change its input', () => {
    fc.assert(
      fc.property(anyAnswers, contextArb, (answers, context) => {
        const before = structuredClone(answers);
        expect(qualifyLead(answers, context)).toEqual(qualifyLead(structuredClone(answers), { ...context }));
        expect(answers).toEqual(before);
      }),
      { numRuns: 500 },
    );
  });
});
