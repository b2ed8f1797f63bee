import type { WorklistQuery } from '../../domain/today.js';
import type { WorklistRow } from '../store.js';
import { worklistQueries } from '../today-sql.js';
import { prepared, type Db } from './db.js';
import { msOf, withIsoTimes } from './times.js';

// `leadq today` on the data file: the queries of store/today-sql.ts, run one after the other, the cut-offs as named
// parameters.
const QUERIES = worklistQueries({
  today: '@today',
  qualifiedBefore: '@qualifiedBefore',
  askedBefore: '@askedBefore',
  contactedBefore: '@contactedBefore',
  owner: '@owner',
  scoreDesc: 'l.score DESC',
  prefix: '',
  from: '',
  nullOf: () => 'NULL',
  indexedBy: (index) => ` INDEXED BY ${index}`,
});

/** Today's list, reason after reason, each in its order (a lazy iterator: stopping early runs no further query). */
export function* worklist(db: Db, query: WorklistQuery): IterableIterator<WorklistRow> {
  // The cut-offs as the data file keeps times (milliseconds); today is a day, as follow-up days are kept.
  const params = {
    today: query.today,
    qualifiedBefore: msOf(query.qualifiedBefore),
    askedBefore: msOf(query.askedBefore),
    contactedBefore: msOf(query.contactedBefore),
    owner: query.owner ?? null,
  };
  for (const [reason, sql] of QUERIES) {
    const statement = prepared(db, sql);
    // Each query names only the cut-offs it uses.
    const used = Object.fromEntries(Object.entries(params).filter(([name]) => sql.includes(`@${name}`)));
    for (const row of statement.iterate(used) as IterableIterator<Omit<WorklistRow, 'reason'>>) yield { ...withIsoTimes(row), reason };
  }
}
