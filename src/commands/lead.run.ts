import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { t, type MessageKey } from '../i18n/index.js';
import type { Paint } from '../output/color.js';
import type { Row } from '../output/format.js';
import { terminalLine } from '../output/terminal-text.js';
import { localTime as shortTime } from '../output/time.js';
import { displayWidth, padDisplay } from '../output/width.js';
import type { LeadStatus } from '../domain/lead.js';
import { resolveLead } from '../store/leads.js';
import { leadJson } from '../output/lead-json.js';
import type { Contact, Lead, LeadFilter, LeadListRow, QualificationRecord, ReferralGiven, ReferralRequestOfLead } from '../store/store.js';
import { isQualification, qualificationJson } from '../render/qualification.js';
import type { LeadAddOptions, LeadCloseOptions, LeadListOptions, LeadShowOptions } from './lead.js';
import { fieldsOf } from './lead.fields.js';
import { printStoredList, stdoutPaint, type ColumnSpec } from '../output/stored-list.js';

// `lead list` and `lead show` stay light (no zod): they must answer within ~100 ms of `leadq --version` on a million leads.

/** `leadq lead add`: a new lead; prints its id (--json: the lead). A company that already exists is exit 65. */
export async function runLeadAdd(ctx: Context, options: LeadAddOptions): Promise<void> {
  const { parseLeadFieldOptions } = await import('./lead.options.js');
  const values = parseLeadFieldOptions(options);
  const company = values.company ?? '';
  const lead = await ctx.store.write(async (tx) => {
    const fields = await fieldsOf(tx, values, undefined);
    return tx.insertLead({ ...fields, company, source: values.source }, ctx.now().toISOString());
  });
  ctx.stdout.write(options.json === true ? JSON.stringify(leadJson(lead), null, 2) + '\n' : `${lead.id}\n`);
}

/** `leadq lead edit`: changes the given fields ('' clears one); a rename onto another lead's company is exit 65. */
export async function runLeadEdit(ctx: Context, ref: string, options: LeadAddOptions): Promise<void> {
  const { parseLeadFieldOptions } = await import('./lead.options.js');
  const values = parseLeadFieldOptions(options);
  if (Object.values(values).every((v) => v === undefined)) throw new UsageError('lead.nothingToEdit', {}, 'lead.hintEdit');
  const lead = await ctx.store.write(
    async (tx) => {
      const current = await resolveLead(tx, ref);
      const fields = await fieldsOf(tx, values, null);
      return tx.updateLead(current, { ...fields, company: values.company, source: values.source }, ctx.now().toISOString());
    },
    { mustExist: true },
  );
  ctx.stdout.write(options.json === true ? JSON.stringify(leadJson(lead), null, 2) + '\n' : terminalLine(t('lead.edited', { id: lead.id, company: lead.company })) + '\n');
}

/** `leadq lead close`: exactly one of --won / --lost. */
export async function runLeadClose(ctx: Context, ref: string, options: LeadCloseOptions): Promise<void> {
  if ((options.won === true) === (options.lost === true)) throw new UsageError('lead.closeOneOf', {}, 'hint.help', { command: 'leadq lead close' });
  const outcome = options.won === true ? 'won' : 'lost';
  const note = options.note?.trim() || null;
  const lead = await ctx.store.write(async (tx) => tx.closeLead((await resolveLead(tx, ref)).id, outcome, note, ctx.now().toISOString()), { mustExist: true });
  ctx.stdout.write(terminalLine(t('lead.closed', { id: lead.id, company: lead.company, status: statusLabel(lead.status) })) + '\n');
}

// The columns of `lead list`, in SPEC order: [key, table header, alignment].
const LIST_COLUMNS: ColumnSpec<LeadListRow> = [
  ['id', 'lead.colId', 'right'],
  ['company', 'col.company', 'left'],
  ['industry', 'col.industry', 'left'],
  ['source', 'col.source', 'left'],
  ['status', 'col.status', 'left'],
  ['score', 'col.score', 'right'],
  ['last_contact', 'col.lastContact', 'left'],
];

/** `leadq lead list`: read-only, streamed in batches so `| head` ends it at once; no data file yet is an empty list. */
export async function runLeadList(ctx: Context, options: LeadListOptions): Promise<void> {
  const filter: LeadFilter = {
    status: options.status as LeadFilter['status'],
    source: options.source as LeadFilter['source'],
    industry: options.industry?.trim() || undefined,
  };
  await printStoredList(ctx, {
    format: options.format,
    header: options.header !== false,
    spec: LIST_COLUMNS,
    read: (tx) => tx.listLeads(filter),
    forTable: humanListRow,
  });
}

/** The table view speaks the user's language: status and source labels, short local times. */
function humanListRow(row: Row): Row {
  return {
    ...row,
    source: sourceLabel(String(row.source)),
    status: statusLabel(String(row.status)),
    last_contact: typeof row.last_contact === 'string' ? shortTime(row.last_contact) : null,
  };
}

