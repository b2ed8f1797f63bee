import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Answers } from '../../src/engine/answers.js';
import { CliError, InterruptedError } from '../../src/errors.js';
import { StoreError } from '../../src/store/errors.js';
import { setLang, type Lang } from '../../src/i18n/index.js';
import type { LeadDirectory, LeadSummary } from '../../src/interview/leads-lookup.js';
import type { ReferralRequest } from '../../src/interview/referral-offer.js';
import { interviewLead, runInterview, type InterviewOptions, type SaveQualificationInput, type SaveQualificationOutcome } from '../../src/interview/session.js';
import { testContext } from '../helpers/context.js';
import { answers, BACK, CTRL_C, labelled, scriptedPrompter, type Script } from './scripted-prompter.js';

afterEach(() => setLang('en'));

function context(lang: Lang = 'en') {
  const { ctx, stdout, stderr, cleanup } = testContext({ lang, stdinTty: true, dbPath: '/nonexistent/leadq.db', now: () => new Date('2025-03-01T09:00:00Z') });
  cleanup();
  return { ctx, stdout, stderr };
}

const STORED: LeadSummary[] = [
  { id: 12, company: '华信科技', companyKey: '华信科技', source: 'competitor_customer', status: 'qualifying', score: 45 },
  { id: 13, company: '华信物流', companyKey: '华信物流', source: 'top20', status: 'new', score: null },
];

function directory(previous: Record<number, Answers> = {}, visited = false): LeadDirectory {
  return {
    search: async (text) => STORED.filter((l) => l.company.includes(text.trim())),
    async resolve(ref) {
      const lead = STORED.find((l) => String(l.id) === ref || l.company === ref);
      if (lead === undefined) throw new CliError(66, 'lead.notFound', { ref });
      return lead;
    },
    previousAnswers: async (id) => previous[id],
    facts: async () => (visited ? { source: 'cold', competitor: null, partner: null, referrer: undefined, visitLogged: true } : undefined),
  };
}

interface Run {
  script: Script;
  leadRef?: string;
  options?: Partial<InterviewOptions>;
  previous?: Record<number, Answers>;
  lang?: Lang;
  saveFails?: Error;
  /** The stored lead has a visit logged. */
  visited?: boolean;
}

async function run({ script, leadRef, options = {}, previous, lang, saveFails, visited }: Run) {
  const { ctx, stdout, stderr } = context(lang);
  const prompter = scriptedPrompter(script);
  const saves: SaveQualificationInput[] = [];
  const kept: Answers[] = [];
  const referrals: Array<{ leadId: number; request: ReferralRequest }> = [];
  const promise = runInterview(ctx, leadRef, { dryRun: false, json: false, ...options }, {
    prompter,
    directory: directory(previous, visited),
    saveReferral: async (leadId, request) => {
      referrals.push({ leadId, request });
    },
    save: async (input): Promise<SaveQualificationOutcome> => {
      saves.push(input);
      if (saveFails !== undefined) throw saveFails;
      if (input.dryRun) return { lead: { id: null, company: input.answers.lead?.company ?? '' }, saved: false, notSavedReason: 'qualify.notSavedDryRun' };
      return { lead: { id: 99, company: input.answers.lead?.company ?? '' }, saved: true };
    },
    keepAnswers: (answers) => {
      kept.push(answers);
      return '/tmp/leadq-answers-test.json';
    },
  });
  return { promise, prompter, saves, kept, referrals, stdout, stderr };
}

const PRECISE: Script = {
  'lead.company': 'Acme Ltd',
  'lead.source': 'competitor_customer',
  'lead.competitor': 'Rival',
  'need.kind': 'switching',
  'kp.role': 'gm',
  'kp.signsFinal': 'yes',
  'kp.otherDecider': 'none',
  'payment.price': '10万',
  'payment.budget': '12万',
  'payment.recognizesValue': 'yes',
  'payment.funds': 'now',
  'payment.prefersCheaperCompetitor': false,
};

