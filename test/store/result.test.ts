import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importedAnswers } from '../../src/store/imported-answers.js';
import { METHOD_VERSION, qualifyLead } from '../../src/engine/qualify.js';
import { compactResult, firstActionJson, isCompact, storedResult } from '../../src/store/result.js';
import { answersArb, contextArb } from '../engine/arbitraries.js';

// The short form of a stored result (store/result.ts) is only a saving if reading it gives back exactly the result
// the scorer computed: every byte of `lead show --json` depends on it.

describe('a stored result in its short form', () => {
  it('computes again to exactly the result made from the answers as given, for any answers and context', async () => {
    await fc.assert(
      fc.asyncProperty(answersArb, contextArb, async (answers, context) => {
        const made = qualifyLead(answers, context);
        const short = JSON.parse(compactResult(context)) as object;
        const read = await storedResult(short, JSON.parse(importedAnswers(answers).answers) as typeof answers, METHOD_VERSION);
        expect(JSON.stringify(read)).toBe(JSON.stringify(made));
      }),
      { numRuns: 500 },
    );
  });

  it('is told from a full result, which is read as it is', async () => {
    const full = qualifyLead({ need: { kind: 'switching' } }, { today: '2026-05-01', visitLogged: false });
    expect(isCompact(full)).toBe(false);
    expect(await storedResult(full, {}, 1)).toBe(full);
    expect(compactResult({ today: '2026-05-01', visitLogged: false })).toBe('{"today":"2026-05-01"}');
    expect(compactResult({ today: '2026-05-01', visitLogged: true, referrer: 'Acme' })).toBe('{"today":"2026-05-01","visitLogged":true,"referrer":"Acme"}');
  });

  it('of another method cannot be computed again: undefined (the store reports it damaged)', async () => {
    expect(await storedResult({ today: '2026-05-01' }, {}, METHOD_VERSION - 1)).toBeUndefined();
  });
});

describe('the first next action as a lead keeps it', () => {
  it('is the JSON of its code, and of its params when it has any, for any answers and context', () => {
    fc.assert(
      fc.property(answersArb, contextArb, (answers, context) => {
        const result = qualifyLead(answers, context);
        const first = result.nextActions[0];
        const expected = first === undefined ? null : JSON.stringify(Object.keys(first.params).length === 0 ? { code: first.code } : { code: first.code, params: first.params });
        // Twice: a code's JSON made once and kept gives the same the second time.
        expect(firstActionJson(result)).toBe(expected);
        expect(firstActionJson(result)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
    const none = { ...qualifyLead({}, { today: '2026-05-01', visitLogged: false }), nextActions: [] };
    expect(firstActionJson(none)).toBeNull();
  });
});
