import { todayOf, type Context } from '../../context.js';
import { answersSchema, type Answers } from '../../engine/answers.js';
import { UsageError } from '../../errors.js';
import { resolveLead } from '../../store/leads.js';
import { badOption } from '../options.js';
import { describeIssue, printQualification } from './answers.js';
import { qualifyFromAnswers } from './save.js';
import type { AnswerSetting } from './settings.js';

/**
 * `leadq qualify <lead> --set path=value …`: re-qualifies from the lead's latest answers with those answers changed,
 * no prompts (a wrong answer no longer means the whole interview again). A path or value the answers schema refuses
 * is exit 64 naming it; nothing is written then.
 */
export async function qualifyWithSettings(ctx: Context, leadRef: string | undefined, settings: readonly AnswerSetting[], options: { readonly json?: boolean; readonly dryRun?: boolean }): Promise<void> {
  if (leadRef === undefined) throw new UsageError('qualify.setNeedsLead', {}, 'qualify.hintSet');
  const latest = await ctx.store.read(async (tx) => {
    const lead = await resolveLead(tx, leadRef);
    return { lead, answers: (await tx.latestQualification(lead.id))?.answers };
  }, { missing: 'refuse' });
  const changed = applySettings(latest.answers ?? {}, settings);
  const outcome = await qualifyFromAnswers(ctx, String(latest.lead.id), changed, todayOf(ctx), options.dryRun === true);
  printQualification(ctx, outcome, outcome.result, options.json === true);
}

/**
 * The answers with each setting applied in order (an empty value removes the answer: not known), checked by the
 * answers schema: the first problem is exit 64 naming the option, the path and why. The old answers' lead section
 * is left out: the lead record is newer (`lead edit` may have changed its contact, phone, source … or renamed it since)
 * and replaying it would undo those edits; only what --set gives for the lead is saved.
 */
export function applySettings(base: Answers, settings: readonly AnswerSetting[]): Answers {
  const answers: Record<string, Record<string, unknown>> = {};
  for (const [section, fields] of Object.entries({ ...base, lead: {} })) if (fields !== undefined) answers[section] = { ...fields };
  for (const { section, field, value } of settings) {
    const part = (answers[section] ??= {});
    if (value === '') delete part[field];
    else part[field] = typed(section, field, value);
  }
  for (const [section, fields] of Object.entries(answers)) if (Object.keys(fields).length === 0) delete answers[section];
  const parsed = answersSchema.safeParse(answers, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const { path, reason } = describeIssue(issue);
  const setting = settings.find((s) => path.startsWith(`${s.section}.${s.field}`)) ?? settings[0]!;
  throw badOption('--set', `${setting.section}.${setting.field}=${setting.value}`, { key: 'qualify.setReason', params: { path: path || `${setting.section}.${setting.field}`, reason } });
}

/** A value as the schema wants it: yes/no answers (askedOthers, confirmed …) take true/false (是/否, yes/no too). */
function typed(section: string, field: string, value: string): unknown {
  if (!BOOLEAN_FIELDS.has(`${section}.${field}`)) return value;
  const word = value.trim().toLowerCase();
  if (['true', 'yes', 'y', '是'].includes(word)) return true;
  if (['false', 'no', 'n', '否'].includes(word)) return false;
  return value;
}

/** The answers that are yes/no, read from the schema itself (so a new one needs no change here). */
const BOOLEAN_FIELDS: ReadonlySet<string> = new Set(
  Object.entries(answersSchema.shape).flatMap(([section, optional]) =>
    Object.entries(optional.unwrap().shape)
      .filter(([, field]) => (field as { unwrap(): { def: { type: string } } }).unwrap().def.type === 'boolean')
      .map(([field]) => `${section}.${field}`),
  ),
);
