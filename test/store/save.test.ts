import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveQualification, storedLeadFacts } from '../../src/commands/qualify.save.js';
import type { Context } from '../../src/context.js';
import { answersSchema, type Answers } from '../../src/engine/answers.js';
import { qualifyLead } from '../../src/engine/index.js';
import { CliError } from '../../src/errors.js';
import { getLead, insertLead } from '../../src/store/leads.js';
import { openStore } from '../../src/store/open.js';
import { latestQualification, listQualifications } from '../../src/store/qualifications.js';
import { testContext } from '../helpers/context.js';
import { tempStore } from './helpers.js';

let file: string;
let cleanup: () => void;
let clock = Date.parse('2026-05-01T08:00:00.000Z');

beforeEach(() => {
  ({ file, cleanup } = tempStore());
});
afterEach(() => cleanup());

function ctx(): Context {
  const made = testContext({ dbPath: file, now: () => new Date((clock += 1000)) });
  made.cleanup();
  return made.ctx;
}

const precise = answersSchema.parse({
  lead: { company: '上海华信科技有限公司', source: 'competitor_customer', competitor: '销售易', contact: '王总' },
  need: { kind: 'switching' },
  kp: { role: 'gm', signsFinal: 'yes', otherDecider: 'none' },
  payment: { price: '10万', budget: '12万', funds: 'now', recognizesValue: 'yes' },
});
const disqualified = answersSchema.parse({ lead: { company: '上海华信科技' }, need: { kind: 'already_has', askedOthers: true }, payment: { price: 100000, budget: 100000 } });

function save(answers: Answers, extra: { leadRef?: string; dryRun?: boolean; referralRequest?: { asked: 1 | 2 | 3; note?: string } } = {}) {
  return saveQualification({ ctx: ctx(), leadRef: extra.leadRef, answers, result: qualifyLead(answers, { today: '2026-05-01', visitLogged: false }), dryRun: extra.dryRun ?? false, referralRequest: extra.referralRequest });
}

describe('saveQualification', () => {
  it('creates the lead from answers.lead, saves the qualification and sets status and score', async () => {
    const outcome = await save(precise);
    expect(outcome).toEqual({ lead: { id: 1, company: '上海华信科技有限公司' }, saved: true });
    const db = openStore(file, { readonly: true });
    const lead = getLead(db, 1);
    expect(lead).toMatchObject({ source: 'competitor_customer', competitor: '销售易', contact: '王总', status: 'precise' });
    const q = latestQualification(db, 1);
    expect(q?.answers).toEqual(precise);
    expect(q?.result.verdict).toBe('precise');
    expect(q?.score).toBe(lead?.score);
    expect(q?.engineVersion).toBe(2);
    expect(q?.result.method).toBe(2);
    db.close();
  });

  it('re-qualifying the same company (spelled differently) appends to its history, newest first', async () => {
    await save(precise);
    const again = await save(disqualified, { referralRequest: { asked: 3, note: 'ask for two friends' } });
    expect(again.lead.id).toBe(1);
    const db = openStore(file, { readonly: true });
    expect(listQualifications(db, 1).map((q) => q.verdict)).toEqual(['disqualified', 'precise']);
    expect(getLead(db, 1)).toMatchObject({ status: 'disqualified', company: '上海华信科技有限公司', contact: '王总' });
    expect(db.prepare('SELECT lead_id, asked, note FROM referral_requests').all()).toEqual([{ lead_id: 1, asked: 3, note: 'ask for two friends' }]);
    db.close();
  });

  it('resolves [lead] and a referrer, and keeps a won lead won', async () => {
    const db = openStore(file);
    const referrer = insertLead(db, { company: 'Referrer Ltd' }, '2026-01-01T00:00:00.000Z');
    const target = insertLead(db, { company: 'Target Inc' }, '2026-01-01T00:00:00.000Z');
    db.prepare("UPDATE leads SET status = 'won' WHERE id = ?").run(target.id);
    db.close();
    const answers = answersSchema.parse({ lead: { referrer: 'referrer' }, need: { kind: 'none' } });
    const outcome = await save(answers, { leadRef: String(target.id) });
    expect(outcome.lead).toEqual({ id: target.id, company: 'Target Inc' });
    const check = openStore(file, { readonly: true });
    expect(getLead(check, target.id)).toMatchObject({ status: 'won', referrerId: referrer.id });
    check.close();
  });

  it('an unknown [lead] or referrer is 66 and nothing is written', async () => {
    await save(precise);
    await expect(save(precise, { leadRef: '42' })).rejects.toMatchObject({ exitCode: 66 });
    const withBadReferrer = answersSchema.parse({ lead: { company: 'New Co', referrer: 'Nobody' } });
    await expect(save(withBadReferrer)).rejects.toBeInstanceOf(CliError);
    const db = openStore(file, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM leads').pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM qualifications').pluck().get()).toBe(1);
    db.close();
  });

  it('a dry run never creates the file; with a file it finds the lead id but writes nothing', async () => {
    expect(await save(precise, { dryRun: true })).toMatchObject({ lead: { id: null, company: '上海华信科技有限公司' }, saved: false });
    expect(existsSync(file)).toBe(false);
    await save(precise);
    expect(await save(disqualified, { dryRun: true })).toMatchObject({ lead: { id: 1 }, saved: false });
    const db = openStore(file, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM qualifications').pluck().get()).toBe(1);
    db.close();
  });

  it('storedLeadFacts, the dry run and the save find the same lead (by [lead] or by the company however spelled)', async () => {
    expect(storedLeadFacts(ctx(), undefined, precise).lead).toBeUndefined();
    await save(precise);
    const respelled = answersSchema.parse({ lead: { company: ' 上海华信科技 ' } });
    for (const [leadRef, answers] of [[undefined, respelled], ['1', answersSchema.parse({})]] as const) {
      expect(storedLeadFacts(ctx(), leadRef, answers).lead).toEqual({ source: 'competitor_customer', competitor: '销售易', partner: null, referrer: undefined, visitLogged: false });
      expect(await save(answers, { leadRef, dryRun: true })).toMatchObject({ lead: { id: 1 }, saved: false });
      expect(await save(answers, { leadRef })).toMatchObject({ lead: { id: 1 }, saved: true });
    }
    expect(() => storedLeadFacts(ctx(), '42', precise)).toThrow(expect.objectContaining({ exitCode: 66 }));
    await expect(save(precise, { leadRef: '42', dryRun: true })).rejects.toMatchObject({ exitCode: 66 });
  });
});
