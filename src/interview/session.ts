import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { todayOf, type Context } from '../context.js';
import { qualifyInput, referrerName } from '../domain/qualify-input.js';
import type { Answers } from '../engine/answers.js';
import type { Qualification } from '../engine/types.js';
import { CliError, InterruptedError, UsageError } from '../errors.js';
import { t } from '../i18n/index.js';
import { paintFor } from '../output/color.js';
import { terminalLine } from '../output/terminal-text.js';
import { codeText, qualificationJson, renderQualificationText } from '../output/qualification.js';
import { askQuestions } from './flow.js';
import { pickLead, SHOWN, type PickedLead } from './lead-picker.js';
import { leadDirectory, type LeadDirectory } from './leads-lookup.js';
import { leadIdOf } from '../store/leads.js';
import { GoBack, type Prompter } from './prompter.js';
import { questionsFor } from './questions.js';
import { offerReferralRequest, type ReferralRequest } from './referral-offer.js';

// The interactive `leadq qualify`: pick the lead → need → KP → payment → the result screen → the referral offer →
// one save at the end. Loading is staged so the first prompt shows fast: the prompt library first, the data file
// and the engine (zod) while the rep is already answering.

export interface InterviewOptions {
  /** --dry-run: score only, write nothing (no referral offer either: it could not be recorded). */
  readonly dryRun: boolean;
  /** --json: the SPEC JSON on stdout at the end; the result screen then goes to stderr with the prompts. */
  readonly json: boolean;
}

/** A qualification to save, as the interview made it (the engine already ran on the answers). */
export interface SaveQualificationInput {
  /** The [lead] argument (id or company name), when given. */
  readonly leadRef: string | undefined;
  readonly answers: Answers;
  readonly result: Qualification;
  /** --dry-run: look the lead up if the store exists, but never create or write anything. */
  readonly dryRun: boolean;
}

/** The lead a qualification was saved to (id null when a dry run names a new company), and whether it was saved. */
export interface SaveQualificationOutcome {
  readonly lead: { readonly id: number | null; readonly company: string };
  readonly saved: boolean;
  /** Why nothing was saved (message key), e.g. dry run. */
  readonly notSavedReason?: 'qualify.notSavedDryRun' | 'qualify.notSavedNoStore';
}

/** Saves what the interview made (the qualify command gives it: the interview imports no command). */
export type SaveQualification = (input: SaveQualificationInput) => Promise<SaveQualificationOutcome>;

/** Records a referral request the rep chose after the qualification was saved. */
export type SaveReferralRequest = (leadId: number, request: ReferralRequest) => Promise<void>;

export interface InterviewOutcome {
  readonly answers: Answers;
  readonly result: Qualification;
  readonly lead: SaveQualificationOutcome['lead'];
  readonly saved: boolean;
  readonly referralRequest?: ReferralRequest;
}

/** What an interview talks to; tests give a scripted prompter, an in-memory directory and a recording save. */
export interface InterviewDeps {
  readonly prompter: Prompter;
  /** The stored leads (read-only). */
  readonly directory: LeadDirectory;
  readonly save: SaveQualification;
  readonly saveReferral: SaveReferralRequest;
  /** Keeps the answers somewhere safe when the save fails; returns where (undefined when it could not). */
  readonly keepAnswers: (answers: Answers) => string | undefined;
}

/**
 * Runs `leadq qualify` interactively on the terminal (prompts on stderr); refuses without a TTY (64, hint --answers).
 * The stored leads are read from ctx.store without migrating or writing it: a cancelled interview leaves it exactly
 * as it was (or absent); save is the one write, at the end.
 */
export async function interviewLead(ctx: Context, leadRef: string | undefined, options: InterviewOptions, save: SaveQualification, saveReferral: SaveReferralRequest): Promise<InterviewOutcome> {
  // inquirer 7 does not check for a terminal and would read piped text as answers.
  if (ctx.stdin.isTTY !== true) throw new UsageError('error.notTty', {}, 'hint.useAnswers');
  const { inquirerPrompter } = await import('./inquirer-prompter.js');
  const prompter = inquirerPrompter({ input: ctx.stdin, output: ctx.stderr }, paintFor(ctx, ctx.stderr));
  return runInterview(ctx, leadRef, options, { prompter, directory: leadDirectory(ctx.store), save, saveReferral, keepAnswers });
}

/**
 * The interview itself, on any Prompter: lead → questions → engine → result screen → save → referral offer. The
 * qualification is saved as soon as the rep has seen it: Ctrl-C (or a hang-up) at the referral offer loses nothing
 * the rep answered; a request chosen there is a second, small write.
 */
