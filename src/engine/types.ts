import type { Source } from './answers.js';

export type GateStatus = 'pass' | 'unknown' | 'fail';
/** Verdicts, best first. */
export const VERDICTS = ['precise', 'qualifying', 'disqualified'] as const;
export type Verdict = (typeof VERDICTS)[number];
export type Tri = 'yes' | 'no' | 'unknown';

/** Parameters of a reason, action or factor, filled into its en/zh message by the shell. */
export type CodeParams = Readonly<Record<string, string | number>>;

/** Why a gate has its status: a code (message key suffix under 'engine.reason.') plus parameters. */
export interface Reason {
  readonly code: string;
  readonly params: CodeParams;
}

/** A next action for the rep: a code (message key suffix under 'engine.action.') plus parameters. */
export interface NextAction {
  readonly code: string;
  readonly params: CodeParams;
}

/** One contribution to the score (message key suffix under 'engine.factor.'); all points add up to the score. */
export interface ScoreFactor {
  readonly factor: string;
  readonly points: number;
  readonly params: CodeParams;
}

export interface GateResult {
  readonly status: GateStatus;
  readonly reasons: readonly Reason[];
}

export interface KpGateResult extends GateResult {
  readonly status: 'pass' | 'unknown';
}

export interface PaymentGateResult extends GateResult {
  readonly ability: Tri;
  readonly willingness: Tri;
}

/**
 * What the shell knows beyond the answers. The engine never reads a clock or the data file: the shell passes
 * today's local date, whether a visit is logged, and the referrer lead's company.
 */
export interface QualifyContext {
  /** Today in the rep's time zone, YYYY-MM-DD: a fundsDate before it has passed. */
  readonly today: string;
  /** A visit with this lead is logged: a lead let go is asked for referrals before the rep leaves, else not visited at all. */
  readonly visitLogged: boolean;
  /** The company of the lead that referred this one, named in the referral source's next move. */
  readonly referrer?: string | undefined;
}

/** What the engine returns for one set of answers: plain data, codes only, no text. */
export interface Qualification {
  /** The method version (docs/method.md) these rules implement (stored with every qualification). */
  readonly method: number;
  readonly verdict: Verdict;
  readonly score: number;
  readonly gates: {
    readonly need: GateResult;
    readonly kp: KpGateResult;
    readonly payment: PaymentGateResult;
  };
  readonly breakdown: readonly ScoreFactor[];
  readonly nextActions: readonly NextAction[];
  readonly source: Source | undefined;
}

/** Score bands from docs/method.md: precise 70–100, qualifying 21–69, disqualified 0–20. */
export const SCORE_BANDS: Readonly<Record<Verdict, readonly [number, number]>> = {
  precise: [70, 100],
  qualifying: [21, 69],
  disqualified: [0, 20],
};
