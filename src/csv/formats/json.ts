import type { Qualification } from '../../engine/types.js';
import { SCORE_COLUMNS, type ScoreFormatModule, type ScoredRow } from './format.js';

// `score --format json` (one array) and `--format ndjson` (one object a line): the input columns in file order,
// then the scores.

/** JSON keys for the input columns: the headers as they are, made unique, never clashing with the added columns. */
function jsonKeys(headers: readonly string[]): string[] {
  const seen = new Set<string>(SCORE_COLUMNS);
  return headers.map((h) => {
    let key = h;
    for (let n = 2; seen.has(key); n++) key = `${h}_${n}`;
    seen.add(key);
    return key;
  });
}

/**
 * One JSON object per row: the input columns in file order (written as text: an object would reorder number-like keys
 * and drop `__proto__`), then the scores.
 */
function recordOf(headers: readonly string[]): (row: ScoredRow) => string {
  // Each input column's key with what comes before its value: `{"Company":`, `,"Budget":`.
  const keys = jsonKeys(headers).map((k, i) => `${i === 0 ? '{' : ','}${JSON.stringify(k)}:`);
  return ({ fields, result, action }) => {
    let json = '';
    for (let i = 0; i < keys.length; i++) json += keys[i]! + JSON.stringify(fields[i] ?? '');
    return json + scores(result, action);
  };
}

function scores(result: Qualification, action: string): string {
  const g = result.gates;
  return `,"verdict":"${result.verdict}","score":${result.score},"need":"${g.need.status}","kp":"${g.kp.status}","payment":"${g.payment.status}","next_action":${JSON.stringify(action)}}`;
}

/** JSON: one array. Every object comes after ",\n" (pieces are scored apart): the writer drops the first comma. */
export const jsonFormat: ScoreFormatModule = {
  renderer(headers) {
    const record = recordOf(headers);
    return { text: (row) => ',\n' + record(row) };
  },
  writer(sink) {
    let first = true;
    return {
      begin: () => sink.write('['),
      piece: async (rendered) => {
        if (rendered.length === 0) return;
        await sink.write(first ? rendered.subarray(1) : rendered);
        first = false;
      },
      end: () => sink.write(first ? ']\n' : '\n]\n'),
    };
  },
};

/** NDJSON: one object a line. */
export const ndjsonFormat: ScoreFormatModule = {
  renderer(headers) {
    const record = recordOf(headers);
    return { text: (row) => record(row) + '\n' };
  },
  writer(sink) {
    return {
      begin: async () => undefined,
      piece: async (rendered) => {
        if (rendered.length > 0) await sink.write(rendered);
      },
      end: async () => undefined,
    };
  },
};
