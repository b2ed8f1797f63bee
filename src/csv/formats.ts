// The values of `score --format`. A light module: command registration imports it for the help text.

/** The output formats of `leadq score`. */
export const SCORE_FORMATS = ['csv', 'json', 'ndjson', 'table'] as const;

/** An output format of `leadq score`. */
export type ScoreFormat = (typeof SCORE_FORMATS)[number];
