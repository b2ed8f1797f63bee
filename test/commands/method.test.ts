import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/files.js';
import { leadq } from '../helpers/leadq.js';

// METHOD version 2 through the built CLI: `qualify --answers - --json --dry-run` in both languages, and the stored
// method version (`db check`, `db rescore`).

const tmp = tempDir('leadq-method-');
afterAll(() => tmp.cleanup());

interface ResultJson {
  method: number;
  verdict: string;
  score: number;
  gates: Record<string, { status: string; reasons: string[]; reasonCodes: string[]; ability?: string; willingness?: string }>;
  nextActions: { code: string; message: string }[];
}

async function qualify(answers: unknown, lang: 'en' | 'zh', db = join(tmp.dir, 'none.db'), lead: string[] = []): Promise<ResultJson> {
  const r = await leadq(['--db', db, '--lang', lang, 'qualify', ...lead, '--answers', '-', '--json', '--dry-run'], { input: JSON.stringify(answers) });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as ResultJson;
}

const SIGNS = { role: 'gm', signsFinal: 'yes', otherDecider: 'none' };
const PAYS = { price: '10万', budget: '12万', funds: 'now', recognizesValue: 'yes' };

describe('qualify --answers with method 2, in English and Chinese', () => {
  it.each(['en', 'zh'] as const)('%s: "we already have one" from a competitor\'s customer: ask around what they dislike about the competitor', async (lang) => {
    const out = await qualify({ lead: { company: 'A', source: 'competitor_customer', competitor: '销售易' }, need: { kind: 'already_has' }, kp: SIGNS, payment: PAYS }, lang);
    expect(out.method).toBe(2);
    expect(out.verdict).toBe('qualifying');
    expect(out.gates.need?.status).toBe('unknown');
    expect(out.nextActions.map((a) => a.code)).toEqual(['ask_others_what_they_dislike_named', 'find_competitor_dislikes_named']);
    for (const a of out.nextActions) expect(a.message).toContain('销售易');
    expect(out.nextActions[0]?.message).toContain(lang === 'en' ? 'ask the users around the contact what they dislike about 销售易' : '找他身边其他使用的人');
  });

  it.each(['en', 'zh'] as const)('%s: the VP who "signs" is confirmed elsewhere first, by name', async (lang) => {
    const vp = { role: 'vp', signsFinal: 'yes', otherDecider: 'none', name: '张副总' };
    const out = await qualify({ lead: { company: 'B' }, need: { kind: 'switching' }, kp: vp, payment: PAYS }, lang);
    expect(out.gates.kp?.status).toBe('unknown');
    expect(out.nextActions.map((a) => a.code)).toEqual(['confirm_signer_elsewhere_named']);
    expect(out.nextActions[0]?.message).toContain('张副总');
    expect(out.nextActions[0]?.message).toContain(lang === 'en' ? 'a VP is often taken for the KP' : '副总常被当成 KP');
    const confirmed = await qualify({ lead: { company: 'B' }, need: { kind: 'switching' }, kp: { ...vp, confirmed: true }, payment: PAYS }, lang);
    expect(confirmed.verdict).toBe('precise');
    expect(confirmed.nextActions).toEqual([{ code: 'visit_kp_named', message: lang === 'en' ? 'visit the KP (张副总): bring the value case; before you leave, ask for 1–3 referrals' : '去拜访 KP（张副总）：带上价值账；离开前请他转介绍 1–3 个客户' }]);
  });

  it.each(['en', 'zh'] as const)('%s: no money right now is open (ask which money they would move); truly no money lets go, why first', async (lang) => {
    const notNow = await qualify({ lead: { company: 'C' }, need: { kind: 'switching' }, kp: SIGNS, payment: { ...PAYS, funds: 'not_now' } }, lang);
    expect(notNow.verdict).toBe('qualifying');
    expect(notNow.gates.payment).toMatchObject({ status: 'unknown', ability: 'unknown', willingness: 'yes' });
    expect(notNow.nextActions.map((a) => a.code)).toEqual(['ask_which_money_moves']);
    const none = await qualify({ lead: { company: 'C' }, need: { kind: 'switching' }, kp: SIGNS, payment: { ...PAYS, funds: 'no' } }, lang);
    expect(none.verdict).toBe('disqualified');
    expect(none.nextActions.map((a) => a.code)).toEqual(['let_go_because', 'dont_visit', 'ask_referrals_next_time']);
    expect(none.nextActions[0]?.message).toBe(lang === 'en' ? 'Payment capacity fails: there is truly no money: no budget at all' : '付款能力不通过：是他真没钱：公司完全没有预算');
  });

  it.each(['en', 'zh'] as const)('%s: half the budget: show your value, then ask while recognition is open; unwilling fails', async (lang) => {
    const open = await qualify({ lead: { company: 'D' }, need: { kind: 'switching' }, kp: SIGNS, payment: { price: '10万', budget: '5万', funds: 'now' } }, lang);
    expect(open.verdict).toBe('qualifying');
    expect(open.gates.payment).toMatchObject({ status: 'unknown', ability: 'unknown' });
    expect(open.nextActions.map((a) => a.code)).toEqual(['show_value_then_ask']);
    expect(open.nextActions[0]?.message).toContain('50%');
    const unwilling = await qualify({ lead: { company: 'D' }, need: { kind: 'switching' }, payment: { price: '10万', budget: '5万', recognizesValue: 'no', prefersCheaperCompetitor: true } }, lang);
    expect(unwilling.verdict).toBe('disqualified');
    expect(unwilling.gates.payment).toMatchObject({ status: 'fail', willingness: 'no' });
    expect(unwilling.gates.payment?.ability).not.toBe('no');
  });

  it.each(['en', 'zh'] as const)('%s: a funds date that has passed is asked again; price 0 is an unknown price; value + cheaper competitor is a question', async (lang) => {
    const passed = await qualify({ lead: { company: 'E' }, need: { kind: 'switching' }, kp: SIGNS, payment: { ...PAYS, funds: 'by_date', fundsDate: '2001-02-03' } }, lang);
    expect(passed.verdict).toBe('qualifying');
    expect(passed.nextActions.map((a) => a.code)).toEqual(['funds_date_passed']);
    expect(passed.nextActions[0]?.message).toContain('2001-02-03');
    const ahead = await qualify({ lead: { company: 'E' }, need: { kind: 'switching' }, kp: SIGNS, payment: { ...PAYS, funds: 'by_date', fundsDate: '2099-12-31' } }, lang);
    expect(ahead.verdict).toBe('precise');

    const free = await qualify({ lead: { company: 'E' }, need: { kind: 'already_has', annualValue: 0, askedOthers: true }, payment: { price: 0 } }, lang);
    expect(free.gates.need?.reasonCodes).toEqual(['need_already_has']);
    expect(free.gates.payment?.reasonCodes[0]).toBe('price_unknown');
    expect(free.gates.need?.reasons.join(' ')).not.toMatch(/\(0\)|（0）/);

    const torn = await qualify({ lead: { company: 'E' }, need: { kind: 'switching' }, kp: SIGNS, payment: { ...PAYS, prefersCheaperCompetitor: true } }, lang);
    expect(torn.gates.payment).toMatchObject({ status: 'unknown', ability: 'yes', willingness: 'unknown' });
    expect(torn.nextActions.map((a) => a.code)).toEqual(['ask_what_makes_them_choose_you']);
  });

  it('names the referrer (a stored lead\'s company) and the partner in the source\'s own move; a top-20 lead is researched', async () => {
    const db = join(tmp.dir, 'names.db');
    expect((await leadq(['--db', db, 'lead', 'add', '--company', '老客户科技有限公司'])).code).toBe(0);
    const referred = await qualify({ lead: { company: 'F', source: 'referral', referrer: '1' }, need: { kind: 'switching' } }, 'en', db);
    expect(referred.nextActions.at(-1)).toEqual({ code: 'ask_referrer_named', message: 'ask 老客户科技有限公司 what they know: what the company needs and who signs' });
    const channel = await qualify({ lead: { company: 'G', source: 'channel', partner: 'HR 云' }, kp: { signsFinal: 'no' } }, 'zh', db);
    expect(channel.nextActions.at(-1)).toEqual({ code: 'ask_partner_named', message: '问问HR 云：客户有什么需求、谁签单' });
    const top = await qualify({ lead: { company: 'H', source: 'top20' }, need: { kind: 'switching' }, kp: SIGNS, payment: { ...PAYS, funds: 'unknown' } }, 'en', db);
    expect(top.nextActions.map((a) => a.code)).toEqual(['confirm_funds_timing', 'research_top20']);
  });

  it('a lead let go after a logged visit is asked for referrals before the rep leaves', async () => {
    const db = join(tmp.dir, 'visit.db');
    expect((await leadq(['--db', db, 'lead', 'add', '--company', 'Visited Co'])).code).toBe(0);
    const answers = { need: { kind: 'none', askedOthers: true } };
    expect((await qualify(answers, 'en', db, ['Visited Co'])).nextActions.map((a) => a.code)).toEqual(['let_go_because', 'dont_visit', 'ask_referrals_next_time']);
    expect((await leadq(['--db', db, 'contact', 'Visited Co', '--kind', 'visit'])).code).toBe(0);
    const after = await qualify(answers, 'en', db, ['Visited Co']);
    expect(after.nextActions.map((a) => a.code)).toEqual(['let_go_because', 'ask_referrals']);
    expect(after.nextActions[1]?.message).toBe('before you leave, ask for 1–3 referrals (3 is best, 1 at least, never more)');
  });

  it('refuses a confirmed that is not a boolean and a funds value it does not know (65)', async () => {
    for (const answers of [{ lead: { company: 'X' }, kp: { confirmed: 'yes' } }, { lead: { company: 'X' }, payment: { funds: 'later' } }]) {
      const r = await leadq(['qualify', '--answers', '-', '--dry-run'], { input: JSON.stringify(answers), env: { LEADQ_DB: join(tmp.dir, 'none.db') } });
      expect(r.code).toBe(65);
    }
  });
});

