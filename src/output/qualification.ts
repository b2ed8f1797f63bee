import type { Qualification, CodeParams, GateStatus, Verdict } from '../engine/types.js';
import { getLang, isMessageKey, t, type Lang, type Params } from '../i18n/index.js';
import type { Paint } from './color.js';
import { terminalLine } from './terminal-text.js';

// Turns the engine's codes into the SPEC's JSON shape and the human view, in the chosen language.

/** Enum-valued parameters are shown with their label ('vp' → 'VP' / '副总'), numbers with thousands separators. */
const ENUM_PARAMS: Readonly<Record<string, string>> = {
  role: 'engine.role.',
  decider: 'engine.decider.',
  source: 'engine.source.',
  kind: 'engine.needKind.',
  funds: 'engine.funds.',
  recognizesValue: 'engine.recognizesValue.',
  gate: 'engine.gate.',
};

// Made only for an amount twoDecimals leaves to Intl (NaN, ∞, 1e21 or more): the first Intl.NumberFormat of a process
// loads ICU's number data (~10 ms of every command that shows an amount: lead show, qualify).
let formats: { readonly number: Intl.NumberFormat; readonly plain: Intl.NumberFormat } | undefined;
function moneyFormats(): NonNullable<typeof formats> {
  return (formats ??= {
    number: new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }),
    plain: new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, useGrouping: false }),
  });
}

/**
 * n to at most two decimals, with thousands separators or without: what Intl.NumberFormat('en-US',
 * { maximumFractionDigits: 2 }) writes. Intl rounds the number's shortest decimal digits (String(n): 0.015, though
 * the double is a hair below it, is 0.02), a half away from zero, and so does this; NaN, ∞ and 1e21 or more (written
 * with an exponent) go to Intl.
 */
