import { t } from '../i18n/index.js';
import { textOf } from '../output/qualification.js';
import { normaliseCompany } from '../domain/company.js';
import type { LeadSummary } from './leads-lookup.js';
import type { Choice, Prompter } from './prompter.js';

// Finding a stored lead by typing part of its name: type, Enter; the one lead named so is taken at once, several
// candidates are offered in a list. (Not a live-filtering search prompt: its results arrive asynchronously, so a name
// typed and entered in one go — pasted, or sent by a script — would press Enter on stale or missing results.)

/** The lead an interview is about: one already stored, or a company typed now (created when the result is saved). */
export type PickedLead = { readonly kind: 'existing'; readonly lead: LeadSummary } | { readonly kind: 'new'; readonly company: string };

/** Stored leads whose name contains the text, exact match first. */
export type FindLeads = (text: string) => Promise<readonly LeadSummary[]>;

/** How many candidates a list shows. */
export const SHOWN = 8;

/** How a stored lead reads in a list: name, id, source, status and score. */
export function leadChoiceLabel(lead: LeadSummary): string {
  const status = lead.status === 'new' ? '' : ` · ${textOf(`lead.status.${lead.status}`, {}, lead.status)}${lead.score === null ? '' : ` ${lead.score}`}`;
  return t('interview.lead.existing', { company: lead.company, id: lead.id, source: textOf(`engine.source.${lead.source}`, {}, lead.source), status });
}

function sameCompany(lead: LeadSummary, typed: string): boolean {
  const key = normaliseCompany(typed);
  return key !== '' && lead.companyKey === key;
}

/** A company name as typed, with runs of spaces folded. */
function cleanName(typed: string): string {
  return typed.trim().replace(/\s+/gu, ' ');
}

/** Asks which company the visit is for: a stored lead found by part of its name, or a new company. */
export async function pickLead(prompter: Prompter, findLeads: FindLeads): Promise<PickedLead> {
  const company = cleanName(
    await prompter.input({
      id: 'lead.company',
      message: t('interview.q.lead'),
      why: t('interview.why.lead'),
      validate: (text) => cleanName(text) !== '' || t('interview.lead.nameRequired'),
    }),
  );
  const leads = await findLeads(company);
  const same = leads.find((lead) => sameCompany(lead, company));
  if (same !== undefined) return { kind: 'existing', lead: same };
  if (leads.length === 0) return { kind: 'new', company };
  const choices: Choice<PickedLead>[] = leads.map((lead) => ({ value: { kind: 'existing', lead }, label: leadChoiceLabel(lead), short: lead.company }));
  choices.push({ value: { kind: 'new', company }, label: t('interview.lead.new', { company }), short: company });
  return prompter.select({ id: 'lead.pick', message: t('interview.q.leadPick', { typed: company }), why: t('interview.why.leadPick'), choices, default: choices[0]?.value });
}

/** Asks for a stored lead (e.g. who referred this one) by part of its name; Enter skips; a name matching no lead is refused. */
export async function askStoredLead(prompter: Prompter, findLeads: FindLeads, question: { id: string; message: string; why: string }): Promise<number | undefined> {
  const typed = cleanName(
    await prompter.input({
      ...question,
      validate: async (text) => cleanName(text) === '' || (await findLeads(cleanName(text))).length > 0 || t('interview.lead.noMatch', { typed: cleanName(text) }),
    }),
  );
  if (typed === '') return undefined;
  const leads = await findLeads(typed);
  const same = leads.find((lead) => sameCompany(lead, typed));
  if (same !== undefined) return same.id;
  const choices: Choice<number | undefined>[] = leads.map((lead) => ({ value: lead.id, label: leadChoiceLabel(lead), short: lead.company }));
  choices.push({ value: undefined, label: t('interview.lead.skip') });
  return prompter.select({ ...question, id: `${question.id}.pick`, message: t('interview.q.leadPick', { typed }), choices, default: choices[0]?.value });
}
