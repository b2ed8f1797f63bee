import type { Answers, Source } from './answers.js';
import { action, namedAction } from './codes.js';
import type { GateStatus, NextAction, QualifyContext } from './types.js';

type GateName = 'need' | 'kp' | 'payment';

/** One lead source's own next move: the gates it helps with, and the move (naming the competitor, referrer or partner when known). */
interface SourceMove {
  readonly helpsWith: readonly GateName[];
  readonly move: (answers: Answers, context: QualifyContext) => NextAction;
}

/**
 * Each source's own next move (METHOD v2), one row per source the article names: a competitor's customer dislikes
 * something about what they have (your chance); a referrer and a channel partner know the company's need and who
 * signs; a top-20 company is researched before the visit. Cold, inbound and other have no move of their own.
 */
export const SOURCE_MOVES: Readonly<Partial<Record<Source, SourceMove>>> = {
  competitor_customer: { helpsWith: ['need'], move: (a) => namedAction('find_competitor_dislikes', 'competitor', a.lead?.competitor) },
  referral: { helpsWith: ['need', 'kp'], move: (_, context) => namedAction('ask_referrer', 'referrer', context.referrer) },
  channel: { helpsWith: ['need', 'kp'], move: (a) => namedAction('ask_partner', 'partner', a.lead?.partner) },
  top20: { helpsWith: ['need', 'kp', 'payment'], move: () => action('research_top20') },
};

/** The source's own move while a gate it helps with is still open (not passed); none otherwise. */
export function sourceMoveOf(answers: Answers, context: QualifyContext, statuses: Readonly<Record<GateName, GateStatus>>): NextAction[] {
  const source = answers.lead?.source;
  const row = source === undefined ? undefined : SOURCE_MOVES[source];
  if (row === undefined || row.helpsWith.every((gate) => statuses[gate] === 'pass')) return [];
  return [row.move(answers, context)];
}
