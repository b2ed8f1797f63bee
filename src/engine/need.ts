import type { Answers, NeedKind } from './answers.js';
import { action, namedAction, reason } from './codes.js';
import type { GateOutcome } from './gate.js';
import { knownPrice } from './price.js';

type NeedAnswers = NonNullable<Answers['need']>;

// The three kinds of need the article names: 想换, 想了解, 想要做这件事.
const PASSING_NEED = {
  switching: 'need_switching',
  exploring: 'need_exploring',
  initiative: 'need_initiative',
} as const satisfies Partial<Record<NeedKind, string>>;

/**
 * The value case: the extra yearly value pays back the price within two years (annualValue ≥ 0.5 × price).
 * Needs both numbers (a price of 0 is no price); an extra value of 0 is "equal value", which is no need.
 */
export function valueCaseHolds(annualValue: number | undefined, price: number | undefined): boolean {
  const known = knownPrice(price);
  if (annualValue === undefined || known === undefined) return false;
  return annualValue > 0 && annualValue >= 0.5 * known;
}

/**
 * Gate 1 — need (有需求): pass for switching/exploring/initiative. "We already have one" and "no need" are the
 * contact's word only: unknown until the people around them were asked (askedOthers), then fail — except that
 * already_has stays unknown while the value case holds. competitor names what they have (lead.competitor).
 */
export function needGate(need: NeedAnswers | undefined, price: number | undefined, competitor?: string): GateOutcome {
  const kind = need?.kind ?? 'unknown';
  switch (kind) {
    case 'switching':
    case 'exploring':
    case 'initiative':
      return { gate: { status: 'pass', reasons: [reason(PASSING_NEED[kind])] }, actions: [] };
    case 'already_has':
      return alreadyHasNeed(need, price, competitor);
    case 'none':
      return noNeedAskAround(need);
    case 'unknown':
      return { gate: { status: 'unknown', reasons: [reason('need_unknown')] }, actions: [action('find_need')] };
  }
}

/** The ask-around rule for "no need": one contact's word is not the company's answer until the people around them were asked. */
function noNeedAskAround(need: NeedAnswers | undefined): GateOutcome {
  return need?.askedOthers === true
    ? { gate: { status: 'fail', reasons: [reason('need_none_confirmed')] }, actions: [] }
    : { gate: { status: 'unknown', reasons: [reason('need_none_unconfirmed')] }, actions: [action('ask_others_about_need')] };
}

/**
 * "We already have one" (v2): the value case keeps it open; otherwise the ask-around rule — ask the users around the
 * contact what they dislike about what they have (a competitor's customer is a chance), and let go only once they were asked.
 */
function alreadyHasNeed(need: NeedAnswers | undefined, price: number | undefined, competitor: string | undefined): GateOutcome {
  const annualValue = need?.annualValue;
  const known = knownPrice(price);
  const params = annualValue !== undefined && known !== undefined ? { annualValue, price: known, half: 0.5 * known } : undefined;
  if (params !== undefined && valueCaseHolds(annualValue, known)) {
    return { gate: { status: 'unknown', reasons: [reason('need_value_case', params)] }, actions: [action('present_value_case', params)] };
  }
  if (need?.askedOthers === true) {
    return { gate: { status: 'fail', reasons: [params === undefined ? reason('need_already_has') : reason('need_value_below_half', params)] }, actions: [] };
  }
  return {
    gate: { status: 'unknown', reasons: [reason('need_already_has_unconfirmed')] },
    actions: [namedAction('ask_others_what_they_dislike', 'competitor', competitor)],
  };
}
