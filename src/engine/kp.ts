import type { Answers, KpRole, OtherDecider } from './answers.js';
import { action, namedAction, reason } from './codes.js';
import type { GateOutcome } from './gate.js';
import type { KpGateResult, NextAction, Reason } from './types.js';

type KpAnswers = NonNullable<Answers['kp']>;

/** Roles below general manager: often taken for the KP, rarely the one who signs. */
export const ROLES_RARELY_KP: readonly KpRole[] = ['vp', 'director', 'manager', 'staff'];

/** Other deciders the rep can name and go to (everything but none/unknown). */
const NAMED_DECIDERS: readonly OtherDecider[] = ['spouse', 'partner', 'parent_company', 'board', 'other'];

/** Whether a role is one that is rarely the KP (a VP, director, manager or staff member). */
export function roleRarelyKp(role: KpRole | undefined): role is KpRole {
  return role !== undefined && ROLES_RARELY_KP.includes(role);
}

/**
 * The VP who "signs" (v2): the article's biggest problem is believing the VP is the KP. A rarely-KP role that says it
 * signs is taken at its word only once the rep confirmed it with someone else, or in writing (kp.confirmed).
 */
export function signerNeedsConfirming(kp: KpAnswers | undefined): boolean {
  return kp?.signsFinal === 'yes' && roleRarelyKp(kp.role) && kp.confirmed !== true;
}

/**
 * Gate 2 — the true KP (真 KP): pass only when the contact signs (confirmed elsewhere for a role that is rarely the KP)
 * and nobody else decides; never fails (a missing KP is work, not a reason to drop).
 */
export function kpGate(kp: KpAnswers | undefined): GateOutcome<KpGateResult> {
  const signsFinal = kp?.signsFinal ?? 'unknown';
  const otherDecider = kp?.otherDecider ?? 'unknown';
  const role = kp?.role;
  if (signsFinal === 'yes' && otherDecider === 'none' && !signerNeedsConfirming(kp)) {
    const reasons = [reason('kp_signs_alone')];
    if (roleRarelyKp(role)) reasons.push(reason('kp_signer_confirmed', { role }));
    return { gate: { status: 'pass', reasons }, actions: [] };
  }
  const reasons: Reason[] = [];
  const actions: NextAction[] = [];
  // Who signs first, then who else must agree: the order a rep works it out.
  if (signsFinal === 'yes') {
    reasons.push(reason('kp_signs_final'));
    if (signerNeedsConfirming(kp) && roleRarelyKp(role)) {
      reasons.push(reason('kp_signer_unconfirmed', { role }));
      actions.push(namedAction('confirm_signer_elsewhere', 'name', kp?.name, { role }));
    } else if (roleRarelyKp(role)) {
      reasons.push(reason('kp_signer_confirmed', { role }));
    }
  } else if (signsFinal === 'no') {
    reasons.push(reason('kp_does_not_sign'));
    actions.push(action('find_signer'));
  } else {
    reasons.push(reason('kp_signer_unknown'));
    actions.push(roleRarelyKp(role) ? action('warn_role_rarely_kp', { role }) : action('confirm_signer'));
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
