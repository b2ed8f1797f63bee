import { describe, expect, it } from 'vitest';
import { KP_ROLES, OTHER_DECIDERS, ROLES_RARELY_KP, YES_NO_UNKNOWN, qualifyLead, type Answers } from '../../src/engine/index.js';
import { CTX } from './context.js';

const codes = (xs: ReadonlyArray<{ code: string }>): string[] => xs.map((x) => x.code);

/** KP gate and the KP actions for kp answers (need passes, so KP actions are in nextActions). */
function kp(answers: Answers['kp']) {
  const q = qualifyLead({ need: { kind: 'switching' }, kp: answers }, CTX);
  return { status: q.gates.kp.status, reasons: codes(q.gates.kp.reasons), actions: q.nextActions, q };
}

const KP_ACTIONS = new Set(['find_signer', 'warn_role_rarely_kp', 'confirm_signer', 'confirm_signer_elsewhere', 'confirm_signer_elsewhere_named', 'reach_decider', 'ask_other_decider']);
const SIGNS = [...YES_NO_UNKNOWN, undefined];
const DECIDERS = [...OTHER_DECIDERS, undefined];
const ROLES = [...KP_ROLES, undefined];

describe('KP gate (真 KP)', () => {
  it('passes only when the contact signs, nobody else decides, and a rarely-KP role was confirmed elsewhere', () => {
    for (const signsFinal of SIGNS) {
      for (const otherDecider of DECIDERS) {
        for (const role of ROLES) {
          for (const confirmed of [true, false, undefined]) {
            const r = kp({ signsFinal, otherDecider, role, confirmed });
            const rarely = role !== undefined && ROLES_RARELY_KP.includes(role);
            const pass = signsFinal === 'yes' && otherDecider === 'none' && (!rarely || confirmed === true);
            expect(r.status, JSON.stringify({ signsFinal, otherDecider, role, confirmed })).toBe(pass ? 'pass' : 'unknown');
          }
        }
      }
    }
  });

  it('never fails the lead, even with nothing known', () => {
    expect(kp(undefined).status).toBe('unknown');
    expect(kp({ signsFinal: 'no', otherDecider: 'board', role: 'staff' }).q.verdict).toBe('qualifying');
  });

  it('pass: reason only, no KP actions', () => {
    const r = kp({ signsFinal: 'yes', otherDecider: 'none', role: 'gm' });
    expect(r.reasons).toEqual(['kp_signs_alone']);
    expect(codes(r.actions).filter((c) => KP_ACTIONS.has(c))).toEqual([]);
  });

  it('signsFinal = no → find who signs', () => {
    const r = kp({ signsFinal: 'no', otherDecider: 'none', role: 'owner' });
    expect(r.reasons).toEqual(['kp_does_not_sign']);
    expect(codes(r.actions)).toContain('find_signer');
    expect(codes(r.actions)).not.toContain('warn_role_rarely_kp');
  });

  it.each(['vp', 'director', 'manager', 'staff'] as const)('signsFinal unknown with role %s → warn the role is rarely the KP', (role) => {
    for (const signsFinal of ['unknown', undefined] as const) {
      const r = kp({ signsFinal, otherDecider: 'none', role });
      expect(r.reasons).toEqual(['kp_signer_unknown']);
      expect(r.actions).toContainEqual({ code: 'warn_role_rarely_kp', params: { role } });
      expect(codes(r.actions)).not.toContain('confirm_signer');
    }
  });

  it.each(['owner', 'chairman', 'gm', 'other', undefined] as const)('signsFinal unknown with role %s → confirm the signer', (role) => {
    const r = kp({ otherDecider: 'none', role });
    expect(codes(r.actions)).toContain('confirm_signer');
    expect(codes(r.actions)).not.toContain('warn_role_rarely_kp');
  });

  it.each(['spouse', 'partner', 'parent_company', 'board', 'other'] as const)('otherDecider %s → reach that decider before closing', (decider) => {
    const r = kp({ signsFinal: 'yes', otherDecider: decider, role: 'gm' });
    expect(r.status).toBe('unknown');
    expect(r.reasons).toEqual(['kp_signs_final', 'kp_other_decider']);
    expect(r.q.gates.kp.reasons[1]?.params).toEqual({ decider });
    expect(r.actions).toContainEqual({ code: 'reach_decider', params: { decider } });
    expect(codes(r.actions)).not.toContain('ask_other_decider');
  });

  it.each(['unknown', undefined] as const)('otherDecider %s → ask whether anyone else must agree', (otherDecider) => {
    const r = kp({ signsFinal: 'yes', otherDecider, role: 'owner' });
    expect(r.reasons).toEqual(['kp_signs_final', 'kp_other_decider_unknown']);
    expect(codes(r.actions).filter((c) => KP_ACTIONS.has(c))).toEqual(['ask_other_decider']);
  });

  it('orders the signer before the decider', () => {
    const r = kp({ signsFinal: 'unknown', otherDecider: 'spouse', role: 'vp' });
    expect(codes(r.actions).slice(0, 2)).toEqual(['warn_role_rarely_kp', 'reach_decider']);
  });
});
