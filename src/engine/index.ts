// The engine's public face: pure rules, codes + params only (the shell turns codes into en/zh text).
export { qualifyLead, nextActionsOf, letGoActions, METHOD_VERSION } from './qualify.js';
export { needGate, valueCaseHolds } from './need.js';
export { kpGate, ROLES_RARELY_KP, roleRarelyKp, signerNeedsConfirming } from './kp.js';
export { paymentAbility, paymentWillingness, paymentGate, paymentGateStatus, halfBudgetCase, fundsTiming, paymentFailReasons, type PaymentSide } from './payment.js';
export { SOURCE_MOVES, sourceMoveOf } from './sources.js';
export { knownPrice } from './price.js';
export { verdictOf } from './verdict.js';
export { scoreOf, sourcePrior, SOURCE_RANKING, KNOWN_FACTS, BAND_WEIGHTS } from './score.js';
export {
  REASON_CODES,
  ACTION_CODES,
  RETIRED_ACTION_CODES,
  GATE_FACTORS,
  FACTOR_CODES,
  NO_SOURCE,
  type ReasonCode,
  type ActionCode,
  type GateFactor,
  type FactorCode,
  type SourceFactor,
} from './codes.js';
export { parseMoney, type MoneyParse, type MoneyProblem } from './money.js';
export * from './answers.js';
export * from './types.js';
