import type { GateResult, NextAction } from './types.js';

/** A gate's result together with the next actions its rule asks for (used only while the lead is qualifying). */
export interface GateOutcome<G extends GateResult = GateResult> {
  readonly gate: G;
  readonly actions: readonly NextAction[];
}
