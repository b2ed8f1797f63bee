import type { Answers } from './answers.js';
import { action, reason } from './codes.js';
import type { GateOutcome } from './gate.js';
import type { GateStatus, NextAction, PaymentGateResult, Reason, Tri } from './types.js';

type PaymentAnswers = NonNullable<Answers['payment']>;

/** One side of payment capacity (ability or willingness) with why, and what would settle it. */
export interface PaymentSide {
  readonly value: Tri;
  readonly reasons: readonly Reason[];
  readonly actions: readonly NextAction[];
}

/** How far the price is above the budget, for the reasons that say so. */
function overBudget(price: number, budget: number): { price: number; budget: number; over: number } {
  return { price, budget, over: Math.round((price - budget) * 100) / 100 };
}

/** The budget is at most half the price (the article: 100k product, 50k budget → "I can only choose them"). A price of 0 asks for nothing. */
function budgetAtMostHalf(price: number | undefined, budget: number | undefined): boolean {
  return price !== undefined && budget !== undefined && price > 0 && budget <= 0.5 * price;
}

/** Ability (is there money): no / yes / unknown exactly as METHOD.md's payment ability rules. */
export function paymentAbility(payment: PaymentAnswers | undefined): PaymentSide {
  const { price, budget, acceptsOverBudget, fundsDate } = payment ?? {};
  const funds = payment?.funds ?? 'unknown';
  const valueRecognized = payment?.recognizesValue === 'yes';
  const accepts = acceptsOverBudget === true;

  const noReasons: Reason[] = [];
  if (funds === 'no') noReasons.push(reason('no_funds'));
  if (budgetAtMostHalf(price, budget) && !accepts && !valueRecognized) {
    noReasons.push(reason('budget_at_most_half', overBudget(price ?? 0, budget ?? 0)));
  }
  if (noReasons.length > 0) return { value: 'no', reasons: noReasons, actions: [] };

  const reasons: Reason[] = [];
  const actions: NextAction[] = [];
  // Covered: the budget reaches the price, or they accept going over it, or they value it enough to move money (从「东」挪过来).
  const budgetCovers = price !== undefined && budget !== undefined && budget >= price;
  if (price === undefined) reasons.push(reason('price_unknown'));
  else if (budget === undefined) reasons.push(reason('budget_unknown'));
  else reasons.push(budgetCovers ? reason('budget_covers_price', { price, budget }) : reason('over_budget', overBudget(price, budget)));
  if (!budgetCovers && accepts) reasons.push(reason('accepts_over_budget'));
  if (!budgetCovers && valueRecognized) reasons.push(reason('value_moves_money'));
  const covered = budgetCovers || accepts || valueRecognized;
  if (!covered) {
    if (price === undefined) actions.push(action('quote_price'));
    if (budget === undefined) actions.push(action('find_budget'));
    else if (price !== undefined) actions.push(action('close_budget_gap', overBudget(price, budget)));
  }

  // In time: cash now or by an agreed date; financing or an unknown date leaves it open.
  const inTime = funds === 'now' || funds === 'by_date';
  if (funds === 'now') reasons.push(reason('funds_now'));
  else if (funds === 'by_date') reasons.push(fundsDate === undefined ? reason('funds_by_date') : reason('funds_by_date_on', { date: fundsDate }));
  else reasons.push(reason(funds === 'needs_financing' ? 'funds_need_financing' : 'funds_unknown'));
  if (!inTime) actions.push(action('confirm_funds_timing'));

  return { value: covered && inTime ? 'yes' : 'unknown', reasons, actions };
}

/**
 * Willingness (do they accept the price because they see the value). METHOD lists "no" first, so a customer who
 * prefers the cheaper competitor is unwilling even when they say they recognise the value: the preference is what
 * they would act on, and showing the value against the competitor is the work left.
 */
export function paymentWillingness(payment: PaymentAnswers | undefined): PaymentSide {
  const recognizesValue = payment?.recognizesValue ?? 'unknown';
  const prefersCheaper = payment?.prefersCheaperCompetitor === true;
  const reasons: Reason[] = [];
  if (prefersCheaper) reasons.push(reason('prefers_cheaper_competitor'));
  const valueReason = {
    yes: 'value_recognized',
    partly: 'value_partly_recognized',
    no: 'value_not_recognized',
    unknown: 'value_recognition_unknown',
  } as const;
  reasons.push(reason(valueReason[recognizesValue]));
  if (prefersCheaper || recognizesValue === 'no') return { value: 'no', reasons, actions: [] };
  if (recognizesValue === 'yes') return { value: 'yes', reasons, actions: [] };
  return { value: 'unknown', reasons, actions: [action('confirm_value')] };
}

/** Gate 3 status: fail when there is no ability, pass when ability and willingness are both yes, else unknown. */
export function paymentGateStatus(ability: Tri, willingness: Tri): GateStatus {
  if (ability === 'no') return 'fail';
  return ability === 'yes' && willingness === 'yes' ? 'pass' : 'unknown';
}

/** Gate 3 — payment capacity (付款能力): ability and willingness, with the actions that would settle what is open. */
export function paymentGate(payment: PaymentAnswers | undefined): GateOutcome<PaymentGateResult> {
  const ability = paymentAbility(payment);
  const willingness = paymentWillingness(payment);
  const status = paymentGateStatus(ability.value, willingness.value);
  // "They can pay but don't see why you are worth it" comes first: it is the payment work that matters most.
  const showValue = willingness.value === 'no' && ability.value !== 'no' ? [action('show_value')] : [];
  return {
    gate: {
      status,
      ability: ability.value,
      willingness: willingness.value,
      reasons: [...ability.reasons, ...willingness.reasons],
    },
    actions: status === 'pass' ? [] : [...showValue, ...ability.actions, ...willingness.actions],
  };
}
