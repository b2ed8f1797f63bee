import { isoDateOf } from '../engine/dates.js';
import { parseMoney } from '../engine/money.js';
import { t } from '../i18n/index.js';
import { formatMoney, textOf } from '../output/qualification.js';

// How typed text becomes an answer, shared by every Prompter: each returns the value or the reason it is refused.

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** An amount as reps type it (10万, 5w, 1.2m, ¥100,000); '' is "not known yet". */
export function moneyAnswer(text: string): Parsed<number | undefined> {
  const parsed = parseMoney(text);
  if (parsed.ok) return { ok: true, value: parsed.value };
  return { ok: false, reason: textOf(`engine.money.${parsed.problem}`, { input: text.trim() }) };
}

/** An amount shown back to the rep as the language says it (formatMoney): 100,000 in English, 10万 in Chinese. */
export function moneyEcho(value: number): string {
  return formatMoney(value);
}

/** A date as YYYY-MM-DD; 2025/6/30 and 2025.6.30 are accepted too; '' is "not known yet". */
export function dateAnswer(text: string): Parsed<string | undefined> {
  const s = text.normalize('NFKC').trim();
  if (s === '') return { ok: true, value: undefined };
  const iso = isoDateOf(s);
  return iso === undefined ? { ok: false, reason: t('interview.dateInvalid', { input: s }) } : { ok: true, value: iso };
}

/** A whole number within min..max; outside the range the given reason is the refusal. */
export function wholeNumberAnswer(text: string, min: number, max: number, outOfRange: string): Parsed<number> {
  const s = text.normalize('NFKC').trim();
  if (!/^-?\d+$/u.test(s)) return { ok: false, reason: t('interview.numberInvalid', { input: s }) };
  const n = Number(s);
  return n < min || n > max ? { ok: false, reason: outOfRange } : { ok: true, value: n };
}
