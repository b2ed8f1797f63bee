import { SOURCES, type Source } from './enums.js';
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
  'need_none_confirmed',
  'need_none_unconfirmed',
  'need_unknown',
  'kp_signs_alone',
  'kp_signs_final',
  'kp_does_not_sign',
  'kp_signer_unknown',
  'kp_other_decider',
  'kp_other_decider_unknown',
  'no_funds',
  'budget_at_most_half',
  'price_unknown',
  'budget_unknown',
  'budget_covers_price',
  'over_budget',
  'accepts_over_budget',
  'value_moves_money',
  'funds_now',
  'funds_by_date',
  'funds_by_date_on',
  'funds_need_financing',
  'funds_unknown',
  'prefers_cheaper_competitor',
  'value_not_recognized',
  'value_recognized',
  'value_partly_recognized',
  'value_recognition_unknown',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** What the rep should do next (message key 'engine.action.<code>'). */
export const ACTION_CODES = [
  'present_value_case',
  'find_need',
  'ask_others_about_need',
  'find_signer',
  'warn_role_rarely_kp',
  'confirm_signer',
  'reach_decider',
  'ask_other_decider',
  'show_value',
  'quote_price',
  'find_budget',
  'close_budget_gap',
  'confirm_funds_timing',
  'confirm_value',
  'visit_and_close',
  'ask_referrals',
] as const;
export type ActionCode = (typeof ACTION_CODES)[number];

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
