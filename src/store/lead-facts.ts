import type { Source } from '../engine/enums.js';
import { visitLogged } from './contacts.js';
import type { Db } from './db.js';
import { referredBy } from './lead-view.js';
import type { Lead } from './leads.js';

/** What the rules need to know about a stored lead beyond its answers: its source and names, and whether it was visited. */
export interface LeadFacts {
  readonly source: Source;
  readonly competitor: string | null;
  readonly partner: string | null;
  /** The company of the lead that referred this one, if any. */
  readonly referrer: string | undefined;
  readonly visitLogged: boolean;
}

/** The facts of a stored lead (read-only). */
export function leadFacts(db: Db, lead: Lead): LeadFacts {
  return {
    source: lead.source,
    competitor: lead.competitor,
    partner: lead.partner,
    referrer: referredBy(db, lead)?.company,
    visitLogged: visitLogged(db, lead.id),
  };
}
