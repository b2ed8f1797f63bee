import type { Context } from '../../context.js';
import { LEAD_FIELDS, type LeadFieldDef, type LeadFieldName } from '../../domain/lead-fields.js';
import { isClosed } from '../../domain/lead.js';
import { t, type MessageKey } from '../../i18n/index.js';
import type { Paint } from '../../output/color.js';
import { leadJson } from '../../output/lead-json.js';
import { stdoutPaint } from '../../output/stored-list.js';
import { terminalLine } from '../../output/terminal-text.js';
import { localTime as shortTime } from '../../output/time.js';
import { displayWidth, padDisplay } from '../../output/width.js';
import { isQualification, qualificationJson, renderActionLines, renderGateLines, verdictLine } from '../../output/qualification.js';
import { resolveLead } from '../../store/leads.js';
import type { Contact, Lead, QualificationRecord, ReferralGiven, ReferralRequestOfLead } from '../../store/store.js';
import { sourceLabel, statusLabel } from './labels.js';
import type { LeadShowInput } from './spec.js';

/** `leadq lead show`: the lead, its qualification history (newest first), contacts and referrals; --json for scripts. */
export async function handler(ctx: Context, input: LeadShowInput): Promise<void> {
  const ref = input.lead;
  const { lead, detail } = await ctx.store.read(async (tx) => {
    const lead = await resolveLead(tx, ref, { partial: 'take' });
    const detail: LeadDetail = {
      referredBy: await tx.referredBy(lead),
      qualifications: await tx.qualificationsOf(lead.id),
      contacts: await tx.contactsOf(lead.id),
      referrals: await tx.referralsGiven(lead.id),
      requests: await tx.referralRequestsOf(lead.id),
    };
    return { lead, detail };
  });
  if (input.json === true) {
      const json = {
        ...leadJson(lead),
        referred_by: detail.referredBy ?? null,
        qualifications: detail.qualifications.map((q) => ({
          id: q.id,
          created_at: q.createdAt,
          by: q.by,
          verdict: q.verdict,
          score: q.score,
          engine_version: q.engineVersion,
          answers: q.answers,
          // The same shape as `qualify --json` (texts in the chosen language, codes beside them).
          result: isQualification(q.result) ? qualificationJson({ id: lead.id, company: lead.company }, q.result, true) : q.result,
        })),
        contacts: detail.contacts.map((c) => ({ id: c.id, kind: c.kind, at: c.at, note: c.note, created_at: c.createdAt, by: c.by })),
        referrals: detail.referrals,
        referral_requests: detail.requests,
      };
      ctx.stdout.write(JSON.stringify(json, null, 2) + '\n');
      return;
    }
  ctx.stdout.write(renderLead(lead, detail, await stdoutPaint(ctx)));
}

// The order lead show lists the labelled lead fields in; a field not named here comes after them, in the table's order.
const SHOWN: readonly LeadFieldName[] = ['source', 'industry', 'contact', 'phone', 'email', 'competitor', 'partner', 'referrerId', 'creditCode', 'notes'];

function shownAt(name: LeadFieldName): number {
  const i = SHOWN.indexOf(name);
  return i === -1 ? SHOWN.length : i;
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
  // Each lead field with a label, in SHOWN order (a field added to the table comes after these), as people read it.
  const value = (field: LeadFieldDef): string | number | null => {
    switch (field.name) {
      case 'source':
        return sourceLabel(lead.source);
      case 'contact':
        return [lead.contact, lead.title].filter((s) => s !== null).join(', ') || null;
      case 'referrerId':
        return detail.referredBy === undefined ? null : `#${detail.referredBy.id} ${detail.referredBy.company}`;
      default:
        return lead[field.name as LeadFieldName];
    }
  };
  const labelled = LEAD_FIELDS.filter((f): f is typeof f & { label: MessageKey } => 'label' in f);
  const ordered = [...labelled].sort((a, b) => shownAt(a.name) - shownAt(b.name));
  const fields: Array<[MessageKey, string | number | null]> = [
    ['lead.fieldStatus', statusLabel(lead.status)],
    ['lead.fieldScore', lead.score],
    ...ordered.map((f): [MessageKey, string | number | null] => [f.label, value(f)]),
    // Kept when the lead is reopened (a new close replaces it): then it is the note of the last close, said so.
    [isClosed(lead.status) ? 'lead.fieldCloseNote' : 'lead.fieldLastCloseNote', lead.closeNote],
    ['lead.fieldLastContact', lead.lastContactAt === null ? null : shortTime(lead.lastContactAt)],
    ['lead.fieldFollowUp', lead.followUpOn],
    ['lead.fieldCreated', shortTime(lead.createdAt)],
  ];
  const shown = fields.filter(([, value]) => value !== null && value !== '').map(([key, value]) => [t(key), safe(String(value))] as const);
  const width = Math.max(...shown.map(([label]) => displayWidth(label)));
  let out = paint.bold(`#${lead.id} ${safe(lead.company)}`) + '\n';
  // The latest verdict first (SPEC v2): what the lead is and what to do next, before the record.
  const latest = detail.qualifications[0];
  if (latest !== undefined && isQualification(latest.result)) {
    out += `\n${paint.bold(t('lead.sectionLatest', { at: shortTime(latest.createdAt) }))}\n`;
    out += `  ${verdictLine(latest.result, paint)}\n`;
    out += [...renderGateLines(latest.result, paint, '  '), ...renderActionLines(latest.result, paint, '  ')].map((l) => `${l}\n`).join('');
    out += '\n';
  }
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

