import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCORE_BANDS, qualifyLead, type Answers, type QualifyContext } from '../../src/engine/index.js';
import { answersArb, contextArb, nearPreciseArb } from './arbitraries.js';

/** Uniform random answers, and answers a few steps from a precise customer (where most v2 edges lie). */
const anyAnswers = fc.oneof(answersArb, nearPreciseArb);

// An independent reading of the method, version 2 (docs/method.md), written from its text and not from the engine: the gates, ability,
// willingness, the verdict and the next actions each rule names. Random answer sets must agree with it.

type Status = 'pass' | 'unknown' | 'fail';
type Tri = 'yes' | 'no' | 'unknown';

interface Expected {
  need: Status;
  kp: Status;
  payment: Status;
  ability: Tri;
  willingness: Tri;
  verdict: 'precise' | 'qualifying' | 'disqualified';
  /** Actions the rules name for these answers (each must be there). */
  mustDo: string[];
  /** The source's own move, last, when a gate it helps with is open (qualifying or precise only). */
  sourceMove: string | undefined;
}

const blank = (s: string | undefined) => s === undefined || s.trim() === '';
const named = (code: string, name: string | undefined) => (blank(name) ? code : `${code}_named`);

function oracle(a: Answers, c: QualifyContext): Expected {
  const mustDo: string[] = [];
  // "A price of 0 or below counts as unknown price."
  const price = a.payment?.price !== undefined && a.payment.price > 0 ? a.payment.price : undefined;
  const budget = a.payment?.budget;

  // Gate 1. The value case: the extra yearly value is at least half the price (and not "equal value", i.e. 0).
  const kind = a.need?.kind ?? 'unknown';
  const annual = a.need?.annualValue;
  const valueCase = annual !== undefined && price !== undefined && annual > 0 && annual >= price / 2;
  let need: Status = 'unknown';
  if (kind === 'switching' || kind === 'exploring' || kind === 'initiative') need = 'pass';
  else if (kind === 'already_has') {
    if (valueCase) mustDo.push('present_value_case');
    else if (a.need?.askedOthers === true) need = 'fail';
    else mustDo.push(named('ask_others_what_they_dislike', a.lead?.competitor));
  } else if (kind === 'none') {
    if (a.need?.askedOthers === true) need = 'fail';
    else mustDo.push('ask_others_about_need');
  } else mustDo.push('find_need');

  // Gate 2. A VP, director, manager or staff member who "signs" counts once confirmed elsewhere.
  const role = a.kp?.role;
  const belowGm = role === 'vp' || role === 'director' || role === 'manager' || role === 'staff';
  const signs = a.kp?.signsFinal === 'yes';
  const kp: Status = signs && a.kp?.otherDecider === 'none' && (!belowGm || a.kp.confirmed === true) ? 'pass' : 'unknown';
  if (signs && belowGm && a.kp?.confirmed !== true) mustDo.push(named('confirm_signer_elsewhere', a.kp?.name));
  if (a.kp?.signsFinal === 'no') mustDo.push('find_signer');
  if ((a.kp?.signsFinal ?? 'unknown') === 'unknown') mustDo.push(belowGm ? 'warn_role_rarely_kp' : 'confirm_signer');
  const decider = a.kp?.otherDecider ?? 'unknown';
  if (decider === 'unknown') mustDo.push('ask_other_decider');
  else if (decider !== 'none') mustDo.push('reach_decider');

  // Gate 3. Ability: no only with truly no money; yes when covered and in time.
  const funds = a.payment?.funds ?? 'unknown';
  const sees = a.payment?.recognizesValue ?? 'unknown';
  const prefers = a.payment?.prefersCheaperCompetitor === true;
  const accepts = a.payment?.acceptsOverBudget === true;
  const covered = (price !== undefined && budget !== undefined && budget >= price) || accepts || sees === 'yes';
  const date = a.payment?.fundsDate;
  const inTime = funds === 'now' || (funds === 'by_date' && date !== undefined && !(date < c.today));
  const ability: Tri = funds === 'no' ? 'no' : covered && inTime ? 'yes' : 'unknown';
  const willingness: Tri = sees === 'no' || (prefers && sees !== 'yes') ? 'no' : sees === 'yes' && !prefers ? 'yes' : 'unknown';
  const halfBudget = price !== undefined && budget !== undefined && budget <= 0.5 * price && !accepts;
  // Half the budget fails "only once the customer has shown they do not see the value": not while recognition is unknown.
  const halfBudgetFails = halfBudget && willingness === 'no' && sees !== 'unknown';
  const payment: Status = ability === 'no' || halfBudgetFails ? 'fail' : ability === 'yes' && willingness === 'yes' ? 'pass' : 'unknown';
  if (payment === 'unknown') {
    if (funds === 'by_date' && date !== undefined && date < c.today) mustDo.push('funds_date_passed');
    if (funds === 'not_now' && sees === 'yes') mustDo.push('ask_which_money_moves');
    if (sees === 'yes' && prefers) mustDo.push('ask_what_makes_them_choose_you');
    // "They can pay but don't see why you are worth it" is METHOD's action for a budget above half the price.
    if (willingness === 'no' && !halfBudget) mustDo.push('show_value');
    if (halfBudget && sees !== 'yes') mustDo.push('show_value_then_ask');
  }

  const statuses = [need, kp, payment];
  const verdict = statuses.includes('fail') ? 'disqualified' : statuses.every((s) => s === 'pass') ? 'precise' : 'qualifying';
  const open = { need: need !== 'pass', kp: kp !== 'pass', payment: payment !== 'pass' };
  const moves: Record<string, [boolean, string]> = {
    competitor_customer: [open.need, named('find_competitor_dislikes', a.lead?.competitor)],
    referral: [open.need || open.kp, named('ask_referrer', c.referrer)],
    channel: [open.need || open.kp, named('ask_partner', a.lead?.partner)],
    top20: [open.need || open.kp || open.payment, 'research_top20'],
  };
  const [helps, move] = moves[a.lead?.source ?? ''] ?? [false, ''];
  return { need, kp, payment, ability, willingness, verdict, mustDo, sourceMove: verdict !== 'disqualified' && helps ? move : undefined };
}