export function twoDecimals(n: number, grouping: boolean): string {
  if (!(Math.abs(n) < 1e21)) {
    const { number, plain } = moneyFormats();
    return (grouping ? number : plain).format(n);
  }
  const negative = n < 0 || Object.is(n, -0);
  const digits = String(Math.abs(n));
  // Under a millionth (written 1e-7 …): nothing to the cent.
  let [whole = '0', cents = ''] = digits.includes('e') ? ['0'] : digits.split('.');
  if (cents.length > 2) {
    const up = cents.charCodeAt(2) >= 53; // '5'
    cents = cents.slice(0, 2);
    if (up) {
      const sum = String(BigInt(whole + cents) + 1n).padStart(whole.length + 2, '0');
      whole = sum.slice(0, -2);
      cents = sum.slice(-2);
    }
  }
  cents = cents.replace(/0+$/, '');
  if (grouping) whole = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${negative ? '-' : ''}${whole}${cents === '' ? '' : `.${cents}`}`;
}

/**
 * A count of 万 (places 4) or 亿 (places 8), as exact as the amount to its two decimals: 123,456 is 12.3456万,
 * 149,995,000 1.49995亿. The decimal point of the amount's own digits is moved (dividing by 1e8 first rounds amounts
 * of 10 trillion and more a cent off: 99,999,999,999,999.99 / 1e8 is 999999.9999999998…).
 */
function countOf(shown: string, negative: boolean, places: number): string {
  const [whole = '0', cents = ''] = shown.split('.');
  const digits = whole.padStart(places + 1, '0');
  const head = digits.slice(0, digits.length - places);
  const tail = `${digits.slice(digits.length - places)}${cents}`.replace(/0+$/, '');
  return `${negative ? '-' : ''}${head}${tail === '' ? '' : `.${tail}`}`;
}

/**
 * Formats an amount of money the way a rep of the language says it (SPEC v2): English 100000 → "100,000"; Chinese in
 * 万 and 亿 (120000 → "12万", 150000000 → "1.5亿"), below 1万 as the plain number (5000).
 */
export function formatMoney(n: number, lang: Lang = getLang()): string {
  if (lang !== 'zh') return twoDecimals(n, true);
  // The unit is chosen by the amount as shown (to the cent): 9,999.995 is 1万, not 10000.
  const shown = twoDecimals(Math.abs(n), false);
  const size = Number(shown);
  if (size >= 1e8) return `${countOf(shown, n < 0, 8)}亿`;
  if (size >= 1e4) return `${countOf(shown, n < 0, 4)}万`;
  return twoDecimals(n, false);
}

// Number parameters that are not money: a percentage, and counts.
const NOT_MONEY = new Set(['percent', 'count', 'total']);

/** The params of a message as shown: money in the language's units, codes as text; a budget under half a percent of the price is "<1%", not "0%". */
function localParams(params: CodeParams): Params {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    const prefix = ENUM_PARAMS[name];
    // A reason inside an action ("need fails: <reason>") is that reason's text, with the action's other params.
    if (name === 'reason' && typeof value === 'string') out[name] = codeText('engine.reason.', value, withoutReason(params));
    else if (name === 'percent' && value === 0 && typeof params.budget === 'number' && params.budget > 0) out[name] = '<1';
    else if (typeof value === 'number') out[name] = NOT_MONEY.has(name) ? String(value) : formatMoney(value);
    else if (prefix !== undefined) out[name] = textOf(prefix + value, {}, value);
    else out[name] = value;
  }
  return out;
}

function withoutReason(params: CodeParams): CodeParams {
  const { reason: _reason, ...rest } = params;
  return rest;
}

/** Text of a message key built from a code; the code itself when the table lacks it (never throws). */
export function textOf(key: string, params: Params = {}, fallback = key): string {
  return isMessageKey(key) ? t(key, params) : fallback;
}

/** The message of an engine code under a prefix ('engine.action.' …), with its parameters filled in. */
export function codeText(prefix: string, code: string, params: CodeParams = {}): string {
  return textOf(prefix + code, localParams(params), code);
}

/** The SPEC's `--json` result for one qualification. */
export interface QualificationJson {
  lead: { id: number | null; company: string };
  /** The method version (docs/method.md) the result was made by. */
  method: number;
  verdict: Verdict;
  score: number;
  gates: {
    need: GateJson;
    kp: GateJson;
    payment: GateJson & { ability: string; willingness: string };
  };
  breakdown: { factor: string; points: number; label: string }[];
  nextActions: { code: string; message: string }[];
  saved: boolean;
}

interface GateJson {
  status: GateStatus;
  /** Each reason as text in the chosen language. */
  reasons: string[];
  /** The same reasons as stable codes, for scripts. */
  reasonCodes: string[];
}

function gateJson(gate: Qualification['gates']['need']): GateJson {
  return {
    status: gate.status,
    reasons: gate.reasons.map((r) => codeText('engine.reason.', r.code, r.params)),
    reasonCodes: gate.reasons.map((r) => r.code),
  };
}

/** Whether a result read back from the data file has the engine's shape (a damaged or foreign row is shown as it is). */
export function isQualification(value: unknown): value is Qualification {
  const r = value as Partial<Qualification> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.verdict === 'string' &&
    typeof r.score === 'number' &&
    typeof r.gates?.need?.status === 'string' &&
    typeof r.gates.kp?.status === 'string' &&
    typeof r.gates.payment?.status === 'string' &&
    Array.isArray(r.breakdown) &&
    Array.isArray(r.nextActions)
  );
}

/** Builds the SPEC's JSON shape (reasons and messages in the chosen language, codes in English). */
export function qualificationJson(lead: { id: number | null; company: string }, result: Qualification, saved: boolean): QualificationJson {
  return {
    lead: { id: lead.id, company: lead.company },
    // Results stored before method 2 carry no method: they were made by method 1.
    method: result.method ?? 1,
    verdict: result.verdict,
    score: result.score,
    gates: {
      need: gateJson(result.gates.need),
      kp: gateJson(result.gates.kp),
      payment: { ...gateJson(result.gates.payment), ability: result.gates.payment.ability, willingness: result.gates.payment.willingness },
    },
    breakdown: result.breakdown.map((f) => ({ factor: f.factor, points: f.points, label: codeText('engine.factor.', f.factor, f.params) })),
    nextActions: result.nextActions.map((a) => ({ code: a.code, message: codeText('engine.action.', a.code, a.params) })),
    saved,
  };
}

const STATUS_MARK: Readonly<Record<GateStatus, string>> = { pass: '✔', unknown: '?', fail: '✘' };

/** The three gates, each with its status and reasons (one line each, indented by indent). */
export function renderGateLines(result: Qualification, paint: Paint, indent = ''): string[] {
  const safeText = (prefix: string, code: string, params?: CodeParams) => terminalLine(codeText(prefix, code, params));
  const statusColor = (s: GateStatus) => (s === 'pass' ? paint.green : s === 'fail' ? paint.red : paint.yellow);
  const lines: string[] = [];
  const gates = [
    ['need', result.gates.need],
    ['kp', result.gates.kp],
    ['payment', result.gates.payment],
  ] as const;
  for (const [name, gate] of gates) {
    const status = statusColor(gate.status)(`${STATUS_MARK[gate.status]} ${safeText('engine.status.', gate.status)}`);
    let head = `${safeText('engine.gate.', name)}: ${status}`;
    if (name === 'payment') {
      head += paint.dim(
        `  (${textOf('engine.ability', {}, 'ability')}: ${safeText('engine.tri.', result.gates.payment.ability)}, ${textOf('engine.willingness', {}, 'willingness')}: ${safeText('engine.tri.', result.gates.payment.willingness)})`,
      );
    }
    lines.push(indent + head);
    for (const r of gate.reasons) lines.push(`${indent}    - ${safeText('engine.reason.', r.code, r.params)}`);
  }
  return lines;
}

/** The next actions, numbered, under their title. */
export function renderActionLines(result: Qualification, paint: Paint, indent = ''): string[] {
  return [
    indent + paint.bold(t('qualify.actionsTitle')),
    ...result.nextActions.map((a, i) => `${indent}  ${i + 1}. ${terminalLine(codeText('engine.action.', a.code, a.params))}`),
  ];
}

/** The verdict and score on one line, coloured by verdict. */
export function verdictLine(result: Qualification, paint: Paint): string {
  const verdictColor = result.verdict === 'precise' ? paint.green : result.verdict === 'disqualified' ? paint.red : paint.yellow;
  return `${verdictColor(terminalLine(codeText('engine.verdict.', result.verdict)))}  ${t('qualify.scoreLine', { score: result.score })}`;
}

/**
 * The human view: verdict, the three gates with reasons, the score with its breakdown, the next actions. The company
 * and the texts filled from answers (a KP's name, a competitor) are data: made terminal-safe before they are coloured.
 */
export function renderQualificationText(
  lead: { id: number | null; company: string },
  result: Qualification,
  paint: Paint,
  saved: { saved: boolean; note?: string },
): string {
  const safeText = (prefix: string, code: string, params?: CodeParams) => terminalLine(codeText(prefix, code, params));
  const lines: string[] = [];
  const company = lead.company === '' ? '' : `${terminalLine(lead.company)}${lead.id === null ? '' : ` (#${lead.id})`}`;
  lines.push(paint.bold(`${company}${company === '' ? '' : ' — '}${verdictLine(result, paint)}`));
  lines.push('');
  lines.push(...renderGateLines(result, paint));
  lines.push('');
  lines.push(paint.bold(t('qualify.breakdownTitle', { score: result.score })));
  for (const f of result.breakdown) {
    const points = f.points >= 0 ? `+${f.points}` : String(f.points);
    lines.push(`  ${points.padStart(4)}  ${safeText('engine.factor.', f.factor, f.params)}`);
  }
  lines.push('');
  lines.push(...renderActionLines(result, paint));
  // An empty note leaves the save line to the caller (the interview prints its own after saving).
  if (saved.saved || saved.note !== '') {
    lines.push('');
    lines.push(paint.dim(saved.saved ? t('qualify.saved') : (saved.note ?? t('qualify.notSavedDryRun'))));
  }
  return lines.join('\n') + '\n';
}
