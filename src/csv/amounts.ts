// Amounts as exports write them: a unit in the column's header (预算(万元), 报价（元）, Budget (k), Amount in thousands)
// scales a plain number in the cell (15 in 预算(万元) is 150,000), while a cell that names its own unit keeps it (15万 is
// 15万 in any column); "about" words (约, 左右, ~) are dropped and a range (10-15万) reads as its lower bound, the
// amount that is sure. Everything else is parseMoney's (src/engine/money.ts), which the interview uses too.
import { parseMoney, type MoneyParse } from '../engine/money.js';

/** A money unit named by a header: the factor to a number of currency units, and how the header wrote it. */
export interface MoneyUnit {
  readonly factor: number;
  readonly label: string;
}

// Unit words, the longest first: Chinese counting units and currency, English scale words.
const UNIT_WORDS: ReadonlyArray<readonly [RegExp, number]> = [
  [/千万/u, 1e7],
  [/百万/u, 1e6],
  [/亿/u, 1e8],
  [/万/u, 1e4],
  [/千/u, 1e3],
  [/(?<![a-z])(?:billions?|bn)(?![a-z])/iu, 1e9],
  [/(?<![a-z])(?:millions?|mm|mn|m)(?![a-z])/iu, 1e6],
  [/(?<![a-z])(?:thousands?|k)(?![a-z])|'?000s?|'000/iu, 1e3],
  [/元|块|rmb|cny|usd|eur|gbp|jpy|hkd|[$¥€£]/iu, 1],
];

/** The unit a piece of header text names (万元 → ×10,000, k → ×1,000, 元 → ×1), or undefined when it names none. */
function unitOf(text: string): number | undefined {
  for (const [word, factor] of UNIT_WORDS) if (word.test(text)) return factor;
  return undefined;
}

/** A header split into its name and the money unit it names: 预算(万元) → 预算, ×10,000; a header without one is all name. */
export function splitUnit(header: string): { name: string; unit: MoneyUnit | undefined } {
  const h = header.normalize('NFKC').trim();
  const patterns = [
    // 预算(万元), 报价（元）, Budget (k), Budget ($K), Amount ('000), 预算（单位：万元）, Budget [k€]
    /^(.*?)\s*[([【]\s*(?:单位\s*[:：]?\s*|in\s+)?([^)\]】]{1,20})[)\]】]\s*$/iu,
    // Amount in thousands, Budget in k, Revenue, millions
    /^(.*?)(?:\s*,\s*|\s+in\s+|\s+)((?:usd\s+|eur\s+)?(?:thousands|millions|billions|k|'000|000s))$/iu,
    // 预算/万元, 预算_万元, 预算-万
    /^(.*?)\s*[/_-]\s*((?:单位\s*[:：]?\s*)?(?:千万|百万|亿|万|千)?元|千万|百万|亿|万|千)$/u,
    // 预算万元, 金额千元 (with 元: a bare 万 at the end may be part of the name)
    /^(.*?)((?:千万|百万|亿|万|千)元)$/u,
  ];
  for (const pattern of patterns) {
    const m = pattern.exec(h);
    if (m === null || m[1]!.trim() === '') continue;
    const factor = unitOf(m[2]!);
    if (factor !== undefined) return { name: m[1]!.trim(), unit: { factor, label: m[2]!.trim() } };
  }
  return { name: header, unit: undefined };
}

// "About" words around an amount: 约10万, 10万左右, ~100k, approx. 5000, 20万+, 10万以上, ≥10万.
// At least: ≥10万, 至少10万, at least 100k read as the sure amount, like a range's lower bound.
const ABOUT_BEFORE = /^(?:约|大约|大概|预计|估计|预估|差不多|至少|不少于|不低于|最少|about|around|approx\.?|approximately|ca\.?|circa|at least|min\.?|minimum|~|≈|～|≥|>=|>)\s*/iu;
const ABOUT_AFTER = /\s*(?:左右|上下|以上|以内|以下|之内|多|起|出头|\+|\.\.\.|…)$/u;
// A range: 10-15万, 10~15万, 10到15万, 100k to 150k.
const RANGE = /^(.+?)\s*(?:-|~|～|—|–|到|至|to)\s*(.+)$/iu;
// The unit a cell ends with (one of parseMoney's).
const CELL_UNIT = /(?:百万|千万|亿|万|w|千|k|mm|m|bn|b)$/iu;
// A plain number, with a currency sign or code for decoration, which a header's unit scales (150000元 names its unit: yuan).
const PLAIN = /^(?:[¥$€£]|rmb|cny|usd|eur)?\s*[\d, ]*\.?\d+\s*(?:rmb|cny|usd|eur)?$/iu;

// Digits grouped by dots, maybe with a decimal comma: a European export's 50.000 or 1.234,56 (fifty thousand, not 50:
// a money column never has three decimals). Read as 50000 and 1234.56.
const DOT_GROUPS = /^((?:[¥$€£]|rmb|cny|usd|eur)?\s*)(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?(\s*(?:€|eur|rmb|cny|usd|元)?)$/iu;

/** Reads an amount in a money column whose header names factor (1 when it names none). */
export function readAmount(cell: string, factor = 1): MoneyParse {
  const direct = scaled(europeanGroups(cell), factor);
  if (direct.ok) return direct;
  // Only what parseMoney refuses is looked at again (most amounts are plain: this stays off the hot path).
  const text = cell.normalize('NFKC').trim().replace(ABOUT_BEFORE, '').replace(ABOUT_AFTER, '').trim();
  const range = RANGE.exec(text);
  if (range !== null && !text.startsWith('-')) {
    const [, low = '', high = ''] = range;
    // 10-15万: the unit written once, after the upper bound, is the lower bound's as well.
    const unit = CELL_UNIT.exec(high.trim())?.[0] ?? '';
    const lowText = CELL_UNIT.test(low.trim()) || unit === '' ? low : low.trim() + unit;
    const lower = scaled(lowText, factor);
    if (lower.ok && scaled(high, factor).ok) return lower;
  }
  return text === cell.trim() ? direct : scaled(text, factor);
}

/** 50.000 → 50000, 1.234,56 → 1234.56 (DOT_GROUPS); any other cell as it is. Only cells with a dot before three digits are looked at: every money cell passes here. */
function europeanGroups(cell: string): string {
  if (!DOT_THEN_THREE.test(cell)) return cell;
  const dots = DOT_GROUPS.exec(cell.normalize('NFKC').trim());
  return dots === null ? cell : `${dots[1]}${dots[2]!.replaceAll('.', '')}${dots[3] === undefined ? '' : `.${dots[3]}`}${dots[4]}`;
}

// A dot (or a full-width one) right before three digits: the cheap first look of europeanGroups.
const DOT_THEN_THREE = /[.．][0-9０-９]{3}/u;

/** parseMoney, with the header's factor applied to a plain number. */
function scaled(text: string, factor: number): MoneyParse {
  const parsed = parseMoney(text);
  if (factor === 1 || !parsed.ok || parsed.value === undefined || !PLAIN.test(text.normalize('NFKC').trim())) return parsed;
  return parseMoney(parsed.value * factor);
}