describe('an independent reading of METHOD v2 against the engine', () => {
  it('agrees on the gates, ability, willingness, verdict and the actions the rules name, for thousands of answer sets', () => {
    let seen = 0;
    fc.assert(
      fc.property(anyAnswers, contextArb, (answers, context) => {
        seen++;
        const want = oracle(answers, context);
        const got = qualifyLead(answers, context);
        const where = JSON.stringify({ answers, context });
        expect({ need: got.gates.need.status, kp: got.gates.kp.status, payment: got.gates.payment.status }, where).toEqual({
          need: want.need,
          kp: want.kp,
          payment: want.payment,
        });
        expect([got.gates.payment.ability, got.gates.payment.willingness], where).toEqual([want.ability, want.willingness]);
        expect(got.verdict, where).toBe(want.verdict);
        const [low, high] = SCORE_BANDS[got.verdict];
        expect(got.score >= low && got.score <= high, where).toBe(true);
        const codes = got.nextActions.map((x) => x.code);
        if (want.verdict === 'disqualified') {
          const why = codes.filter((x) => x === 'let_go_because').length;
          expect(why, where).toBe((want.need === 'fail' ? 1 : 0) + (want.payment === 'fail' ? (answers.payment?.funds === 'no' ? 1 : 0) + (want.willingness === 'no' && (answers.payment?.recognizesValue ?? 'unknown') !== 'unknown' && answers.payment?.price !== undefined && answers.payment.price > 0 && answers.payment.budget !== undefined && answers.payment.budget <= 0.5 * answers.payment.price && answers.payment.acceptsOverBudget !== true ? 1 : 0) : 0));
          expect(codes.slice(why), where).toEqual(context.visitLogged ? ['ask_referrals'] : ['dont_visit', 'ask_referrals_next_time']);
        } else if (want.verdict === 'precise') {
          expect(codes, where).toEqual([named('visit_kp', answers.kp?.name)]);
        } else {
          for (const code of want.mustDo) expect(codes, where).toContain(code);
          if (want.sourceMove !== undefined) expect(codes.at(-1), where).toBe(want.sourceMove);
          else for (const code of codes) expect(code, where).not.toMatch(/^(find_competitor_dislikes|ask_referrer|ask_partner|research_top20)/);
        }
      }),
      { numRuns: 5000 },
    );
    expect(seen).toBeGreaterThanOrEqual(300);
  });

  // Every v2 rule hit by the random sets, so the agreement above is not vacuous.
  it('the random answer sets reach every v2 rule', () => {
    const hits = new Map<string, number>();
    const hit = (name: string, yes: boolean) => yes && hits.set(name, (hits.get(name) ?? 0) + 1);
    fc.assert(
      fc.property(anyAnswers, contextArb, (answers, context) => {
        const codes = qualifyLead(answers, context).nextActions.map((x) => x.code);
        for (const code of ['ask_others_what_they_dislike', 'ask_others_what_they_dislike_named', 'confirm_signer_elsewhere_named', 'ask_which_money_moves', 'funds_date_passed', 'show_value_then_ask', 'ask_what_makes_them_choose_you', 'dont_visit', 'ask_referrals', 'visit_kp_named', 'ask_referrer_named', 'research_top20', 'find_competitor_dislikes_named', 'ask_partner_named']) {
          hit(code, codes.includes(code));
        }
        const q = qualifyLead(answers, context);
        hit('half budget fails', q.gates.payment.reasons.some((r) => r.code === 'budget_at_most_half'));
        hit('VP confirmed passes', q.gates.kp.reasons.some((r) => r.code === 'kp_signer_confirmed') && q.gates.kp.status === 'pass');
      }),
      { numRuns: 5000 },
    );
    expect([...hits.keys()].sort()).toEqual(
      [
        'ask_others_what_they_dislike',
        'ask_others_what_they_dislike_named',
        'confirm_signer_elsewhere_named',
        'ask_which_money_moves',
        'funds_date_passed',
        'show_value_then_ask',
        'ask_what_makes_them_choose_you',
        'dont_visit',
        'ask_referrals',
        'visit_kp_named',
        'ask_referrer_named',
        'research_top20',
        'find_competitor_dislikes_named',
        'ask_partner_named',
        'half budget fails',
        'VP confirmed passes',
      ].sort(),
    );
  });
});
