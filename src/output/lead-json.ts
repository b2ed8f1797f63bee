import type { Lead } from '../store/store.js';

/** A lead as JSON (snake_case keys, like the list columns): what `lead add --json` prints and `lead show --json` starts with. */
export function leadJson(lead: Lead): Record<string, string | number | null> {
  return {
    id: lead.id,
    company: lead.company,
    company_key: lead.companyKey,
    credit_code: lead.creditCode,
    contact: lead.contact,
    title: lead.title,
    phone: lead.phone,
    email: lead.email,
    industry: lead.industry,
    source: lead.source,
    competitor: lead.competitor,
    partner: lead.partner,
    referrer_id: lead.referrerId,
    notes: lead.notes,
    status: lead.status,
    score: lead.score,
    close_note: lead.closeNote,
    last_contact: lead.lastContactAt,
    created_at: lead.createdAt,
    updated_at: lead.updatedAt,
  };
}
