import { isUtf8 } from 'node:buffer';
import { firstInvalidUtf8 } from '../../csv/decode.js';
import { DataError } from '../../errors.js';
import { t, type MessageKey } from '../../i18n/index.js';

// An answers file as JSON, checked before any schema sees it (SPEC v2): valid UTF-8, nested at most 64 deep (a
// 5,000-deep file would overflow the schema's recursion: exit 1 instead of 65), no NUL or unpaired surrogate in any
// string (they would be stored, and a NUL carried into CSV output), and no number beyond what JSON.parse can hold
// (1e400 becomes Infinity, which the schema could only call "not a number"). Every refusal is exit 65 saying where.

/** How deep answers may nest: the schema needs 2 (an object of objects); 64 is generous and far from any stack limit. */
export const MAX_ANSWERS_DEPTH = 64;

/** The JSON value of an answers file (bytes from a file or stdin, or text already decoded), or exit 65 saying what is wrong. */
export function readAnswersJson(input: Uint8Array | string, file: string): unknown {
  const text = typeof input === 'string' ? input : utf8Text(input, file);
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new DataError('qualify.answersEmpty', { file }, 'qualify.hintAnswersSchema');
  refuseDeepNesting(body, file);
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (err) {
    throw jsonError(err as Error, body, file);
  }
  refuseBadValues(data);
  return data;
}

function utf8Text(bytes: Uint8Array, file: string): string {
  if (isUtf8(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const bad = firstInvalidUtf8(bytes);
  const line = 1 + bytes.subarray(0, bad).reduce((n, b) => n + (b === 0x0a ? 1 : 0), 0);
  throw new DataError('qualify.answersNotUtf8', { file, line }, 'qualify.hintAnswersUtf8');
}

/** Counts brackets outside strings: deeper than MAX_ANSWERS_DEPTH is refused before JSON.parse builds it. */
function refuseDeepNesting(body: string, file: string): void {
  let depth = 0;
  let inString = false;
  let line = 1;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 0x0a) line++;
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_ANSWERS_DEPTH) throw new DataError('qualify.answersTooDeep', { file, line, max: MAX_ANSWERS_DEPTH }, 'qualify.hintAnswersSchema');
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}

// A high surrogate not followed by a low one, or a low one not after a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

/** Refuses a NUL or an unpaired surrogate (from \u0000, \ud800 escapes) in any key or string, and an infinite number, naming its path. */
function refuseBadValues(data: unknown): void {
  // The nesting is bounded above, so plain recursion is safe here.
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'string') checkText(value, path);
    else if (typeof value === 'number' && !Number.isFinite(value)) refuse(path, t('qualify.reasonHugeNumber'));
    else if (Array.isArray(value)) value.forEach((v, i) => visit(v, path === '' ? String(i) : `${path}.${i}`));
    else if (typeof value === 'object' && value !== null) {
      for (const [key, v] of Object.entries(value)) {
        const at = path === '' ? key : `${path}.${key}`;
        checkText(key, at);
        visit(v, at);
      }
    }
  };
  visit(data, '');
}

function checkText(text: string, path: string): void {
  if (text.includes('\u0000')) refuse(path, t('qualify.reasonNul'));
  if (LONE_SURROGATE.test(text)) refuse(path, t('qualify.reasonSurrogate'));
}

function refuse(path: string, reason: string): never {
  throw new DataError('qualify.answersInvalid', { path: path === '' ? t('qualify.answersRoot') : path, reason }, 'qualify.hintAnswersSchema');
}

// V8's JSON.parse messages (English in every language, and some quote the input) as reasons of our own.
const JSON_REASONS: ReadonlyArray<readonly [RegExp, MessageKey]> = [
  [/^Unexpected end of JSON input/, 'qualify.jsonEnd'],
  [/^Expected (property name|double-quoted property name)/, 'qualify.jsonName'],
  [/^Expected ':'/, 'qualify.jsonColon'],
  [/^Expected ','/, 'qualify.jsonComma'],
  [/^Unterminated string/, 'qualify.jsonString'],
  [/^Bad control character/, 'qualify.jsonControl'],
  [/^Bad (escaped character|Unicode escape)/, 'qualify.jsonEscape'],
  [/^Unexpected non-whitespace character after JSON/, 'qualify.jsonTrailing'],
  [/^(No number after minus sign|Unterminated fractional number|Exponent part is missing a number)/, 'qualify.jsonNumber'],
];

/** Why JSON.parse refused the text, in the user's language (an unexpected character when V8 says something else). */
function jsonReason(message: string): string {
  return t(JSON_REASONS.find(([pattern]) => pattern.test(message))?.[1] ?? 'qualify.jsonToken');
}

function jsonError(err: Error, body: string, file: string): DataError {
  const position = /at position (\d+)/.exec(err.message)?.[1];
  const reason = jsonReason(err.message);
  if (position === undefined) return new DataError('qualify.answersJsonNoPos', { file, reason });
  const before = body.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = Number(position) - before.lastIndexOf('\n');
  return new DataError('qualify.answersJson', { file, reason, line, column });
}
