import type { GateStatus, Verdict } from './types.js';

/** The verdict from the three gates: any fail → disqualified (放手), all pass → precise (精准客户), else qualifying. */
export function verdictOf(statuses: readonly GateStatus[]): Verdict {
  if (statuses.includes('fail')) return 'disqualified';
  return statuses.every((s) => s === 'pass') ? 'precise' : 'qualifying';
}
