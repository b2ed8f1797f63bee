import { LEAD_FIELDS } from '../domain/lead-fields.js';
import type { Lead } from '../store/store.js';

// The fields of the lead fields table that tell which company a lead is come first, then the others in the table's
// order, each under its column's name.
const IDENTITY = new Set(['company', 'creditCode']);
const OTHER_FIELDS = LEAD_FIELDS.filter((f) => !IDENTITY.has(f.name));

/** A lead as JSON (snake_case keys, like the list columns): what `lead add --json` prints and `lead show --json` starts with. */
export function leadJson(lead: Lead): Record<string, string | number | null> {
  const json: Record<string, string | number | null> = { id: lead.id, company: lead.company, company_key: lead.companyKey, credit_code: lead.creditCode };
  for (const field of OTHER_FIELDS) json[field.column] = lead[field.name];
  return {
    ...json,
    status: lead.status,
    score: lead.score,
    close_note: lead.closeNote,
    last_contact: lead.lastContactAt,
    follow_up_on: lead.followUpOn,
    created_at: lead.createdAt,
    updated_at: lead.updatedAt,
  };
}
