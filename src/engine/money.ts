/** Why a money input was refused; the shell turns it into text ('engine.money.<reason>'). */
export type MoneyProblem = 'garbage' | 'negative' | 'tooLarge';

export type MoneyParse = { ok: true; value: number | undefined } | { ok: false; problem: MoneyProblem };

// Multipliers for the unit suffixes reps type: 100k, 10万, 10w, 1.5亿, 1.2m, 3千, 2百万, 1.2 million (a space before the
// unit is fine).
const UNIT: ReadonlyArray<readonly [RegExp, number]> = [
  [/\s*thousands?$/iu, 1e3],
  [/\s*(?:millions?|mn)$/iu, 1e6],
  [/\s*billions?$/iu, 1e9],
  [/\s*百万$/u, 1e6],
  [/\s*千万$/u, 1e7],
  [/\s*亿$/u, 1e8],
  [/\s*(?:万|w)$/iu, 1e4],
  [/\s*(?:千|k)$/iu, 1e3],
  [/\s*(?:mm|m)$/iu, 1e6],
  [/\s*(?:bn|b)$/iu, 1e9],
];
const CURRENCY = /^(?:[¥$€]|rmb|cny|usd|eur)\s*|\s*(?:元|块|rmb|cny|usd|eur|€)$/giu;
// Digits, optionally grouped in threes by commas or by spaces (100,000.50, 100 000: NFKC makes a no-break or thin
// space a space), or Excel's scientific notation (1.2E+05); "1,2,3", "100,00", "1 2" and "1,000 000" are not amounts.
const NUMBER = /^(?:(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d+)?(?:\.\d+)?|\d+(?:\.\d+)?e\+?\d{1,2})$/iu;
const MAX = 1e15;

/**
 * Parses an amount of money as reps write it: 100000, "100,000", "¥100000", "100k", "10万", "10w",
 * "1.5亿", "1.2m", "1.2 million", "100 000", "1.2E+05". An empty string is "not given" (value undefined). Negative and garbage are refused.
 */
export function parseMoney(input: number | string | null | undefined): MoneyParse {
  if (input === null || input === undefined) return { ok: true, value: undefined };
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, problem: 'garbage' };
    if (input < 0) return { ok: false, problem: 'negative' };
    if (input > MAX) return { ok: false, problem: 'tooLarge' };
    return { ok: true, value: roundCents(input) };
  }
  // NFKC folds full-width digits, ￥ and ，; the Unicode minus is a minus too.
  let s = input.normalize('NFKC').replace(/\u2212/gu, '-').trim();
  if (s === '') return { ok: true, value: undefined };
  let negative = false;
  const unsign = () => {
    if (s.startsWith('-')) {
      negative = true;
      s = s.slice(1).trim();
    }
  };
  unsign();
  s = s.replace(CURRENCY, '').trim();
  unsign();
  let factor = 1;
  for (const [suffix, mult] of UNIT) {
    if (suffix.test(s)) {
      factor = mult;
      s = s.replace(suffix, '');
      break;
    }
  }
  if (s === '' || s === '.' || !NUMBER.test(s)) return { ok: false, problem: 'garbage' };
  const value = Number(s.replace(/[, ]/gu, '')) * factor;
  if (!Number.isFinite(value)) return { ok: false, problem: 'garbage' };
  if (negative && value !== 0) return { ok: false, problem: 'negative' };
  if (value > MAX) return { ok: false, problem: 'tooLarge' };
  return { ok: true, value: roundCents(value) };
}

function roundCents(n: number): number {
  return Math.round(n * 100) / 100;
}
