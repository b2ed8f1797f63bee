/** Why a money input was refused; the shell turns it into text ('engine.money.<reason>'). */
export type MoneyProblem = 'garbage' | 'negative' | 'tooLarge';

export type MoneyParse = { ok: true; value: number | undefined } | { ok: false; problem: MoneyProblem };

// Multipliers for the unit suffixes reps type: 100k, 10万, 10w, 1.5亿, 1.2m, 3千, 2百万.
const UNIT: ReadonlyArray<readonly [RegExp, number]> = [
  [/(?:百万)$/u, 1e6],
  [/(?:千万)$/u, 1e7],
  [/(?:亿)$/u, 1e8],
  [/(?:万|w)$/iu, 1e4],
  [/(?:千|k)$/iu, 1e3],
  [/(?:mm|m)$/iu, 1e6],
  [/(?:bn|b)$/iu, 1e9],
];
const CURRENCY = /^(?:[¥￥$]|rmb|cny|usd|eur|€)\s*|\s*(?:元|块|rmb|cny|usd|eur|€)$/giu;
const MAX = 1e15;

/**
 * Parses an amount of money as reps write it: 100000, "100,000", "¥100000", "100k", "10万", "10w",
 * "1.5亿", "1.2m". An empty string is "not given" (value undefined). Negative and garbage are refused.
 */
export function parseMoney(input: number | string | null | undefined): MoneyParse {
  if (input === null || input === undefined) return { ok: true, value: undefined };
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, problem: 'garbage' };
    if (input < 0) return { ok: false, problem: 'negative' };
    if (input > MAX) return { ok: false, problem: 'tooLarge' };
    return { ok: true, value: roundCents(input) };
  }
  let s = input.normalize('NFKC').trim().replace(/[\s,_']/gu, '');
  if (s === '') return { ok: true, value: undefined };
  let negative = false;
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = true;
    s = s.slice(1);
  }
  s = s.replace(CURRENCY, '');
  if (s.startsWith('-')) {
    negative = true;
    s = s.slice(1);
  }
  let factor = 1;
  for (const [suffix, mult] of UNIT) {
    if (suffix.test(s)) {
      factor = mult;
      s = s.replace(suffix, '');
      break;
    }
  }
  if (!/^(?:\d+(?:\.\d*)?|\.\d+)$/u.test(s)) return { ok: false, problem: 'garbage' };
  const value = Number(s) * factor;
  if (!Number.isFinite(value)) return { ok: false, problem: 'garbage' };
  if (negative && value !== 0) return { ok: false, problem: 'negative' };
  if (value > MAX) return { ok: false, problem: 'tooLarge' };
  return { ok: true, value: roundCents(value) };
}

function roundCents(n: number): number {
  return Math.round(n * 100) / 100;
}
