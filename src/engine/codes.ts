import { SOURCES, type Source } from './enums.js';
import { givenText } from './text.js';
import { VERDICTS, type CodeParams, type NextAction, type Reason, type Verdict } from './types.js';

// Every code the engine can emit; the i18n test checks each has en + zh text, and the
// literal types catch a misspelt code at compile time.

/** Why a gate has its status (message key 'engine.reason.<code>'). */
export const REASON_CODES = [
  'need_switching',
  'need_exploring',
  'need_initiative',
  'need_value_case',
  'need_value_below_half',
  'need_already_has',
  'need_already_has_unconfirmed',
  'need_none_confirmed',
  'need_none_unconfirmed',
  'need_unknown',
  'kp_signs_alone',
  'kp_signs_final',
  'kp_signer_confirmed',
  'kp_signer_unconfirmed',
  'kp_does_not_sign',
  'kp_signer_unknown',
  'kp_other_decider',
  'kp_other_decider_unknown',
  'no_funds',
  'budget_at_most_half',
  'budget_at_most_half_open',
  'price_unknown',
  'budget_unknown',
  'budget_covers_price',
  'over_budget',
  'accepts_over_budget',
  'value_moves_money',
  'funds_now',
  'funds_by_date',
  'funds_by_date_on',
  'funds_date_passed',
  'funds_need_financing',
  'funds_not_now',
  'funds_unknown',
  'prefers_cheaper_competitor',
  'value_not_recognized',
  'value_recognized',
  'value_partly_recognized',
  'value_recognition_unknown',
  'value_but_cheaper_competitor',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** What the rep should do next (message key 'engine.action.<code>'). A `_named` code is the same move with a name to show. */
export const ACTION_CODES = [
  // Gate 1 — need.
  'present_value_case',
  'find_need',
  'ask_others_about_need',
  'ask_others_what_they_dislike',
  'ask_others_what_they_dislike_named',
  // Gate 2 — the true KP.
  'find_signer',
  'warn_role_rarely_kp',
  'confirm_signer',
  'confirm_signer_elsewhere',
  'confirm_signer_elsewhere_named',
  'reach_decider',
  'ask_other_decider',
  // Gate 3 — payment capacity.
  'show_value',
  'show_value_then_ask',
  'quote_price',
  'find_budget',
  'close_budget_gap',
  'confirm_funds_timing',
  'ask_funds_date',
  'funds_date_passed',
  'ask_which_money_moves',
  'confirm_value',
  'ask_what_makes_them_choose_you',
  // Each lead source's own move.
  'find_competitor_dislikes',
  'find_competitor_dislikes_named',
  'ask_referrer',
  'ask_referrer_named',
  'ask_partner',
  'ask_partner_named',
  'research_top20',
  // The verdict's own moves.
  'visit_kp',
  'visit_kp_named',
  'let_go_because',
  'dont_visit',
  'ask_referrals',
  'ask_referrals_next_time',
] as const;
export type ActionCode = (typeof ACTION_CODES)[number];

/**
 * Actions earlier method versions gave and this one no longer does. Their text stays so a stored result (`lead show`)
 * still reads: method 1 closed a precise lead with 'visit_and_close' (now 'visit_kp').
 */
export const RETIRED_ACTION_CODES = ['visit_and_close'] as const;

/** Score factors that are facts about the gates (message key 'engine.factor.<factor>'). */
export const GATE_FACTORS = [
  'need.pass',
  'need.value_case',
  'kp.pass',
  'kp.signs_final',
  'kp.no_other_decider',
  'payment.ability_yes',
  'payment.willingness_yes',
] as const;
export type GateFactor = (typeof GATE_FACTORS)[number];

/** The source factor of a lead without a source. */
export const NO_SOURCE = 'none' as const;
export type SourceFactor = `source.${Source | typeof NO_SOURCE}`;

/** Every factor code a breakdown can hold. */
export type FactorCode = `band.${Verdict}` | GateFactor | 'facts.known' | SourceFactor;

/** All factor codes, for the message tables' completeness check. */
export const FACTOR_CODES: readonly FactorCode[] = [
  ...VERDICTS.map((v) => `band.${v}` as const),
  ...GATE_FACTORS,
  'facts.known',
  ...[...SOURCES, NO_SOURCE].map((s): SourceFactor => `source.${s}`),
];

/** A reason with its parameters. */
export function reason(code: ReasonCode, params: CodeParams = {}): Reason {
  return { code, params };
}

/** A next action with its parameters. */
export function action(code: ActionCode, params: CodeParams = {}): NextAction {
  return { code, params };
}

/** The moves that can name someone: `<code>_named` is the same move with the name shown. */
export type NamedMove = { [C in ActionCode]: `${C}_named` extends ActionCode ? C : never }[ActionCode];

/** A move naming someone when the name is known (`<code>_named` with the name as `param`), else the same move unnamed. */
export function namedAction(code: NamedMove, param: string, name: string | undefined, params: CodeParams = {}): NextAction {
  const shown = givenText(name);
  return shown === undefined ? action(code, params) : action(`${code}_named`, { ...params, [param]: shown });
}
