import type { Answers, NeedKind } from './answers.js';
import { action, reason } from './codes.js';
import type { GateOutcome } from './gate.js';

type NeedAnswers = NonNullable<Answers['need']>;

// The three kinds of need the article names: 想换, 想了解, 想要做这件事.
const PASSING_NEED = {
  switching: 'need_switching',
  exploring: 'need_exploring',
  initiative: 'need_initiative',
} as const satisfies Partial<Record<NeedKind, string>>;

/**
 * The value case: the extra yearly value pays back the price within two years (annualValue ≥ 0.5 × price).
 * Needs both numbers; an extra value of 0 is "equal value", which is no need even when the price is 0.
 */
export function valueCaseHolds(annualValue: number | undefined, price: number | undefined): boolean {
  if (annualValue === undefined || price === undefined) return false;
  return annualValue > 0 && annualValue >= 0.5 * price;
}

/** Gate 1 — need (有需求): pass for switching/exploring/initiative; already_has fails unless the value case holds; none fails once others were asked. */
export function needGate(need: NeedAnswers | undefined, price: number | undefined): GateOutcome {
  const kind = need?.kind ?? 'unknown';
  switch (kind) {
    case 'switching':
    case 'exploring':
    case 'initiative':
      return { gate: { status: 'pass', reasons: [reason(PASSING_NEED[kind])] }, actions: [] };
    case 'already_has':
      return alreadyHasNeed(need?.annualValue, price);
    case 'none':
      // "No need" from one contact is not the company's answer until the people around them were asked.
      return need?.askedOthers === true
        ? { gate: { status: 'fail', reasons: [reason('need_none_confirmed')] }, actions: [] }
        : { gate: { status: 'unknown', reasons: [reason('need_none_unconfirmed')] }, actions: [action('ask_others_about_need')] };
    case 'unknown':
      return { gate: { status: 'unknown', reasons: [reason('need_unknown')] }, actions: [action('find_need')] };
  }
}

/** "We already have one": fails, unless the extra yearly value is at least half the price. */
function alreadyHasNeed(annualValue: number | undefined, price: number | undefined): GateOutcome {
  if (annualValue !== undefined && price !== undefined) {
    const params = { annualValue, price, half: 0.5 * price };
    return valueCaseHolds(annualValue, price)
      ? { gate: { status: 'unknown', reasons: [reason('need_value_case', params)] }, actions: [action('present_value_case', params)] }
      : { gate: { status: 'fail', reasons: [reason('need_value_below_half', params)] }, actions: [] };
  }
  return { gate: { status: 'fail', reasons: [reason('need_already_has')] }, actions: [] };
}
