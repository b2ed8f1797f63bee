import type { Answers } from '../engine/answers.js';
import type { Qualification, QualifyContext, Verdict } from '../engine/types.js';
import { StoreError } from './errors.js';
import type { QualificationRecord } from './store.js';

// A qualification's result as stored. The engine's result is a pure function of the answers, the context (today,
// a visit logged, the referrer's name) and the method version, so a store need not keep it whole (~940 bytes of JSON a
// row, most of a million-lead import's size and time): a row of the current method may keep only its context, as
// `{"today":"2026-05-04"}`, and the result is computed again, exactly, when it is read. A full result (older rows, and
// those rescore refreshes) is kept and read as it is. The same for every backend.
//
// When METHOD_VERSION changes, rows in the short form cannot be computed again by the new engine: the migration that
// ships a new method must first write their full results, computed by the old engine while it is at hand.

/** The context a short form keeps: what the result depends on beside the answers. */
export type StoredContext = QualifyContext;

/** The short form of a result: its context as JSON (no `method` key, which every full result has). */
export function compactResult(context: StoredContext): string {
  const stored: Record<string, unknown> = { today: context.today };
  if (context.visitLogged) stored.visitLogged = true;
  if (context.referrer !== undefined) stored.referrer = context.referrer;
  return JSON.stringify(stored);
}

/** Whether a stored result (parsed) is the short form. */
export function isCompact(value: object): value is { today: string; visitLogged?: boolean; referrer?: string } {
  return !('method' in value) && typeof (value as { today?: unknown }).today === 'string';
}

/**
 * The engine's result of a stored row: the full result as stored, or the short form computed again from the answers
 * and its context; undefined when a short form belongs to another method than this engine's (it cannot be computed
 * again exactly: a damaged store).
 */
export async function storedResult(value: object, answers: Answers, engineVersion: number): Promise<Qualification | undefined> {
  if (!isCompact(value)) return value as Qualification;
  // The engine loads only when a history is read (lead show, rescore): lead list and top20 list never pay for it.
  const { METHOD_VERSION, qualifyLead } = await import('../engine/qualify.js');
  if (engineVersion !== METHOD_VERSION) return undefined;
  return qualifyLead(answers, { today: value.today, visitLogged: value.visitLogged === true, ...(value.referrer === undefined ? {} : { referrer: value.referrer }) });
}

/** The first next action of a result as a lead keeps it (JSON {code, params}, params left out when it has none: what `leadq today` ranks by), or null. */
export function firstActionJson(result: Qualification): string | null {
  const first = result.nextActions[0];
  if (first === undefined) return null;
  for (const _ in first.params) return JSON.stringify({ code: first.code, params: first.params });
  // Most actions have no params: each code's JSON is made once (an import asks for one per row).
  let json = CODE_ONLY.get(first.code);
  if (json === undefined) CODE_ONLY.set(first.code, (json = JSON.stringify({ code: first.code })));
  return json;
}

/** firstActionJson of an action without params, by its code. */
const CODE_ONLY = new Map<string, string>();

/** A row of `qualifications` as every backend reads it. */
export interface QualificationRow {
  readonly id: number;
  readonly lead_id: number;
  readonly answers: string;
  readonly result: string;
  readonly verdict: Verdict;
  readonly score: number;
  readonly engine_version: number;
  readonly created_at: string;
  readonly by?: string | null;
  readonly lead_print?: string | null;
}

/**
 * A qualification row as a record: its answers parsed, its result parsed or computed again from its short form. A JSON
 * that is not an object, or a short form this engine cannot compute again, means a damaged store (at location).
 */
export async function qualificationOfRow(row: QualificationRow, location: string): Promise<QualificationRecord> {
  const damaged = () => new StoreError('damaged', location, { detail: `qualification ${row.id}` });
  const answers = jsonObject(row.answers) as Answers | undefined;
  const stored = jsonObject(row.result);
  if (answers === undefined || stored === undefined) throw damaged();
  const result = await storedResult(stored, answers, row.engine_version);
  if (result === undefined) throw damaged();
  return {
    id: row.id,
    leadId: row.lead_id,
    answers,
    result,
    verdict: row.verdict,
    score: row.score,
    engineVersion: row.engine_version,
    createdAt: row.created_at,
    by: row.by ?? null,
    leadPrint: row.lead_print ?? null,
  };
}

/** The JSON object text holds; undefined when it is not JSON or not an object. */
export function jsonObject(text: string): object | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
