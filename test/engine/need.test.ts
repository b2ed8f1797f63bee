import { describe, expect, it } from 'vitest';
import { qualifyLead, type Answers } from '../../src/engine/index.js';
import { CTX } from './context.js';

const codes = (xs: ReadonlyArray<{ code: string }>): string[] => xs.map((x) => x.code);

/** Need gate, reason codes and action codes for need answers (and a price for the value case, a competitor to name). */
function need(answers: Answers['need'], price?: number, competitor?: string) {
  const q = qualifyLead({ lead: competitor === undefined ? undefined : { competitor }, need: answers, payment: price === undefined ? undefined : { price } }, CTX);
  return { status: q.gates.need.status, reasons: codes(q.gates.need.reasons), actions: codes(q.nextActions), q };
}

describe('need gate (有需求)', () => {
  it.each([
    ['switching', 'need_switching'],
    ['exploring', 'need_exploring'],
    ['initiative', 'need_initiative'],
  ] as const)('%s passes', (kind, reason) => {
    const r = need({ kind });
    expect(r.status).toBe('pass');
    expect(r.reasons).toEqual([reason]);
    expect(r.actions).not.toContain('find_need');
  });

  it.each([
    ['missing section', undefined],
    ['missing kind', {}],
    ['unknown', { kind: 'unknown' as const }],
  ])('%s is unknown with the action to find the need', (_, answers) => {
    const r = need(answers);
    expect(r.status).toBe('unknown');
    expect(r.reasons).toEqual(['need_unknown']);
    expect(r.actions[0]).toBe('find_need');
  });

  describe('already_has and the value case', () => {
    it.each([
      ['value well above half', 800_000, 1_000_000],
      ['value exactly half the price', 500_000, 1_000_000],
      ['value equal to the price', 1_000_000, 1_000_000],
    ])('%s → unknown with "present the value case"', (_, annualValue, price) => {
      const r = need({ kind: 'already_has', annualValue }, price);
      expect(r.status).toBe('unknown');
      expect(r.reasons).toEqual(['need_value_case']);
      expect(r.q.gates.need.reasons[0]?.params).toEqual({ annualValue, price, half: price / 2 });
      expect(r.actions[0]).toBe('present_value_case');
      expect(r.q.nextActions[0]?.params).toEqual({ annualValue, price, half: price / 2 });
      expect(r.q.verdict).toBe('qualifying');
    });

    it.each([
      ['value just below half', 499_999, 1_000_000],
      ['equal value: no extra value', 0, 1_000_000],
    ])('%s, others asked → fail', (_, annualValue, price) => {
      const r = need({ kind: 'already_has', annualValue, askedOthers: true }, price);
      expect(r.status).toBe('fail');
      expect(r.reasons).toEqual(['need_value_below_half']);
      expect(r.q.verdict).toBe('disqualified');
    });

    it.each([
      ['value just below half', { annualValue: 499_999 }, 1_000_000],
      ['equal value', { annualValue: 0 }, 1_000_000],
      ['no numbers', {}, undefined],
    ])('%s, others not asked yet → unknown, ask the users around what they dislike (v2)', (_, extra, price) => {
      for (const askedOthers of [undefined, false]) {
        const r = need({ kind: 'already_has', askedOthers, ...extra }, price);
        expect(r.status).toBe('unknown');
        expect(r.reasons).toEqual(['need_already_has_unconfirmed']);
        expect(r.actions[0]).toBe('ask_others_what_they_dislike');
        expect(r.q.verdict).toBe('qualifying');
      }
    });

    it.each([
      ['no numbers', {}, undefined],
      ['value without price', { annualValue: 900_000 }, undefined],
      ['price without value', {}, 100_000],
      // A price of 0 is an unknown price (v2): no "below half the price (0)".
      ['equal value at price 0', { annualValue: 0 }, 0],
      ['any value at price 0', { annualValue: 900_000 }, 0],
    ])('the value case needs both numbers: %s, others asked → fail', (_, extra, price) => {
      const r = need({ kind: 'already_has', askedOthers: true, ...extra }, price);
      expect(r.status).toBe('fail');
      expect(r.reasons).toEqual(['need_already_has']);
    });

    it('the value case holds even after asking others', () => {
      const r = need({ kind: 'already_has', annualValue: 500_000, askedOthers: true }, 1_000_000);
      expect(r.status).toBe('unknown');
      expect(r.actions[0]).toBe('present_value_case');
    });

    it('names the competitor when known (trimmed), and only then', () => {
      expect(need({ kind: 'already_has' }, undefined, ' 销售易 ').q.nextActions[0]).toEqual({ code: 'ask_others_what_they_dislike_named', params: { competitor: '销售易' } });
      expect(need({ kind: 'already_has' }, undefined, '   ').q.nextActions[0]).toEqual({ code: 'ask_others_what_they_dislike', params: {} });
    });
  });

  describe('none', () => {
    it.each([undefined, false])('askedOthers %j → unknown, ask the people around', (askedOthers) => {
      const r = need({ kind: 'none', askedOthers });
      expect(r.status).toBe('unknown');
      expect(r.reasons).toEqual(['need_none_unconfirmed']);
      expect(r.actions[0]).toBe('ask_others_about_need');
    });

    it('askedOthers true → fail', () => {
      const r = need({ kind: 'none', askedOthers: true });
      expect(r.status).toBe('fail');
      expect(r.reasons).toEqual(['need_none_confirmed']);
      expect(r.q.verdict).toBe('disqualified');
    });
  });

  it('askedOthers and annualValue do not change other kinds', () => {
    expect(need({ kind: 'switching', askedOthers: true, annualValue: 0 }, 100).status).toBe('pass');
    expect(need({ kind: 'unknown', askedOthers: true }).status).toBe('unknown');
  });
});
