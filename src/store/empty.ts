import { SOURCES } from '../engine/enums.js';
import { VERDICTS } from '../engine/types.js';
import type { ReadTx, ReferralTotals } from './store.js';

// What reading a store that does not exist yet finds, the same for every backend.

const none = async () => undefined;
const nothing = async () => [];
async function* noBatches<T>(): AsyncIterable<readonly T[]> {}

/** A store that does not exist yet, read: every query finds nothing (and the report counts zeros). */
export const EMPTY: ReadTx = {
  exists: false,
  getLead: none,
  leadByCompanyKey: none,
  leadByCreditCode: none,
  leadsWithKeyContaining: nothing,
  searchLeads: nothing,
  listLeads: noBatches,
  worklist: noBatches,
  qualificationsOf: nothing,
  latestQualification: none,
  latestOfOpenLeads: nothing,
  openLeadsScoredBefore: async () => 0,
  contactsOf: nothing,
  visitLogged: async () => false,
  getContact: none,
  referralOf: none,
  referredBy: none,
  referralsGiven: nothing,
  referralRequestsOf: nothing,
  openReferralRequestId: none,
  referralRequest: none,
  listReferralRequests: noBatches,
  listTop20: noBatches,
  sourceFigures: async () => SOURCES.map((source) => ({ source, leads: 0, precise: 0, disqualified: 0, visits: 0, won: 0 })),
  referralTotals: async (): Promise<ReferralTotals> => ({ requests: 0, asked: 0, received: 0, unrequested: 0 }),
  trackRecord: async () => VERDICTS.map((verdict) => ({ verdict, closed: 0, won: 0 })),
  isEmpty: async () => true,
  tableRows: noBatches,
};
