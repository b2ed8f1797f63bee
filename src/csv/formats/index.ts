import type { ScoreFormat } from '../formats.js';
import { csvFormat } from './csv.js';
import type { ScoreFormatModule } from './format.js';
import { jsonFormat, ndjsonFormat } from './json.js';
import { tableFormat } from './table.js';

/** Each output format of `leadq score`, by its --format name. */
export const SCORE_OUTPUT_FORMATS: Readonly<Record<ScoreFormat, ScoreFormatModule>> = {
  csv: csvFormat,
  json: jsonFormat,
  ndjson: ndjsonFormat,
  table: tableFormat,
};
