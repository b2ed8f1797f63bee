import type { Answers, Source } from './answers.js';
import { NO_SOURCE, type FactorCode, type GateFactor } from './codes.js';
import { knownPrice } from './price.js';
import { givenText } from './text.js';
import type { Qualification, ScoreFactor, Verdict } from './types.js';

/** Lead sources from best prior to none (docs/method.md, "Where precise leads come from"); cold and a missing source rank last. */
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

// Per band: base + gate facts + known facts + source prior stays inside the band for every answer set, so nothing is
// clamped (score.test.ts proves the worst case of each band from these weights, and a property test checks random
// answers). precise: 70 + 7 + 11 + 12 = 100 at most. qualifying: at least one gate is open, so the gate facts reach at
// most 24 and the score 21 + 24 + 11 + 12 = 68. disqualified: a gate fails, so the gate facts reach at most 3 and the
// score 0 + 3 + 11 + 6 = 20.
export const BAND_WEIGHTS: Readonly<Record<Verdict, BandWeights>> = {
  precise: {
    base: 70,
    gate: { 'need.pass': 2, 'need.value_case': 0, 'kp.pass': 2, 'kp.signs_final': 0, 'kp.no_other_decider': 0, 'payment.ability_yes': 2, 'payment.willingness_yes': 1 },
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
    gate: { 'need.pass': 1, 'need.value_case': 1, 'kp.pass': 1, 'kp.signs_final': 1, 'kp.no_other_decider': 1, 'payment.ability_yes': 1, 'payment.willingness_yes': 1 },
    fact: 1,
    sourceStep: 1,
  },
};

const given = (s: string | undefined): boolean => givenText(s) !== undefined;
const answered = (v: string | undefined): boolean => v !== undefined && v !== 'unknown';

/**
 * "Known facts" (how much is known), exactly METHOD's list; each one answered adds points. The interview asks every
 * one of them. Funds count only with their date where the money comes by a date; a price of 0 is no price.
 */
export const KNOWN_FACTS = {
  needKind: (a: Answers) => answered(a.need?.kind),
  needPainOrValueCase: (a: Answers) => given(a.need?.pain) || a.need?.annualValue !== undefined,
  othersAsked: (a: Answers) => a.need?.askedOthers === true,
  kpRole: (a: Answers) => a.kp?.role !== undefined,
  kpName: (a: Answers) => given(a.kp?.name),
  signsFinal: (a: Answers) => answered(a.kp?.signsFinal),
  otherDecider: (a: Answers) => answered(a.kp?.otherDecider),
  price: (a: Answers) => knownPrice(a.payment?.price) !== undefined,
  budget: (a: Answers) => a.payment?.budget !== undefined,
  funds: (a: Answers) => answered(a.payment?.funds) && (a.payment?.funds !== 'by_date' || a.payment.fundsDate !== undefined),
  valueRecognition: (a: Answers) => answered(a.payment?.recognizesValue),
} as const satisfies Readonly<Record<string, (a: Answers) => boolean>>;

const FACT_TESTS: ReadonlyArray<(a: Answers) => boolean> = Object.values(KNOWN_FACTS);

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
  let known = 0;
  for (const isKnown of FACT_TESTS) if (isKnown(answers)) known++;
  if (known > 0) breakdown.push(factor('facts.known', known * weights.fact, { count: known, total: FACT_TESTS.length }));
  // The source is always listed, even at 0 points, so a cold lead shows why it ranks last.
  const source = answers.lead?.source;
  breakdown.push(factor(`source.${source ?? NO_SOURCE}`, sourcePrior(source) * weights.sourceStep));
  return { score: breakdown.reduce((sum, f) => sum + f.points, 0), breakdown };
}
