import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rescoreOpenLeads } from '../../src/commands/db.rescore.js';
import { qualifyLead } from '../../src/engine/index.js';
import { insertContact } from '../../src/store/contacts.js';
import { getLead, insertLead, setLeadQualification } from '../../src/store/leads.js';
import { openStore, withWriteTransaction, type Db } from '../../src/store/open.js';
import { insertQualification, latestQualification, listQualifications, openLeadsScoredBefore } from '../../src/store/qualifications.js';
import { tempStore } from './helpers.js';

let file: string;
let cleanup: () => void;
let db: Db;
const TODAY = '2025-06-01';
const NOW = '2025-06-01T08:00:00.000Z';

beforeEach(() => {
  ({ file, cleanup } = tempStore());
  db = openStore(file);
});
afterEach(() => {
  db.close();
  cleanup();
});

/** A lead whose latest qualification was stamped by method 1 with the given verdict and score. */
function oldLead(company: string, answers: object, verdict: 'precise' | 'qualifying' | 'disqualified', score: number): number {
  return withWriteTransaction(db, () => {
    const lead = insertLead(db, { company }, NOW);
    const result = { ...qualifyLead({}, { today: TODAY, visitLogged: false }), verdict, score, method: 1 };
    insertQualification(db, { leadId: lead.id, answers: answers as never, result, engineVersion: 1, createdAt: '2025-01-01T00:00:00.000Z' });
    setLeadQualification(db, lead.id, verdict, score, NOW);
    return lead.id;
  });
}

describe('db rescore on a real data file', () => {
  it('walks every open lead in batches, once each, in one transaction', () => {
    // More leads than one batch reads, each let go at once by method 1 for "we already have one".
    for (let i = 0; i < 1203; i++) oldLead(`Co ${i}`, { need: { kind: 'already_has' } }, 'disqualified', 5);
    expect(openLeadsScoredBefore(db, 2)).toBe(1203);
    const summary = rescoreOpenLeads(db, { today: TODAY, now: NOW, dryRun: false });
    expect(summary).toMatchObject({ leads: 1203, verdictsChanged: 1203, verdictChanges: [{ from: 'disqualified', to: 'qualifying', count: 1203 }], unchanged: 0 });
    expect(openLeadsScoredBefore(db, 2)).toBe(0);
    expect(listQualifications(db, 1203).map((q) => [q.verdict, q.engineVersion])).toEqual([['qualifying', 2], ['disqualified', 1]]);
    expect(getLead(db, 1203)?.status).toBe('qualifying');
  });

  it('re-runs with what the shell knows: the stored source and a logged visit', () => {
    const id = oldLead('Visited', { need: { kind: 'none', askedOthers: true } }, 'disqualified', 3);
    withWriteTransaction(db, () => {
      db.prepare("UPDATE leads SET source = 'competitor_customer' WHERE id = ?").run(id);
      insertContact(db, { leadId: id, kind: 'visit', at: NOW, note: null }, NOW);
    });
    rescoreOpenLeads(db, { today: TODAY, now: NOW, dryRun: false });
    const latest = latestQualification(db, id);
    expect(latest?.result.nextActions.map((a) => a.code)).toEqual(['let_go_because', 'ask_referrals']);
    expect(latest?.result.breakdown.map((f) => f.factor)).toContain('source.competitor_customer');
  });

  it('a lead whose verdict and score stay gets no history row: its latest row is brought up to method 2 in place', () => {
    const answers = { need: { kind: 'switching' as const } };
    const now = qualifyLead(answers, { today: TODAY, visitLogged: false });
    const id = oldLead('Same', answers, now.verdict, now.score);
    const summary = rescoreOpenLeads(db, { today: TODAY, now: NOW, dryRun: false });
    expect(summary).toMatchObject({ leads: 1, verdictsChanged: 0, scoresChanged: 0, unchanged: 1 });
    const rows = listQualifications(db, id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.engineVersion).toBe(2);
    // The stored lead's source (cold) completes the answers, as `qualify` does.
    expect(rows[0]?.result).toEqual(qualifyLead({ ...answers, lead: { source: 'cold' } }, { today: TODAY, visitLogged: false }));
    expect(openLeadsScoredBefore(db, 2)).toBe(0);
  });

  it('a won or lost lead is left as it is', () => {
    const id = oldLead('Won', { need: { kind: 'already_has' } }, 'disqualified', 5);
    withWriteTransaction(db, () => db.prepare("UPDATE leads SET status = 'won' WHERE id = ?").run(id));
    expect(rescoreOpenLeads(db, { today: TODAY, now: NOW, dryRun: false }).leads).toBe(0);
    expect(listQualifications(db, id)).toHaveLength(1);
    expect(openLeadsScoredBefore(db, 2)).toBe(0);
  });

  it('a dry run reports the same and writes nothing', () => {
    oldLead('A', { need: { kind: 'already_has' } }, 'disqualified', 5);
    const before = db.prepare('SELECT count(*) AS n, group_concat(engine_version) AS v FROM qualifications').get();
    const summary = rescoreOpenLeads(db, { today: TODAY, now: NOW, dryRun: true });
    expect(summary).toMatchObject({ dryRun: true, leads: 1, verdictsChanged: 1 });
    expect(db.prepare('SELECT count(*) AS n, group_concat(engine_version) AS v FROM qualifications').get()).toEqual(before);
  });
});