export async function runInterview(ctx: Context, leadRef: string | undefined, options: InterviewOptions, deps: InterviewDeps): Promise<InterviewOutcome> {
  const { prompter } = deps;
  const findLeads = (text: string) => deps.directory.search(text, SHOWN);
  let picking = leadRef === undefined ? pickLead(prompter, findLeads) : leadOfArgument(prompter, deps.directory, leadRef);
  // The first prompt is on the screen now; the engine (and zod with it) loads while the rep types.
  const engine = import('../engine/index.js');
  engine.catch(() => undefined);
  let picked: PickedLead;
  let asked: Answers;
  for (;;) {
    picked = await picking;
    const previous = picked.kind === 'existing' ? await deps.directory.previousAnswers(picked.lead.id) : undefined;
    if (picked.kind === 'new') prompter.say(t('interview.lead.creating', { company: picked.company }));
    else prompter.say(t(previous === undefined ? 'interview.lead.firstTime' : 'interview.lead.requalify', { company: picked.lead.company, id: picked.lead.id }));
    try {
      // A company the rep typed here can be typed again: the first question goes back to it.
      asked = await askQuestions(prompter, questionsFor(picked.kind === 'new'), startingAnswers(picked, previous), findLeads, leadRef === undefined);
      break;
    } catch (err) {
      if (!(err instanceof GoBack) || leadRef !== undefined) throw err;
      picking = pickLead(prompter, findLeads);
    }
  }

  let answers: Answers = asked;
  let saved = false;
  try {
    const { answersSchema, qualifyLead } = await engine;
    const leads = deps.directory;
    const stored = picked.kind === 'existing' ? await leads.facts(picked.lead.id) : undefined;
    const referrer = await referrerName(asked.lead?.referrer, (ref) => companyOf(leads, ref));
    const input = qualifyInput(answersSchema.parse(asked), stored, todayOf(ctx), referrer);
    answers = input.answers;
    const result = qualifyLead(answers, input.context);
    const view = picked.kind === 'existing' ? { id: picked.lead.id, company: picked.lead.company } : { id: null, company: picked.company };
    const screen = options.json ? ctx.stderr : ctx.stdout;
    screen.write(renderQualificationText(view, result, paintFor(ctx, screen), { saved: false, note: '' }));

    const outcome = await deps.save({ leadRef: picked.kind === 'existing' ? String(picked.lead.id) : undefined, answers, result, dryRun: options.dryRun });
    saved = outcome.saved;
    screen.write(savedLine(outcome, result));
    let referralRequest: ReferralRequest | undefined;
    if (result.verdict !== 'precise' && outcome.saved && outcome.lead.id !== null) {
      referralRequest = await offerReferralRequest(prompter, input.context.visitLogged);
      if (referralRequest !== undefined) {
        await deps.saveReferral(outcome.lead.id, referralRequest);
        screen.write(t('interview.savedReferral', { asked: referralRequest.asked }) + '\n');
      }
    }
    if (options.json) ctx.stdout.write(JSON.stringify(qualificationJson(outcome.lead, result, outcome.saved), null, 2) + '\n');
    return { answers, result, lead: outcome.lead, saved: outcome.saved, ...(referralRequest === undefined ? {} : { referralRequest }) };
  } catch (err) {
    // Ctrl-C means "throw it away"; any other failure (busy data file …) must not cost the rep the answers, unless
    // they are saved already (the referral request failed).
    if (!(err instanceof InterruptedError) && !saved) {
      const file = deps.keepAnswers(answers);
      if (file !== undefined) ctx.stderr.write(t('interview.answersKept', { file }) + '\n');
    }
    // Ctrl-C at the referral offer: the qualification shown as saved stays saved, which "Cancelled" alone would deny.
    if (err instanceof InterruptedError && saved) throw new InterruptedError('interview.cancelledAfterSave');
    throw err;
  }
}

/**
 * The lead a [lead] argument names. A company name no lead has is offered for creation (SPEC v2: `qualify "New Co"`
 * on a terminal); declining is the not-found error (66). An id, or a name several leads match, is refused as it is.
 */
async function leadOfArgument(prompter: Prompter, directory: LeadDirectory, ref: string): Promise<PickedLead> {
  try {
    return { kind: 'existing', lead: await directory.resolve(ref) };
  } catch (err) {
    const company = ref.trim().replace(/\s+/gu, ' ');
    if (!(err instanceof CliError) || (err.key !== 'lead.notFound' && err.key !== 'lead.notFoundNear') || company === '' || leadIdOf(ref) !== undefined) throw err;
    const create = await prompter.yesNo({ id: 'lead.create', message: t('interview.lead.unknown', { company: terminalLine(company) }), why: t('interview.why.unknownLead'), default: true });
    if (create !== true) throw err;
    return { kind: 'new', company };
  }
}

/** The company of a stored lead, or undefined when there is none such (the referrer the rep picked is stored). */
async function companyOf(leads: LeadDirectory, ref: string): Promise<string | undefined> {
  try {
    return (await leads.resolve(ref)).company;
  } catch {
    return undefined;
  }
}

/**
 * The answers an interview starts from. A new lead: its company. An existing lead: the previous answers as defaults,
 * with the lead's stored company and source (the stored lead is newer than old answers: `lead edit` may have changed it).
 */
export function startingAnswers(picked: PickedLead, previous: Answers | undefined): Answers {
  if (picked.kind === 'new') return { lead: { company: picked.company } };
  const { lead: _oldLead, ...rest } = previous ?? {};
  return { ...rest, lead: { company: picked.lead.company, source: picked.lead.source } };
}

function savedLine(outcome: SaveQualificationOutcome, result: Qualification): string {
  if (!outcome.saved) return `${t(outcome.notSavedReason ?? 'qualify.notSavedDryRun')}\n`;
  const verdict = codeText('engine.verdict.', result.verdict);
  return terminalLine(t('interview.saved', { company: outcome.lead.company, id: outcome.lead.id, verdict, score: result.score })) + '\n';
}

/** Writes the answers to a private file in the temp folder so `leadq qualify --answers <file>` can save them later. */
function keepAnswers(answers: Answers): string | undefined {
  const file = join(tmpdir(), `leadq-answers-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  try {
    writeFileSync(file, JSON.stringify(answers, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
    return file;
  } catch {
    return undefined;
  }
}
