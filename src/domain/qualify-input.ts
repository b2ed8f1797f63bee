import type { Answers } from '../engine/answers.js';
import type { Source } from '../engine/enums.js';
import { givenText } from '../engine/text.js';
import type { QualifyContext } from '../engine/types.js';

// The engine's input for one qualification, the same for `qualify --answers`, the interview and `db rescore`: the
// answers, completed from the stored lead where they say nothing, and what the shell knows beyond them.

/** What the rules need to know about a stored lead beyond its answers: its source and names, and whether it was visited. */
export interface LeadFacts {
  readonly source: Source;
  readonly competitor: string | null;
  readonly partner: string | null;
  /** The company of the lead that referred this one, if any. */
  readonly referrer: string | undefined;
  readonly visitLogged: boolean;
}

/** The answers and the context the engine takes. */
export interface QualifyInput {
  readonly answers: Answers;
  readonly context: QualifyContext;
}

/**
 * Completes answers from the stored lead (undefined for a new one): its source, competitor and partner where the
 * answers name none (they are part of its score and next moves), and whether a visit is logged. referrer is the
 * company of the referrer the answers name, when they name one; else the stored lead's referrer.
 */
export function qualifyInput(given: Answers, stored: LeadFacts | undefined, today: string, referrer?: string): QualifyInput {
  const lead = given.lead ?? {};
  const completed = {
    ...lead,
    source: lead.source ?? stored?.source,
    competitor: orStored(lead.competitor, stored?.competitor),
    partner: orStored(lead.partner, stored?.partner),
  };
  // Only what was given or stored is added: answers about a new lead stay as they were written.
  const filled = Object.fromEntries(Object.entries(completed).filter(([, value]) => value !== undefined)) as NonNullable<Answers['lead']>;
  const answers: Answers = Object.keys(filled).length === 0 && given.lead === undefined ? given : { ...given, lead: filled };
  return { answers, context: { today, visitLogged: stored?.visitLogged ?? false, referrer: referrer ?? stored?.referrer } };
}

/** A name as the answers give it, or the stored one when they give none (blank included). */
function orStored(given: string | undefined, stored: string | null | undefined): string | undefined {
  return givenText(given) === undefined ? (stored ?? given) : given;
}

/**
 * The name to show for a referrer the answers give as a `<lead>` reference: the stored lead's company when found,
 * else the text as typed (a dry run without a data file), but never bare digits (an id names nobody).
 */
export async function referrerName(ref: string | number | undefined, findCompany: (ref: string) => Promise<string | undefined>): Promise<string | undefined> {
  const text = ref === undefined ? undefined : givenText(String(ref));
  if (text === undefined) return undefined;
  return (await findCompany(text)) ?? (/^[#＃]?[0-9０-９]+$/u.test(text) ? undefined : text);
}
