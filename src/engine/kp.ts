import type { Answers, KpRole, OtherDecider } from './answers.js';
import { action, reason } from './codes.js';
import type { GateOutcome } from './gate.js';
import type { KpGateResult, NextAction, Reason } from './types.js';

type KpAnswers = NonNullable<Answers['kp']>;

/** Roles below general manager: often taken for the KP, rarely the one who signs. */
export const ROLES_RARELY_KP: readonly KpRole[] = ['vp', 'director', 'manager', 'staff'];

/** Other deciders the rep can name and go to (everything but none/unknown). */
const NAMED_DECIDERS: readonly OtherDecider[] = ['spouse', 'partner', 'parent_company', 'board', 'other'];

/** Gate 2 — the true KP (真 KP): pass only when the contact signs and nobody else decides; never fails (a missing KP is work, not a reason to drop). */
export function kpGate(kp: KpAnswers | undefined): GateOutcome<KpGateResult> {
  const signsFinal = kp?.signsFinal ?? 'unknown';
  const otherDecider = kp?.otherDecider ?? 'unknown';
  if (signsFinal === 'yes' && otherDecider === 'none') {
    return { gate: { status: 'pass', reasons: [reason('kp_signs_alone')] }, actions: [] };
  }
  const reasons: Reason[] = [];
  const actions: NextAction[] = [];
  // Who signs first, then who else must agree: the order a rep works it out.
  if (signsFinal === 'yes') {
    reasons.push(reason('kp_signs_final'));
  } else if (signsFinal === 'no') {
    reasons.push(reason('kp_does_not_sign'));
    actions.push(action('find_signer'));
  } else {
    reasons.push(reason('kp_signer_unknown'));
    const role = kp?.role;
    actions.push(role !== undefined && ROLES_RARELY_KP.includes(role) ? action('warn_role_rarely_kp', { role }) : action('confirm_signer'));
  }
  if (NAMED_DECIDERS.includes(otherDecider)) {
    reasons.push(reason('kp_other_decider', { decider: otherDecider }));
    actions.push(action('reach_decider', { decider: otherDecider }));
  } else if (otherDecider === 'unknown') {
    reasons.push(reason('kp_other_decider_unknown'));
    actions.push(action('ask_other_decider'));
  }
  return { gate: { status: 'unknown', reasons }, actions };
}
