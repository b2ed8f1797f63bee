import type { Answers, Source } from './answers.js';
import { NO_SOURCE, type FactorCode, type GateFactor } from './codes.js';
import type { Qualification, ScoreFactor, Verdict } from './types.js';

/** Lead sources from best prior to none (METHOD.md "Where precise leads come from"); cold and a missing source rank last. */
export const SOURCE_RANKING: readonly Source[] = ['competitor_customer', 'referral', 'channel', 'top20', 'inbound', 'other', 'cold'];

/** The prior of a lead source: 6 for competitor_customer down to 0 for cold or no source. */
export function sourcePrior(source: Source | undefined): number {
  return source === undefined ? 0 : SOURCE_RANKING.length - 1 - SOURCE_RANKING.indexOf(source);
}

interface BandWeights {
  readonly base: number;
  readonly gate: Readonly<Record<GateFactor, number>>;
  /** Points per answered fact (see KNOWN_FACTS). */
  readonly fact: number;
  /** Points per step of the source prior. */
  readonly sourceStep: number;
}

// Per band: base + gate facts + known facts + source prior stays inside the band for every answer set
// (score.test.ts checks the worst case and a property test checks random answers), so nothing is clamped.
// precise: 70 + 8 + 10 + 12 = 100 at most. qualifying: at least one gate is open, so at most
// 21 + 24 + 10 + 12 = 67. disqualified: at least one gate fails, so at most 0 + 4 + 10 + 6 = 20.
export const BAND_WEIGHTS: Readonly<Record<Verdict, BandWeights>> = {
  precise: {
    base: 70,
    gate: { 'need.pass': 2, 'need.value_case': 0, 'kp.pass': 2, 'kp.signs_final': 0, 'kp.no_other_decider': 0, 'payment.ability_yes': 2, 'payment.willingness_yes': 2 },
    fact: 1,
    sourceStep: 2,
  },
  qualifying: {
    base: 21,
    gate: { 'need.pass': 8, 'need.value_case': 4, 'kp.pass': 8, 'kp.signs_final': 4, 'kp.no_other_decider': 3, 'payment.ability_yes': 7, 'payment.willingness_yes': 5 },
    fact: 1,
    sourceStep: 2,
  },
  disqualified: {
    base: 0,
    gate: { 'need.pass': 1, 'need.value_case': 1, 'kp.pass': 2, 'kp.signs_final': 1, 'kp.no_other_decider': 1, 'payment.ability_yes': 1, 'payment.willingness_yes': 1 },
    fact: 1,
    sourceStep: 1,
  },
};

const given = (s: string | undefined): boolean => s !== undefined && s.trim() !== '';
const answered = (v: string | undefined): boolean => v !== undefined && v !== 'unknown';

/** The facts a rep can find out before a visit; each one answered is "more known" and adds points. */
export const KNOWN_FACTS: ReadonlyArray<(a: Answers) => boolean> = [
  (a) => answered(a.need?.kind),
  (a) => given(a.need?.pain),
  (a) => a.kp?.role !== undefined,
  (a) => given(a.kp?.name),
  (a) => answered(a.kp?.signsFinal),
  (a) => answered(a.kp?.otherDecider),
  (a) => a.payment?.price !== undefined,
  (a) => a.payment?.budget !== undefined,
  (a) => answered(a.payment?.funds),
  (a) => answered(a.payment?.recognizesValue),
];

/** The gate facts that hold: a passed gate, or the part of it already settled. */
function gateFacts(answers: Answers, gates: Qualification['gates']): GateFactor[] {
  const facts: GateFactor[] = [];
  if (gates.need.status === 'pass') facts.push('need.pass');
  else if (gates.need.reasons.some((r) => r.code === 'need_value_case')) facts.push('need.value_case');
  if (gates.kp.status === 'pass') facts.push('kp.pass');
  else if (answers.kp?.signsFinal === 'yes') facts.push('kp.signs_final');
  else if (answers.kp?.otherDecider === 'none') facts.push('kp.no_other_decider');
  if (gates.payment.ability === 'yes') facts.push('payment.ability_yes');
  if (gates.payment.willingness === 'yes') facts.push('payment.willingness_yes');
  return facts;
}

/** The score (integer, inside the verdict's band) and every contribution to it; the points always add up to the score. */
export function scoreOf(answers: Answers, gates: Qualification['gates'], verdict: Verdict): { score: number; breakdown: ScoreFactor[] } {
  const weights = BAND_WEIGHTS[verdict];
  const factor = (code: FactorCode, points: number, params: ScoreFactor['params'] = {}): ScoreFactor => ({ factor: code, points, params });
  const breakdown: ScoreFactor[] = [factor(`band.${verdict}`, weights.base)];
  for (const fact of gateFacts(answers, gates)) {
    if (weights.gate[fact] > 0) breakdown.push(factor(fact, weights.gate[fact]));
  }
  const known = KNOWN_FACTS.filter((isKnown) => isKnown(answers)).length;
  if (known > 0) breakdown.push(factor('facts.known', known * weights.fact, { count: known, total: KNOWN_FACTS.length }));
  // The source is always listed, even at 0 points, so a cold lead shows why it ranks last.
  const source = answers.lead?.source;
  breakdown.push(factor(`source.${source ?? NO_SOURCE}`, sourcePrior(source) * weights.sourceStep));
  return { score: breakdown.reduce((sum, f) => sum + f.points, 0), breakdown };
}