describe('runInterview', () => {
  it('a new lead, Enter on everything: contact and phone asked, saved as soon as shown, and no visit logged: the referral offer defaults to no', async () => {
    const r = await run({ script: { 'lead.company': '  New   Co ' } });
    const outcome = await r.promise;
    expect(r.prompter.ids().slice(0, 4)).toEqual(['lead.company', 'lead.contact', 'lead.phone', 'lead.source']);
    expect(r.prompter.ids().at(-1)).toBe('referral.ask');
    expect(r.prompter.prompt('referral.ask')).toMatchObject({ default: false, message: 'Record a referral request you already made?' });
    expect(r.saves).toHaveLength(1);
    expect(r.saves[0]).toMatchObject({ leadRef: undefined, dryRun: false });
    expect(r.saves[0]?.answers.lead).toEqual({ company: 'New Co', source: 'cold' });
    expect(r.referrals).toEqual([]);
    expect(outcome).toMatchObject({ saved: true, lead: { id: 99, company: 'New Co' } });
    expect(outcome.result.verdict).toBe('qualifying');
    const out = r.stdout.text();
    expect(out).toMatch(/New Co — qualifying/);
    expect(out).toContain('Need:');
    expect(out).toContain('Next actions:');
    expect(out).toContain('Saved: New Co (#99), qualifying, score');
    expect(out).not.toContain('Referral request recorded');
    expect(r.prompter.said).toContain('New lead: New Co');
    expect(r.stderr.text()).toBe('');
  });

  it('the contact and phone of a new lead are saved with it', async () => {
    const r = await run({ script: { 'lead.company': 'X', 'lead.contact': '王敏', 'lead.phone': '13800000000' } });
    await r.promise;
    expect(r.saves[0]?.answers.lead).toMatchObject({ company: 'X', contact: '王敏', phone: '13800000000' });
  });

  it('a visited lead: "before you leave", Enter asks for 3, recorded after the qualification was saved', async () => {
    const r = await run({ script: {}, leadRef: '12', visited: true });
    const outcome = await r.promise;
    expect(r.prompter.prompt('referral.ask')).toMatchObject({ default: true, message: 'Ask them for referrals before you leave?' });
    expect(r.referrals).toEqual([{ leadId: 99, request: { asked: 3 } }]);
    expect(outcome.referralRequest).toEqual({ asked: 3 });
    expect(r.stdout.text()).toContain('Referral request recorded: 3.');
  });

  it('a precise lead is not offered a referral request', async () => {
    const r = await run({ script: PRECISE });
    const outcome = await r.promise;
    expect(outcome.result.verdict).toBe('precise');
    expect(r.prompter.ids()).not.toContain('referral.ask');
    expect(r.referrals).toEqual([]);
    expect(r.saves[0]?.answers).toMatchObject({ lead: { company: 'Acme Ltd', source: 'competitor_customer', competitor: 'Rival' }, payment: { price: 100_000, budget: 120_000 } });
  });

  it('declining the referral offer, or asking for 2 with a note', async () => {
    const declined = await run({ script: { 'lead.company': 'X', 'referral.ask': false } });
    await declined.promise;
    expect(declined.referrals).toEqual([]);
    const two = await run({ script: { 'lead.company': 'X', 'referral.ask': true, 'referral.count': '2', 'referral.note': '他的供应商' } });
    await two.promise;
    expect(two.referrals).toEqual([{ leadId: 99, request: { asked: 2, note: '他的供应商' } }]);
  });

  it('more than 3 referrals is refused with the method\'s reason (the qualification is saved already)', async () => {
    const r = await run({ script: { 'lead.company': 'X', 'referral.ask': true, 'referral.count': '4' } });
    await expect(r.promise).rejects.toThrow("ask for 1 to 3 (3 is best, 1 at least; don't be greedy)");
    expect(r.saves).toHaveLength(1);
    expect(r.referrals).toEqual([]);
  });

  it('every question can go back to the previous one: the answers are as before it, the rep\'s answer is the default', async () => {
    const r = await run({
      script: {
        'lead.company': 'X',
        'need.kind': answers('switching', 'none'),
        // Back from the pain question (after "switching") to the need, changed to "none": pain is no longer asked.
        'need.pain': BACK,
        'need.askedOthers': true,
        'kp.role': answers(BACK, 'gm'),
      },
    });
    const outcome = await r.promise;
    const ids = r.prompter.ids();
    expect(ids.slice(ids.indexOf('need.kind'))).toEqual(expect.arrayContaining(['need.kind', 'need.pain', 'need.askedOthers', 'kp.role']));
    expect(ids.filter((id) => id === 'need.kind')).toHaveLength(2);
    // Back from kp.role goes to askedOthers (the question asked before it), whose default is now the rep's "yes".
    expect(r.prompter.asked.filter((a) => a.id === 'need.askedOthers').map((a) => a.default)).toEqual([false, true]);
    expect(outcome.answers.need).toEqual({ kind: 'none', askedOthers: true });
    expect(outcome.answers.kp?.role).toBe('gm');
  });

  it('every question can go back; the first one to the company the rep typed, so a mistyped company is typed again', async () => {
    const r = await run({ script: { 'lead.company': answers('Acme Ltdd', 'Acme Ltd'), 'lead.contact': answers(BACK, 'Mary') } });
    const outcome = await r.promise;
    // (The scripted BACK answers are recorded without the prompt's settings.)
    const questions = r.prompter.asked.filter((a) => !['lead.company', 'referral.ask'].includes(a.id) && a.answer !== BACK);
    expect(questions[0]).toMatchObject({ id: 'lead.contact', back: true });
    expect(questions.every((a) => a.back === true)).toBe(true);
    expect(r.prompter.ids().slice(0, 3)).toEqual(['lead.company', 'lead.contact', 'lead.company']);
    expect(outcome.answers.lead).toMatchObject({ company: 'Acme Ltd', contact: 'Mary' });
    // The lead picker and the referral offer are not questions of the interview: no way back from them.
    expect(r.prompter.prompt('lead.company').back).toBe(false);
    expect(r.prompter.prompt('referral.ask').back).toBe(false);
  });

  it('with the lead named on the command line, the first question has nothing before it to go back to', async () => {
    const r = await run({ leadRef: '12', script: {} });
    await r.promise;
    const questions = r.prompter.asked.filter((a) => a.id !== 'referral.ask');
    expect(questions[0]?.back).toBe(false);
    expect(questions.slice(1).every((a) => a.back === true)).toBe(true);
  });

  it('--dry-run: no referral offer, the save hook is told, and the screen says nothing was saved', async () => {
    const r = await run({ script: { 'lead.company': 'X' }, options: { dryRun: true } });
    const outcome = await r.promise;
    expect(r.prompter.ids()).not.toContain('referral.ask');
    expect(r.saves[0]?.dryRun).toBe(true);
    expect(outcome.saved).toBe(false);
    expect(r.stdout.text()).toContain('Dry run: nothing saved.');
  });

  it('--json: the SPEC JSON alone on stdout, the result screen on stderr', async () => {
    const r = await run({ script: PRECISE, options: { json: true } });
    await r.promise;
    const json = JSON.parse(r.stdout.text());
    expect(json).toMatchObject({ lead: { id: 99, company: 'Acme Ltd' }, verdict: 'precise', saved: true, gates: { kp: { status: 'pass' } } });
    expect(r.stderr.text()).toContain('Acme Ltd — precise customer');
  });

  describe('picking the lead', () => {
    it('its exact name takes the stored lead at once; the previous answers are the defaults', async () => {
      const previous = { 12: { lead: { company: '华信科技', phone: 'old' }, need: { kind: 'switching' }, payment: { price: 200_000 } } as Answers };
      const r = await run({ script: { 'lead.company': '华信科技' }, previous, lang: 'zh' });
      await r.promise;
      expect(r.prompter.ids()).not.toContain('lead.pick');
      expect(r.prompter.ids()).not.toContain('lead.source');
      expect(r.prompter.prompt('need.kind').default).toBe('switching');
      expect(r.prompter.prompt('payment.price').default).toBe('200000');
      expect(r.prompter.said[0]).toBe('重新评估 华信科技（#12）：直接回车保留上次的答案。');
      // The stored lead's own company and source; old lead fields are not written back over newer ones.
      expect(r.saves[0]).toMatchObject({ leadRef: '12', answers: { lead: { company: '华信科技', source: 'competitor_customer' } } });
      expect(r.saves[0]?.answers.lead).not.toHaveProperty('phone');
      expect(r.stdout.text()).toContain('已保存：华信科技（#99）');
    });

    it('part of a name offers the matching leads (first preselected) and a new lead', async () => {
      const r = await run({ script: { 'lead.company': '华信' } });
      await r.promise;
      const pick = r.prompter.prompt('lead.pick');
      expect(pick.choices?.map((c) => c.label)).toEqual([
        expect.stringContaining('华信科技  #12'),
        expect.stringContaining('华信物流  #13'),
        '+ new lead: 华信',
      ]);
      expect(r.saves[0]?.leadRef).toBe('12');
    });

    it('choosing "new lead" among the matches creates it (asking its source)', async () => {
      const r = await run({ script: { 'lead.company': '华信', 'lead.pick': labelled('new lead') } });
      await r.promise;
      expect(r.prompter.ids()).toContain('lead.source');
      expect(r.saves[0]).toMatchObject({ leadRef: undefined, answers: { lead: { company: '华信', source: 'cold' } } });
    });

    it('a name matching no stored lead is a new lead, without a list', async () => {
      const r = await run({ script: { 'lead.company': 'Brand New' } });
      await r.promise;
      expect(r.prompter.ids()).not.toContain('lead.pick');
      expect(r.saves[0]?.answers.lead?.company).toBe('Brand New');
    });

    it('an empty company name is refused inline', async () => {
      const r = await run({ script: { 'lead.company': '   ' } });
      await expect(r.promise).rejects.toThrow('type the company name (or part of it)');
    });

    it('the [lead] argument resolves the lead without asking', async () => {
      const r = await run({ script: {}, leadRef: '13' });
      await r.promise;
      expect(r.prompter.ids()[0]).toBe('need.kind');
      expect(r.prompter.said[0]).toBe('First qualification of 华信物流 (#13).');
      expect(r.saves[0]?.leadRef).toBe('13');
    });

    it('an unknown company as [lead] is offered for creation: no is 66 before any question, yes (Enter) creates it', async () => {
      const declined = await run({ script: { 'lead.create': false }, leadRef: 'Nobody Co' });
      await expect(declined.promise).rejects.toMatchObject({ exitCode: 66 });
      expect(declined.prompter.ids()).toEqual(['lead.create']);
      expect(declined.saves).toHaveLength(0);
      const created = await run({ script: {}, leadRef: ' Nobody   Co ' });
      const outcome = await created.promise;
      expect(created.prompter.prompt('lead.create').message).toBe('No lead is named Nobody Co. Create it and qualify it now?');
      expect(created.prompter.ids().slice(1, 3)).toEqual(['lead.contact', 'lead.phone']);
      expect(created.saves[0]).toMatchObject({ leadRef: undefined, answers: { lead: { company: 'Nobody Co' } } });
      expect(outcome.lead.company).toBe('Nobody Co');
    });

    it('an unknown id is 66 at once (an id is never a company to create)', async () => {
      const r = await run({ script: {}, leadRef: '404' });
      await expect(r.promise).rejects.toMatchObject({ exitCode: 66 });
      expect(r.prompter.asked).toHaveLength(0);
    });
  });

  describe('never loses an answer, never half-writes', () => {
    it('Ctrl-C at a question: InterruptedError, nothing saved, nothing kept', async () => {
      const r = await run({ script: { 'lead.company': 'X', 'payment.budget': CTRL_C } });
      await expect(r.promise).rejects.toBeInstanceOf(InterruptedError);
      await expect(r.promise).rejects.toMatchObject({ key: 'error.cancelled' });
      expect(r.saves).toHaveLength(0);
      expect(r.kept).toHaveLength(0);
    });

    it('Ctrl-C at the referral offer: the qualification the rep saw is saved already, no request, nothing kept', async () => {
      for (const at of ['referral.ask', 'referral.count'] as const) {
        const r = await run({ script: { 'lead.company': 'X', 'referral.ask': true, [at]: CTRL_C } });
        await expect(r.promise).rejects.toBeInstanceOf(InterruptedError);
        // Not "Cancelled" alone: the qualification was saved, and stays.
        await expect(r.promise).rejects.toMatchObject({ key: 'interview.cancelledAfterSave' });
        expect(r.saves).toHaveLength(1);
        expect(r.referrals).toEqual([]);
        expect(r.kept).toHaveLength(0);
        expect(r.stdout.text()).toContain('Saved: X (#99)');
      }
    });

    it('a failed save keeps the answers in a file and says how to save them later', async () => {
      const r = await run({ script: { 'lead.company': 'X', 'payment.price': '5w' }, saveFails: new StoreError('busy', '/nonexistent/leadq.db') });
      await expect(r.promise).rejects.toBeInstanceOf(StoreError);
      expect(r.kept[0]).toMatchObject({ lead: { company: 'X' }, payment: { price: 50_000 } });
      expect(r.stderr.text()).toContain('leadq qualify --answers /tmp/leadq-answers-test.json');
    });
  });
});

describe('interviewLead', () => {
  it('refuses to prompt without a terminal: 64, with a hint naming --answers', async () => {
    const { ctx } = context();
    const noTty = { ...ctx, stdin: new PassThrough() as unknown as NodeJS.ReadStream };
    const save = async () => expect.unreachable();
    await expect(interviewLead(noTty, undefined, { dryRun: false, json: false }, save, save)).rejects.toMatchObject({ exitCode: 64, key: 'error.notTty', hintKey: 'hint.useAnswers' });
  });
});
