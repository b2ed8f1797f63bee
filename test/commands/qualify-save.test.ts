import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { qualifyFromAnswers, saveQualification, saveReferralRequest } from '../../src/commands/qualify/save.js';
import { answersSchema, type Answers } from '../../src/engine/answers.js';
import { qualifyLead } from '../../src/engine/index.js';
import { CliError } from '../../src/errors.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import { eachInItsOwnTransaction, tempStore } from '../store/helpers.js';

// Saving a qualification (the interview's save, and qualify --answers' one transaction) on a real data file.

let file: string;
let store: Store;
let cleanup: () => void;
let clock = Date.parse('2026-05-01T08:00:00.000Z');
const now = () => new Date((clock += 1000));

beforeEach(() => {
  ({ file, cleanup } = tempStore());
  store = openStore(file, { busyTimeoutMs: 5000 });
});
afterEach(async () => {
  await store.close();
  cleanup();
});

/** The data file read without leadq. */
function raw(): Database.Database {
  return new Database(file, { readonly: true });
}

const precise = answersSchema.parse({
  lead: { company: '上海华信科技有限公司', source: 'competitor_customer', competitor: '销售易', contact: '王总' },
  need: { kind: 'switching' },
  kp: { role: 'gm', signsFinal: 'yes', otherDecider: 'none' },
  payment: { price: '10万', budget: '12万', funds: 'now', recognizesValue: 'yes' },
});
const disqualified = answersSchema.parse({ lead: { company: '上海华信科技' }, need: { kind: 'already_has', askedOthers: true }, payment: { price: 100000, budget: 100000 } });

async function save(answers: Answers, extra: { leadRef?: string; dryRun?: boolean; referralRequest?: { asked: 1 | 2 | 3; note?: string } } = {}) {
  const outcome = await saveQualification(store, now, 'rep', { leadRef: extra.leadRef, answers, result: qualifyLead(answers, { today: '2026-05-01', visitLogged: false }), dryRun: extra.dryRun ?? false });
  if (extra.referralRequest !== undefined && outcome.lead.id !== null) await saveReferralRequest(store, now, 'rep', outcome.lead.id, extra.referralRequest);
  return outcome;
}

