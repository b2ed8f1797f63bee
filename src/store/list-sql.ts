import type { LeadSort } from './store.js';

// The orders of `lead list` as SQL, for every backend (sqlite/leads.ts, postgres/store.ts). Each is served by an index
// — (status, score DESC, id), (updated_at, id), and (last_contact_at, id) of the leads ever contacted — so `| head`
// stays instant on a million leads. By last contact, the leads never contacted come first (as SQLite orders NULL) in id
// order, then the others through the index: two queries, one after the other.

/** One query of an order: the term it adds to the filter's (none: every lead) and its ORDER BY. */
export type ListPart = readonly [term: string | undefined, orderBy: string];

/** The queries of an order, run one after the other; scoreDesc: how the backend orders scores highest first, NULL last. */
export function listParts(sort: LeadSort, scoreDesc: string): readonly ListPart[] {
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

/** The SELECT of `lead list` for one part, the filter's terms given. */
export function listSql(where: readonly string[], [term, orderBy]: ListPart): string {
  const terms = term === undefined ? where : [...where, term];
  return `SELECT id, company, industry, source, status, score, last_contact_at AS last_contact FROM leads
    ${terms.length === 0 ? '' : `WHERE ${terms.join(' AND ')}`} ORDER BY ${orderBy}`;
}