describe('the method version in the data file: db check and db rescore', () => {
  const db = join(tmp.dir, 'rescore.db');
  const sha = () => createHash('sha256').update(readFileSync(db)).digest('hex');
  const lq = (args: string[], lang = 'en') => leadq(['--db', db, '--lang', lang, ...args]);

  beforeAll(async () => {
    for (const company of ['Old Disq', 'Old Same', 'Old Won', 'Old Broken', 'New One']) expect((await lq(['lead', 'add', '--company', company])).code).toBe(0);
    // Method 2 scores lead 5 itself; leads 1–4 carry rows stamped by method 1, as an older leadq left them.
    const same = await leadq(['--db', db, 'qualify', 'Old Same', '--answers', '-', '--json', '--dry-run'], { input: JSON.stringify({ need: { kind: 'switching' } }) });
    const sameResult = JSON.parse(same.stdout) as ResultJson;
    expect((await leadq(['--db', db, 'qualify', 'New One', '--answers', '-'], { input: JSON.stringify({ need: { kind: 'switching' } }) })).code).toBe(0);
    const raw = new Database(db);
    const insert = raw.prepare(`INSERT INTO qualifications (lead_id, answers, result, verdict, score, engine_version, created_at) VALUES (?, ?, '{}', ?, ?, 1, ${Date.parse('2025-01-01T00:00:00.000Z')})`);
    const status = raw.prepare('UPDATE leads SET status = ?, score = ? WHERE id = ?');
    // Method 1 let go of "we already have one" at once; method 2 asks around first.
    insert.run(1, JSON.stringify({ need: { kind: 'already_has' } }), 'disqualified', 5);
    status.run('disqualified', 5, 1);
    insert.run(2, JSON.stringify({ need: { kind: 'switching' } }), sameResult.verdict, sameResult.score);
    status.run(sameResult.verdict, sameResult.score, 2);
    insert.run(3, JSON.stringify({ need: { kind: 'already_has' } }), 'disqualified', 5);
    status.run('won', 5, 3);
    insert.run(4, JSON.stringify({ need: { kind: 'maybe' } }), 'qualifying', 30);
    status.run('qualifying', 30, 4);
    raw.close();
  });

  it('db check counts the open leads an older method scored (not won/lost ones, not the current method)', async () => {
    const r = await lq(['db', 'check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('ok\nopen leads scored by an older method version: 3 (`leadq db rescore` re-scores them with method 2)\n');
    expect((await lq(['db', 'check'], 'zh')).stdout).toContain('用旧版方法评分的未结线索：3 条');
  });

  it('db rescore --dry-run says what would change and writes nothing', async () => {
    const before = sha();
    const r = await lq(['db', 'rescore', '--dry-run', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      method: 2,
      dryRun: true,
      leads: 3,
      verdictsChanged: 1,
      verdictChanges: [{ from: 'disqualified', to: 'qualifying', count: 1 }],
      scoresChanged: 0,
      unchanged: 2,
      skipped: [4],
    });
    const zh = await lq(['db', 'rescore', '--dry-run'], 'zh');
    expect(zh.stdout).toContain('  放手 → 待确认：1 条');
    expect(zh.stdout).toContain('试运行：没有写入任何内容');
    expect(sha()).toBe(before);
  });

  it('db rescore adds a history row only where the verdict or score changed, and says from what to what', async () => {
    const r = await lq(['db', 'rescore']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'open leads re-scored with method 2: 3',
        'verdicts changed: 1',
        '  disqualified → qualifying: 1',
        'scores changed with the same verdict: 0',
        'unchanged: 2',
        'skipped, their stored answers are no longer valid: 1 (#4)',
        '',
      ].join('\n'),
    );
    const show = async (id: string) => JSON.parse((await lq(['lead', 'show', id, '--json'])).stdout) as { status: string; qualifications: { engine_version: number; verdict: string; result: { method: number } }[] };
    const changed = await show('1');
    expect(changed.status).toBe('qualifying');
    expect(changed.qualifications.map((q) => [q.verdict, q.engine_version])).toEqual([['qualifying', 2], ['disqualified', 1]]);
    expect(changed.qualifications[0]?.result.method).toBe(2);
    // Same verdict and score: no new row; the row is brought up to method 2 in place.
    const same = await show('2');
    expect(same.qualifications.map((q) => q.engine_version)).toEqual([2]);
    expect(same.qualifications[0]?.result.method).toBe(2);
    expect((await show('3')).qualifications).toHaveLength(1);
    expect((await show('3')).status).toBe('won');

    // Run again: nothing left to change; only the lead whose answers cannot be read stays on the older method.
    expect(JSON.parse((await lq(['db', 'rescore', '--json'])).stdout)).toMatchObject({ leads: 3, verdictsChanged: 0, scoresChanged: 0, unchanged: 3 });
    expect((await lq(['db', 'check'])).stdout).toContain('older method version: 1 ');
  });

  it('db rescore without a data file is 66 and creates none', async () => {
    const missing = join(tmp.dir, 'missing.db');
    for (const args of [['db', 'rescore'], ['db', 'rescore', '--dry-run']]) {
      const r = await leadq(['--db', missing, ...args]);
      expect(r.code).toBe(66);
      expect(r.stderr).toMatch(/^leadq: /);
    }
    expect(existsSync(missing)).toBe(false);
  });
});
