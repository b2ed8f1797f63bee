import type { Answers, Funds } from './answers.js';
import { action, reason } from './codes.js';
import type { GateOutcome } from './gate.js';
import { knownPrice } from './price.js';
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

/** The budget as a whole percentage of the price ("their budget is 50% of your price"). */
function budgetShare(price: number, budget: number): { price: number; budget: number; percent: number } {
  return { price, budget, percent: Math.round((budget / price) * 100) };
}

/** The budget is at most half the price (the article: 100k product, 50k budget → "I can only choose them"). Needs a known price. */
function budgetAtMostHalf(price: number | undefined, budget: number | undefined): boolean {
  return price !== undefined && budget !== undefined && budget <= 0.5 * price;
}

/** When the money can be had: whether that is in time, why, and what would settle it. */
interface FundsTiming {
  readonly inTime: boolean;
  readonly reason: Reason;
  readonly action?: NextAction;
}

/**
 * In time (v2): cash now, or by a date that is not before today. A date that has passed is unknown again ("ask
 * again"); by_date without its date is unknown until the date is asked. not_now is no money right now: small
 * companies move money around, so a customer who sees the value is asked which money they would move.
 */
export function fundsTiming(payment: PaymentAnswers | undefined, today: string): FundsTiming {
  const funds: Funds = payment?.funds ?? 'unknown';
  const date = payment?.fundsDate;
  switch (funds) {
    case 'now':
      return { inTime: true, reason: reason('funds_now') };
    case 'by_date':
      if (date === undefined) return { inTime: false, reason: reason('funds_by_date'), action: action('ask_funds_date') };
      if (date < today) return { inTime: false, reason: reason('funds_date_passed', { date }), action: action('funds_date_passed', { date }) };
      return { inTime: true, reason: reason('funds_by_date_on', { date }) };
    case 'not_now':
      return {
        inTime: false,
        reason: reason('funds_not_now'),
        action: payment?.recognizesValue === 'yes' ? action('ask_which_money_moves') : action('confirm_funds_timing'),
      };
    case 'needs_financing':
      return { inTime: false, reason: reason('funds_need_financing'), action: action('confirm_funds_timing') };
    case 'no':
    case 'unknown':
      // 'no' never gets here (paymentAbility answers it first); both read as "not known when".
      return { inTime: false, reason: reason('funds_unknown'), action: action('confirm_funds_timing') };
  }
}

/** Ability (is there money): no only when there is truly no money; yes when the price is covered and the money comes in time. */
export function paymentAbility(payment: PaymentAnswers | undefined, today: string): PaymentSide {
  if (payment?.funds === 'no') return { value: 'no', reasons: [reason('no_funds')], actions: [] };
  const price = knownPrice(payment?.price);
  const budget = payment?.budget;
  const accepts = payment?.acceptsOverBudget === true;
  const valueRecognized = payment?.recognizesValue === 'yes';

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
    else if (price !== undefined) {
      // At most half the price, the gap is a willingness problem: they pay double only if they see the value.
      actions.push(budgetAtMostHalf(price, budget) ? action('show_value_then_ask', budgetShare(price, budget)) : action('close_budget_gap', overBudget(price, budget)));
    }
  }

  const timing = fundsTiming(payment, today);
  reasons.push(timing.reason);
  if (timing.action !== undefined) actions.push(timing.action);
  return { value: covered && timing.inTime ? 'yes' : 'unknown', reasons, actions };
}

/**
 * Willingness (do they accept the price because they see the value): no when they do not see it, or prefer the cheaper
 * competitor without seeing it; yes when they see it and do not prefer the competitor. Seeing the value while preferring
 * the cheaper competitor is a conflict to settle (v2): ask what would make them choose you.
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
  if (recognizesValue === 'no' || (prefersCheaper && recognizesValue !== 'yes')) return { value: 'no', reasons, actions: [] };
  if (recognizesValue === 'yes' && !prefersCheaper) return { value: 'yes', reasons, actions: [] };
  if (recognizesValue === 'yes') return { value: 'unknown', reasons: [...reasons, reason('value_but_cheaper_competitor')], actions: [action('ask_what_makes_them_choose_you')] };
  return { value: 'unknown', reasons, actions: [action('confirm_value')] };
}

/**
 * Half the budget is a willingness problem (v2): a budget at most half the price, not accepted as over budget, fails
 * the gate only once the customer is unwilling ("able to pay, not willing to pay"); while they may still see the value
 * it stays open. undefined when the budget is above half the price (or either is unknown), or they accept going over.
 */
export function halfBudgetCase(payment: PaymentAnswers | undefined, willingness: Tri): 'unwilling' | 'open' | undefined {
  const price = knownPrice(payment?.price);
  const budget = payment?.budget;
  if (!budgetAtMostHalf(price, budget) || payment?.acceptsOverBudget === true) return undefined;
  // "Fails only once the customer has shown they do not see the value": preferring the cheaper competitor while
  // recognition is still unknown (worked example 6b) leaves the gate open, with "show your value, then ask".
  const recognition = payment?.recognizesValue ?? 'unknown';
  if (willingness === 'no' && recognition !== 'unknown') return 'unwilling';
  // Seeing the value moves the money: no gap left to discuss.
  return payment?.recognizesValue === 'yes' ? undefined : 'open';
}

/** Gate 3 status: fail with no ability or with half the budget and no willingness; pass when ability and willingness are both yes; else unknown. */
export function paymentGateStatus(ability: Tri, willingness: Tri, halfBudgetUnwilling = false): GateStatus {
  if (ability === 'no' || halfBudgetUnwilling) return 'fail';
  return ability === 'yes' && willingness === 'yes' ? 'pass' : 'unknown';
}

/** Gate 3 — payment capacity (付款能力): ability and willingness, with the actions that would settle what is open. */
export function paymentGate(payment: PaymentAnswers | undefined, today: string): GateOutcome<PaymentGateResult> {
  const ability = paymentAbility(payment, today);
  const willingness = paymentWillingness(payment);
  const half = halfBudgetCase(payment, willingness.value);
  const status = paymentGateStatus(ability.value, willingness.value, half === 'unwilling');
  const reasons = [...ability.reasons, ...willingness.reasons];
  const price = knownPrice(payment?.price) ?? 0;
  const budget = payment?.budget ?? 0;
  if (half === 'unwilling') reasons.push(reason('budget_at_most_half', budgetShare(price, budget)));
  if (half === 'open') reasons.push(reason('budget_at_most_half_open', budgetShare(price, budget)));
  const gate = { status, ability: ability.value, willingness: willingness.value, reasons };
  if (status !== 'unknown') return { gate, actions: [] };
  // "They can pay but don't see why you are worth it" comes first: it is the payment work that matters most.
  // METHOD gives it for a budget above half the price; at half or below, "show your value, then ask" says it.
  const showValue = willingness.value === 'no' && half === undefined ? [action('show_value')] : [];
  // "Show your value, then ask" already asks for the value: no second "confirm the value".
  const willingnessActions = half === 'open' ? willingness.actions.filter((a) => a.code !== 'confirm_value') : willingness.actions;
  return { gate, actions: [...showValue, ...ability.actions, ...willingnessActions] };
}

/** The reasons a failed payment gate was failed for: truly no money, or half the budget and unwilling. */
export function paymentFailReasons(gate: PaymentGateResult): Reason[] {
  return gate.reasons.filter((r) => r.code === 'no_funds' || r.code === 'budget_at_most_half');
}
