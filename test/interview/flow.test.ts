import { afterEach, describe, expect, it } from 'vitest';
import type { Answers } from '../../src/engine/answers.js';
import { qualifyLead } from '../../src/engine/index.js';
import { CTX } from '../engine/context.js';
import { setLang } from '../../src/i18n/index.js';
import { askQuestions } from '../../src/interview/flow.js';
import type { LeadSummary } from '../../src/interview/leads-lookup.js';
import { questionsFor } from '../../src/interview/questions.js';
import { scriptedPrompter, type Script } from './scripted-prompter.js';

afterEach(() => setLang('en'));

const NEW_LEAD = questionsFor(true);
const EXISTING_LEAD = questionsFor(false);

async function interview(script: Script, previous: Answers = {}, questions = EXISTING_LEAD) {
  const prompter = scriptedPrompter(script);
  const answers = await askQuestions(prompter, questions, previous, async (text) => LEADS.filter((l) => l.company.includes(text)));
  return { prompter, answers };
}

const LEADS: LeadSummary[] = [
  { id: 7, company: '华信科技', companyKey: '华信科技', source: 'cold', status: 'qualifying', score: 40 },
  { id: 8, company: '华信物流', companyKey: '华信物流', source: 'top20', status: 'new', score: null },
];

describe('the interview flow', () => {
  it('Enter on every prompt: need, KP and payment all "not known yet", in that order', async () => {
    const { prompter, answers } = await interview({});
    expect(prompter.ids()).toEqual([
      'need.kind',
      'kp.role',
      'kp.signsFinal',
      'kp.otherDecider',
      'kp.name',
      'payment.price',
      'payment.budget',
      'payment.recognizesValue',
      'payment.funds',
      'payment.prefersCheaperCompetitor',
    ]);
    expect(answers).toEqual({
      need: { kind: 'unknown' },
      kp: { signsFinal: 'unknown', otherDecider: 'unknown' },
      payment: { recognizesValue: 'unknown', funds: 'unknown' },
    });
    expect(prompter.said).toEqual(['── Need ──', '── True KP ──', '── Payment capacity ──']);
  });

  it('worked example 1 through the prompts: precise', async () => {
    const { answers } = await interview({
      'need.kind': 'switching',
      'need.pain': 'unhappy with the current vendor',
      'kp.role': 'gm',
      'kp.signsFinal': 'yes',
      'kp.otherDecider': 'none',
      'payment.price': '10万',
      'payment.budget': '12w',
      'payment.recognizesValue': 'yes',
      'payment.funds': 'now',
      'payment.prefersCheaperCompetitor': false,
    });
    expect(answers.payment).toMatchObject({ price: 100_000, budget: 120_000 });
    expect(qualifyLead(answers, CTX).verdict).toBe('precise');
  });

  describe('branches (docs/method.md)', () => {
    it('already_has asks for the extra yearly value (the value case), then whether the users around were asked what they dislike (v2)', async () => {
      const { prompter, answers } = await interview({ 'need.kind': 'already_has', 'need.annualValue': '50万', 'payment.price': '1m' });
      expect(prompter.ids().slice(0, 3)).toEqual(['need.kind', 'need.annualValue', 'need.askedOthers']);
      expect(prompter.prompt('need.askedOthers').message).toBe('Did you ask the users around the contact what they dislike about what they have?');
      expect(prompter.prompt('need.askedOthers').default).toBe(false);
      expect(answers.need).toEqual({ kind: 'already_has', annualValue: 500_000, askedOthers: false });
      expect(qualifyLead(answers, CTX).gates.need.status).toBe('unknown');
      const asked = await interview({ 'need.kind': 'already_has', 'need.askedOthers': true, 'need.annualValue': '0', 'payment.price': '1m' });
      expect(qualifyLead(asked.answers, CTX).gates.need.status).toBe('fail');
    });

    it("always asks the KP's name, after who else decides (Enter leaves it out)", async () => {
      const { prompter, answers } = await interview({ 'kp.name': ' 王总 ' });
      expect(prompter.ids().filter((x) => x.startsWith('kp.'))).toEqual(['kp.role', 'kp.signsFinal', 'kp.otherDecider', 'kp.name']);
      expect(prompter.prompt('kp.name').message).toMatch(/^Who is the KP, the one who signs in the end\?/);
      expect(answers.kp?.name).toBe('王总');
      expect((await interview({})).answers.kp).not.toHaveProperty('name');
    });

    it.each(['vp', 'director', 'manager', 'staff'] as const)('a %s who signs is asked whether that was confirmed elsewhere, naming the KP (default no)', async (role) => {
      const { prompter, answers } = await interview({ 'kp.role': role, 'kp.signsFinal': 'yes', 'kp.otherDecider': 'none', 'kp.name': '张总' });
      expect(prompter.ids().filter((x) => x.startsWith('kp.'))).toEqual(['kp.role', 'kp.signsFinal', 'kp.otherDecider', 'kp.name', 'kp.confirmed']);
      expect(prompter.prompt('kp.confirmed').message).toContain('that 张总 signs the final decision?');
      expect(prompter.prompt('kp.confirmed').message).toMatch(/^A .+ is often taken for the KP/);
      expect(prompter.prompt('kp.confirmed').default).toBe(false);
      expect(answers.kp?.confirmed).toBe(false);
      expect(qualifyLead(answers, CTX).gates.kp.status).toBe('unknown');
      const confirmed = await interview({ 'kp.role': role, 'kp.signsFinal': 'yes', 'kp.otherDecider': 'none', 'kp.confirmed': true });
      expect(confirmed.prompter.prompt('kp.confirmed').message).toContain('that they sign the final decision?');
      expect(qualifyLead(confirmed.answers, CTX).gates.kp.status).toBe('pass');
    });

    it.each([
      ['a GM who signs', { 'kp.role': 'gm', 'kp.signsFinal': 'yes' }],
      ['a VP who does not sign', { 'kp.role': 'vp', 'kp.signsFinal': 'no' }],
      ['a VP, not known whether they sign', { 'kp.role': 'vp' }],
    ])('%s is not asked for a confirmation (it changes nothing there), and a stale one is dropped', async (_, script) => {
      const { prompter, answers } = await interview(script, { kp: { confirmed: true } });
      expect(prompter.ids()).not.toContain('kp.confirmed');
      expect(answers.kp).not.toHaveProperty('confirmed');
    });

    it('funds tells "no money right now" from "truly no money"', async () => {
      const { prompter } = await interview({});
      const labels = prompter.prompt('payment.funds').choices?.map((c) => c.label);
      expect(labels).toEqual(['now', 'by a date', 'needs financing (a loan)', 'no money right now (could move some)', 'truly no money (no budget at all)', 'not known']);
      expect(prompter.prompt('payment.funds').why).toContain('"no money right now" is not "truly no money');
      const notNow = await interview({ 'need.kind': 'switching', 'kp.signsFinal': 'yes', 'kp.otherDecider': 'none', 'payment.funds': 'not_now', 'payment.recognizesValue': 'yes' });
      expect(qualifyLead(notNow.answers, CTX).gates.payment.status).toBe('unknown');
      const none = await interview({ 'payment.funds': 'no' });
      expect(qualifyLead(none.answers, CTX).verdict).toBe('disqualified');
    });

    it('none asks whether people around the contact were asked (default no)', async () => {
      const { prompter, answers } = await interview({ 'need.kind': 'none' });
      expect(prompter.prompt('need.askedOthers').default).toBe(false);
      expect(prompter.ids()).not.toContain('need.annualValue');
      expect(answers.need).toEqual({ kind: 'none', askedOthers: false });
    });

    it('a real need asks why and where (Enter skips)', async () => {
      const { prompter, answers } = await interview({ 'need.kind': 'exploring' });
      expect(prompter.ids()).toContain('need.pain');
      expect(answers.need).toEqual({ kind: 'exploring' });
    });

    it.each([
      ['signsFinal no', { 'kp.role': 'gm', 'kp.signsFinal': 'no' }],
      ['signsFinal unknown', { 'kp.role': 'owner', 'kp.signsFinal': 'unknown' }],
      ['a VP who signs', { 'kp.role': 'vp', 'kp.signsFinal': 'yes' }],
      ['a manager who signs', { 'kp.role': 'manager', 'kp.signsFinal': 'yes' }],
    ])('%s asks who else decides', async (_name, script) => {
      const { prompter } = await interview(script);
      expect(prompter.prompt('kp.otherDecider').message).toBe('Who else decides?');
      expect(prompter.prompt('kp.otherDecider').why).toContain('his wife');
    });

    it('a GM who signs is asked to confirm nobody else must agree (never assumed)', async () => {
      const { prompter } = await interview({ 'kp.role': 'gm', 'kp.signsFinal': 'yes', 'kp.otherDecider': 'none' });
      expect(prompter.prompt('kp.otherDecider').message).toContain('Does anyone else have to agree');
    });

    it('the role question warns that a VP is often not the KP; "don\'t know yet" leaves the role out', async () => {
      const { prompter, answers } = await interview({});
      expect(prompter.prompt('kp.signsFinal').why).toContain('A VP is often not the one who signs');
      expect(prompter.prompt('kp.role').choices?.at(-1)).toEqual({ value: undefined, label: "don't know yet" });
      expect(answers.kp?.role).toBeUndefined();
    });

    it('a budget below the price asks whether going over is acceptable, by how much, and whether they see the value', async () => {
      const { prompter, answers } = await interview({ 'payment.price': '100k', 'payment.budget': '5w', 'payment.acceptsOverBudget': true });
      expect(prompter.prompt('payment.acceptsOverBudget').message).toBe('Your price is 50,000 over their budget: can they accept that?');
      expect(prompter.prompt('payment.recognizesValue').why).toContain('moves money from elsewhere');
      expect(answers.payment).toMatchObject({ price: 100_000, budget: 50_000, acceptsOverBudget: true });
    });

    it('a budget covering the price does not ask about going over', async () => {
      const { prompter } = await interview({ 'payment.price': '100k', 'payment.budget': '¥100,000' });
      expect(prompter.ids()).not.toContain('payment.acceptsOverBudget');
      expect(prompter.prompt('payment.recognizesValue').why).toContain('ability without willingness');
    });

    it('funds by_date asks the date', async () => {
      const { prompter, answers } = await interview({ 'payment.funds': 'by_date', 'payment.fundsDate': '2025/6/30' });
      expect(prompter.ids()).toContain('payment.fundsDate');
      expect(answers.payment?.fundsDate).toBe('2025-06-30');
    });

    it('funds now does not ask a date', async () => {
      const { prompter } = await interview({ 'payment.funds': 'now' });
      expect(prompter.ids()).not.toContain('payment.fundsDate');
    });
  });

  describe('a new lead: where it comes from', () => {
    it.each([
      ['competitor_customer', 'lead.competitor', { 'lead.competitor': '销售易' }, { competitor: '销售易' }],
      ['channel', 'lead.partner', { 'lead.partner': '北森' }, { partner: '北森' }],
      ['referral', 'lead.referrer', { 'lead.referrer': '华信科技' }, { referrer: 7 }],
    ] as const)('%s asks %s', async (source, id, script, expected) => {
      const { prompter, answers } = await interview({ 'lead.source': source, ...script }, { lead: { company: 'New Co' } }, NEW_LEAD);
      const leadIds = prompter.ids().filter((x) => x.startsWith('lead.'));
      expect(leadIds).toEqual(['lead.contact', 'lead.phone', 'lead.source', id]);
      expect(answers.lead).toEqual({ company: 'New Co', source, ...expected });
    });

    it('the referrer is a stored lead: a partial name offers the matches, Enter skips', async () => {
      const picked = await interview({ 'lead.source': 'referral', 'lead.referrer': '华信', 'lead.referrer.pick': 8 }, { lead: { company: 'X' } }, NEW_LEAD);
      expect(picked.prompter.prompt('lead.referrer.pick').choices?.map((c) => c.value)).toEqual([7, 8, undefined]);
      expect(picked.answers.lead?.referrer).toBe(8);
      const skipped = await interview({ 'lead.source': 'referral' }, { lead: { company: 'X' } }, NEW_LEAD);
      expect(skipped.answers.lead).toEqual({ company: 'X', source: 'referral' });
    });

    it('a referrer matching no lead is refused inline', async () => {
      await expect(interview({ 'lead.source': 'referral', 'lead.referrer': 'Nobody' }, { lead: { company: 'X' } }, NEW_LEAD)).rejects.toThrow(
        'no lead matches "Nobody"',
      );
    });

    it('Enter keeps the default source "cold" (not given) and asks nothing more about it', async () => {
      const { prompter, answers } = await interview({}, { lead: { company: 'X' } }, NEW_LEAD);
      expect(prompter.ids().filter((x) => x.startsWith('lead.'))).toEqual(['lead.contact', 'lead.phone', 'lead.source']);
      expect(answers.lead).toEqual({ company: 'X', source: 'cold' });
    });
  });

  describe('re-qualifying: the previous answers are the defaults', () => {
    const previous: Answers = {
      lead: { company: 'ACME', contact: '张三' },
      need: { kind: 'already_has', annualValue: 500_000, currentSpend: 300_000, askedOthers: true },
      kp: { name: '李四', role: 'vp', signsFinal: 'no', otherDecider: 'spouse' },
      payment: { price: 1_000_000, budget: 400_000, acceptsOverBudget: false, funds: 'by_date', fundsDate: '2025-09-30', recognizesValue: 'partly', prefersCheaperCompetitor: true },
    };

    it('Enter everywhere keeps every answer', async () => {
      const { prompter, answers } = await interview({}, previous);
      expect(answers).toEqual(previous);
      expect(prompter.prompt('payment.price').default).toBe('1000000');
      expect(prompter.prompt('kp.role').default).toBe('vp');
      expect(prompter.prompt('payment.prefersCheaperCompetitor').default).toBe(true);
    });

    it('a changed answer drops what no longer applies, and keeps what the interview never asks', async () => {
      const { answers } = await interview({ 'need.kind': 'switching', 'payment.funds': 'now', 'payment.budget': '2m' }, previous);
      expect(answers.need).toEqual({ kind: 'switching', currentSpend: 300_000 });
      expect(answers.payment).not.toHaveProperty('fundsDate');
      expect(answers.payment).not.toHaveProperty('acceptsOverBudget');
      expect(answers.kp?.name).toBe('李四');
      expect(answers.lead?.contact).toBe('张三');
    });

    it('ignores a stored value that is no longer a choice', async () => {
      const { prompter } = await interview({}, { need: { kind: 'retired' as never } });
      expect(prompter.prompt('need.kind').default).toBe('unknown');
    });
  });

  it('asks in Chinese with the engine labels as choices', async () => {
    setLang('zh');
    const { prompter } = await interview({ 'payment.price': '10万', 'payment.budget': '5w' });
    expect(prompter.prompt('need.kind').message).toBe('客户有什么需求？');
    expect(prompter.prompt('need.kind').choices?.map((c) => c.label)).toContain('想换');
    expect(prompter.prompt('kp.signsFinal').choices?.map((c) => c.label)).toEqual(['是', '否', '还不知道']);
    expect(prompter.prompt('payment.acceptsOverBudget').message).toBe('你的报价超出他的预算 5万：他能接受吗？');
    expect(prompter.said).toEqual(['── 需求 ──', '── 真 KP ──', '── 付款能力 ──']);
  });
});