/** `leadq lead show`: the lead, its qualification history (newest first), contacts and referrals; --json for scripts. */
export async function runLeadShow(ctx: Context, ref: string, options: LeadShowOptions): Promise<void> {
  const { lead, detail } = await ctx.store.read(async (tx) => {
    const lead = await resolveLead(tx, ref);
    const detail: LeadDetail = {
      referredBy: await tx.referredBy(lead),
      qualifications: await tx.qualificationsOf(lead.id),
      contacts: await tx.contactsOf(lead.id),
      referrals: await tx.referralsGiven(lead.id),
      requests: await tx.referralRequestsOf(lead.id),
    };
    return { lead, detail };
  });
  if (options.json === true) {
      const json = {
        ...leadJson(lead),
        referred_by: detail.referredBy ?? null,
        qualifications: detail.qualifications.map((q) => ({
          id: q.id,
          created_at: q.createdAt,
          verdict: q.verdict,
          score: q.score,
          engine_version: q.engineVersion,
          answers: q.answers,
          // The same shape as `qualify --json` (texts in the chosen language, codes beside them).
          result: isQualification(q.result) ? qualificationJson({ id: lead.id, company: lead.company }, q.result, true) : q.result,
        })),
        contacts: detail.contacts.map((c) => ({ id: c.id, kind: c.kind, at: c.at, note: c.note, created_at: c.createdAt })),
        referrals: detail.referrals,
        referral_requests: detail.requests,
      };
      ctx.stdout.write(JSON.stringify(json, null, 2) + '\n');
      return;
    }
  ctx.stdout.write(renderLead(lead, detail, await stdoutPaint(ctx)));
}

type LeadDetail = {
  readonly referredBy: { readonly id: number; readonly company: string } | undefined;
  readonly qualifications: readonly QualificationRecord[];
  readonly contacts: readonly Contact[];
  readonly referrals: readonly ReferralGiven[];
  readonly requests: readonly ReferralRequestOfLead[];
};

/** The human view of a lead, in the chosen language; every text from data is made terminal-safe (one line each). */
function renderLead(lead: Lead, detail: LeadDetail, paint: Paint): string {
  const safe = (text: string | null) => (text === null ? '' : terminalLine(text));
  const fields: Array<[MessageKey, string | number | null]> = [
    ['lead.fieldStatus', statusLabel(lead.status)],
    ['lead.fieldScore', lead.score],
    ['lead.fieldSource', sourceLabel(lead.source)],
    ['lead.fieldIndustry', lead.industry],
    ['lead.fieldContact', [lead.contact, lead.title].filter((s) => s !== null).join(', ') || null],
    ['lead.fieldPhone', lead.phone],
    ['lead.fieldEmail', lead.email],
    ['lead.fieldCompetitor', lead.competitor],
    ['lead.fieldPartner', lead.partner],
    ['lead.fieldReferredBy', detail.referredBy === undefined ? null : `#${detail.referredBy.id} ${detail.referredBy.company}`],
    ['lead.fieldCreditCode', lead.creditCode],
    ['lead.fieldNotes', lead.notes],
    ['lead.fieldCloseNote', lead.closeNote],
    ['lead.fieldLastContact', lead.lastContactAt === null ? null : shortTime(lead.lastContactAt)],
    ['lead.fieldCreated', shortTime(lead.createdAt)],
  ];
  const shown = fields.filter(([, value]) => value !== null && value !== '').map(([key, value]) => [t(key), safe(String(value))] as const);
  const width = Math.max(...shown.map(([label]) => displayWidth(label)));
  let out = paint.bold(`#${lead.id} ${safe(lead.company)}`) + '\n';
  for (const [label, value] of shown) out += `  ${padDisplay(label, width)}  ${value}\n`;

  const section = (title: MessageKey, lines: readonly string[], empty: string) => {
    out += `\n${paint.bold(t(title))}\n`;
    out += (lines.length === 0 ? [paint.dim(empty)] : lines).map((l) => `  ${l}\n`).join('');
  };
  section(
    'lead.sectionQualifications',
    detail.qualifications.map((q) => `${shortTime(q.createdAt)}  ${padDisplay(statusLabel(q.verdict), 12)}  ${String(q.score).padStart(3)}`),
    t('lead.noQualifications', { id: lead.id }),
  );
  section(
    'lead.sectionContacts',
    detail.contacts.map((c) => [shortTime(c.at), padDisplay(t(`lead.kind.${c.kind}`), 6), safe(c.note)].join('  ').trimEnd()),
    t('lead.noContacts', { id: lead.id }),
  );
  if (detail.referrals.length > 0) {
    section('lead.sectionReferrals', detail.referrals.map((r) => `#${r.lead_id} ${safe(r.company)}  ${statusLabel(r.status)}`), t('lead.none'));
  }
  if (detail.requests.length > 0) {
    section(
      'lead.sectionReferralRequests',
      detail.requests.map((r) => [shortTime(r.asked_at), t('lead.requestLine', { asked: r.asked, received: r.received }), safe(r.note)].join('  ').trimEnd()),
      t('lead.none'),
    );
  }
  return out;
}

function statusLabel(status: LeadStatus | string): string {
  return t(`lead.status.${status}` as MessageKey);
}

function sourceLabel(source: string): string {
  return t(`engine.source.${source}` as MessageKey);
}
