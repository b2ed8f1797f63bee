import type { LeadSort } from './store.js';

// The orders of `lead list` as SQL, for every backend (sqlite/leads.ts, postgres/store.ts). Each is served by an index
// — (status, score DESC, id), (updated_at, id), and (last_contact_at, id) of the leads ever contacted — so `| head`
// stays instant on a million leads. By last contact, the leads never contacted come first (as SQLite orders NULL) in id
// order, then the others through the index: two queries, one after the other.

/**
 * The SELECTs of `lead list` in an order, to run one after the other with the same parameters: the filter's terms
 * (where), and how the backend orders scores highest first, NULL last (scoreDesc).
 */
export function listSqls(where: readonly string[], sort: LeadSort, scoreDesc: string): string[] {
  return parts(sort, scoreDesc).map(([term, orderBy]) => {
    const terms = term === undefined ? where : [...where, term];
    return `SELECT id, company, industry, source, status, score, last_contact_at AS last_contact FROM leads
    ${terms.length === 0 ? '' : `WHERE ${terms.join(' AND ')}`} ORDER BY ${orderBy}`;
  });
}

/** The queries of an order: the term each adds to the filter's (none: every lead) and its ORDER BY. */
function parts(sort: LeadSort, scoreDesc: string): ReadonlyArray<readonly [term: string | undefined, orderBy: string]> {
  switch (sort) {
    case 'id':
      return [[undefined, 'id']];
    case 'score':
      return [[undefined, `${scoreDesc}, id`]];
    case 'updated':
      return [[undefined, 'updated_at, id']];
    case 'last_contact':
      return [
        ['last_contact_at IS NULL', 'id'],
        ['last_contact_at IS NOT NULL', 'last_contact_at, id'],
      ];
  }
}
