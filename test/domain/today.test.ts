import { describe, expect, it } from 'vitest';
import { followUpAfterContact, worklistQuery, worklistReason, type WorkFacts } from '../../src/domain/today.js';

const NOW = new Date('2026-06-15T12:00:00.000Z');
const query = worklistQuery(NOW, '2026-06-15');
const base: WorkFacts = { id: 1, status: 'new', score: null, lastVisitAt: null, lastContactAt: null, followUpOn: null, qualifiedAt: null, requests: [], rankings: [] };

describe('the reason a lead is on today’s list (the first that holds)', () => {
  it.each<[string, Partial<WorkFacts>, string | undefined]>([
    ['a new lead: nothing to do', {}, undefined],
    ['precise, never visited: visit', { status: 'precise', score: 80 }, 'visit'],
    ['precise and visited: nothing', { status: 'precise', score: 80, lastVisitAt: '2026-06-01T00:00:00.000Z' }, undefined],
    ['a follow-up due today', { followUpOn: '2026-06-15' }, 'followUp'],
    ['a follow-up past', { followUpOn: '2026-06-01' }, 'followUp'],
    ['a follow-up tomorrow: not yet', { followUpOn: '2026-06-16' }, undefined],
    ['precise not visited comes before its follow-up', { status: 'precise', followUpOn: '2026-06-01' }, 'visit'],
    ['qualifying', { status: 'qualifying', score: 40 }, 'qualifying'],
    ['a follow-up due comes before qualifying', { status: 'qualifying', followUpOn: '2026-06-10' }, 'followUp'],
    ['a request short of referrals, 8 days old', { requests: [{ askedAt: '2026-06-07T11:00:00.000Z', asked: 3, received: 1 }] }, 'referral'],
    ['a request 6 days old: not quiet yet', { requests: [{ askedAt: '2026-06-09T12:00:00.000Z', asked: 3, received: 0 }] }, undefined],
    ['a request answered in full', { requests: [{ askedAt: '2026-05-01T00:00:00.000Z', asked: 2, received: 2 }] }, undefined],
    ['qualified 91 days ago: stale', { status: 'disqualified', qualifiedAt: '2026-03-16T00:00:00.000Z' }, 'stale'],
    ['qualified 89 days ago: not stale', { status: 'disqualified', qualifiedAt: '2026-03-18T00:00:00.000Z' }, undefined],
    ['a top-20 account never contacted', { rankings: [{ industry: 'bank', rank: 3 }] }, 'top20'],
    ['a top-20 account contacted 31 days ago', { rankings: [{ industry: 'bank', rank: 3 }], lastContactAt: '2026-05-15T00:00:00.000Z' }, 'top20'],
    ['a top-20 account contacted 29 days ago', { rankings: [{ industry: 'bank', rank: 3 }], lastContactAt: '2026-05-17T13:00:00.000Z' }, undefined],
    ['ranked 21st: not a top-20 account', { rankings: [{ industry: 'bank', rank: 21 }] }, undefined],
    ['won: never listed', { status: 'won', followUpOn: '2026-06-01', rankings: [{ industry: 'bank', rank: 1 }] }, undefined],
    ['lost: never listed', { status: 'lost', requests: [{ askedAt: '2026-01-01T00:00:00.000Z', asked: 3, received: 0 }] }, undefined],
  ])('%s', (_name, facts, reason) => {
    expect(worklistReason({ ...base, ...facts }, query)).toBe(reason);
  });

  it('--days moves the stale cut-off', () => {
    const lead = { ...base, status: 'qualifying' as const, qualifiedAt: '2026-05-01T00:00:00.000Z' };
    expect(worklistReason({ ...lead, status: 'disqualified' }, worklistQuery(NOW, '2026-06-15', 30))).toBe('stale');
    expect(worklistReason({ ...lead, status: 'disqualified' }, worklistQuery(NOW, '2026-06-15', 60))).toBeUndefined();
  });
});

describe('a contact and the follow-up day', () => {
  it.each<[string | null, string, string | undefined, string | null]>([
    [null, '2026-06-15', '2026-06-20', '2026-06-20'],
    ['2026-06-10', '2026-06-15', '2026-06-20', '2026-06-20'],
    ['2026-06-15', '2026-06-15', undefined, null],
    ['2026-06-10', '2026-06-15', undefined, null],
    ['2026-06-20', '2026-06-15', undefined, '2026-06-20'],
    ['2026-06-20', '2026-06-01', undefined, '2026-06-20'],
    [null, '2026-06-15', undefined, null],
  ])('follow-up %s, a contact on %s with --next %s → %s', (current, contactDay, next, after) => {
    expect(followUpAfterContact(current, contactDay, next)).toBe(after);
  });
});