describe('saveQualification', () => {
  it('creates the lead from answers.lead, saves the qualification and sets status and score', async () => {
    const outcome = await save(precise);
    expect(outcome).toEqual({ lead: { id: 1, company: '上海华信科技有限公司' }, saved: true });
    const lead = await store.read((tx) => tx.getLead(1));
    expect(lead).toMatchObject({ source: 'competitor_customer', competitor: '销售易', contact: '王总', status: 'precise' });
    const q = await store.read((tx) => tx.latestQualification(1));
    expect(q?.answers).toEqual(precise);
    expect(q?.result.verdict).toBe('precise');
    expect(q?.score).toBe(lead?.score);
    expect(q?.engineVersion).toBe(2);
    expect(q?.result.method).toBe(2);
  });

  it('re-qualifying the same company (spelled differently) appends to its history, newest first', async () => {
    await save(precise);
    const again = await save(disqualified, { referralRequest: { asked: 3, note: 'ask for two friends' } });
    expect(again.lead.id).toBe(1);
    expect((await store.read((tx) => tx.qualificationsOf(1))).map((q) => q.verdict)).toEqual(['disqualified', 'precise']);
    expect(await store.read((tx) => tx.getLead(1))).toMatchObject({ status: 'disqualified', company: '上海华信科技有限公司', contact: '王总' });
    const db = raw();
    expect(db.prepare('SELECT lead_id, asked, note FROM referral_requests').all()).toEqual([{ lead_id: 1, asked: 3, note: 'ask for two friends' }]);
    db.close();
  });

  it('resolves [lead] and a referrer, and keeps a won lead won', async () => {
    const db = eachInItsOwnTransaction(store);
    const referrer = await db.insertLead({ company: 'Referrer Ltd' }, '2026-01-01T00:00:00.000Z');
    const target = await db.insertLead({ company: 'Target Inc' }, '2026-01-01T00:00:00.000Z');
    await db.closeLead(target.id, 'won', null, '2026-01-01T00:00:00.000Z');
    const answers = answersSchema.parse({ lead: { referrer: 'referrer' }, need: { kind: 'none' } });
    const outcome = await save(answers, { leadRef: String(target.id) });
    expect(outcome.lead).toEqual({ id: target.id, company: 'Target Inc' });
    expect(await store.read((tx) => tx.getLead(target.id))).toMatchObject({ status: 'won', referrerId: referrer.id });
  });

  it('an unknown [lead] or referrer is 66 and nothing is written', async () => {
    await save(precise);
    await expect(save(precise, { leadRef: '42' })).rejects.toMatchObject({ exitCode: 66 });
    const withBadReferrer = answersSchema.parse({ lead: { company: 'New Co', referrer: 'Nobody' } });
    await expect(save(withBadReferrer)).rejects.toBeInstanceOf(CliError);
    const db = raw();
    expect(db.prepare('SELECT count(*) FROM leads').pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM qualifications').pluck().get()).toBe(1);
    db.close();
  });

  it('a dry run never creates the file; with a file it finds the lead id but writes nothing', async () => {
    expect(await save(precise, { dryRun: true })).toMatchObject({ lead: { id: null, company: '上海华信科技有限公司' }, saved: false });
    expect(existsSync(file)).toBe(false);
    await save(precise);
    expect(await save(disqualified, { dryRun: true })).toMatchObject({ lead: { id: 1 }, saved: false });
    const db = raw();
    expect(db.prepare('SELECT count(*) FROM qualifications').pluck().get()).toBe(1);
    db.close();
  });

  it('qualify --answers, its dry run and the save find the same lead (by [lead] or by the company however spelled)', async () => {
    const fromAnswers = (leadRef: string | undefined, answers: Answers, dryRun: boolean) => qualifyFromAnswers({ store, now, actor: 'rep' }, leadRef, answers, '2026-05-01', dryRun);
    expect((await fromAnswers(undefined, precise, true)).lead.id).toBeNull();
    await save(precise);
    const respelled = answersSchema.parse({ lead: { company: ' 上海华信科技 ' } });
    for (const [leadRef, answers] of [[undefined, respelled], ['1', answersSchema.parse({})]] as const) {
      // The stored lead completes the answers: its source and competitor are part of the score and the next moves.
      const dry = await fromAnswers(leadRef, answers, true);
      expect(dry).toMatchObject({ lead: { id: 1 }, saved: false });
      expect(dry.answers.lead).toMatchObject({ source: 'competitor_customer', competitor: '销售易' });
      expect(await save(answers, { leadRef, dryRun: true })).toMatchObject({ lead: { id: 1 }, saved: false });
      expect(await save(answers, { leadRef })).toMatchObject({ lead: { id: 1 }, saved: true });
      expect(await fromAnswers(leadRef, answers, false)).toMatchObject({ lead: { id: 1 }, saved: true });
    }
    await expect(fromAnswers('42', precise, false)).rejects.toMatchObject({ exitCode: 66 });
    await expect(save(precise, { leadRef: '42', dryRun: true })).rejects.toMatchObject({ exitCode: 66 });
  });

  it('qualify --answers resolves the lead once, inside the one transaction that saves', async () => {
    await save(precise);
    const reads: string[] = [];
    const counting: Store = {
      ...store,
      read: (fn, options) => {
        reads.push('read');
        return store.read(fn, options);
      },
      write: (fn, options) => {
        reads.push('write');
        // Each lookup of the lead by id inside it, counted.
        return store.write((tx) => fn(new Proxy(tx, { get: (t, name) => (name === 'getLead' ? (id: number) => (reads.push('getLead'), t.getLead(id)) : Reflect.get(t, name)) })), options);
      },
    };
    await qualifyFromAnswers({ store: counting, now, actor: 'rep' }, '1', answersSchema.parse({ need: { kind: 'switching' } }), '2026-05-01', false);
    expect(reads).toEqual(['write', 'getLead']);
  });
});
