import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ANSWERS_DEPTH, readAnswersJson } from '../../src/commands/qualify/answers-json.js';
import { parseAnswers } from '../../src/commands/qualify/answers.js';
import { CliError } from '../../src/errors.js';
import { failure } from '../store/helpers.js';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('readAnswersJson: the raw answers checked before the schema (SPEC v2, exit 65)', () => {
  it.each([
    ['nested 5,000 deep (a stack overflow in the schema, exit 1, before)', nested(5000), 'qualify.answersTooDeep'],
    ['nested 65 deep', nested(MAX_ANSWERS_DEPTH + 1), 'qualify.answersTooDeep'],
    ['a NUL in a value', '{"lead":{"company":"A\\u0000B"}}', 'qualify.answersInvalid'],
    ['a NUL in a key', '{"lead":{"comp\\u0000any":"A"}}', 'qualify.answersInvalid'],
    ['a lone high surrogate', '{"need":{"pain":"x\\ud800"}}', 'qualify.answersInvalid'],
    ['a lone low surrogate', '{"need":{"pain":"\\udc00x"}}', 'qualify.answersInvalid'],
    ['a number beyond a double (1e400)', '{"payment":{"price":1e400}}', 'qualify.answersInvalid'],
    ['empty', ' \n', 'qualify.answersEmpty'],
    ['not JSON', '{"lead":', 'qualify.answersJsonNoPos'],
  ])('refuses %s', (_name, text, key) => {
    expect(failure(() => readAnswersJson(Buffer.from(text), 'f.json'))).toMatchObject({ exitCode: 65, key });
  });

  it('names the path of a bad string and the line of bad UTF-8', () => {
    expect(failure(() => readAnswersJson(Buffer.from('{"need":{"pain":"x\\ud800"}}'), 'f')).params.path).toBe('need.pain');
    expect(failure(() => readAnswersJson(Buffer.from('{"payment":{"price":-1e999}}'), 'f')).params.path).toBe('payment.price');
    const bytes = Buffer.concat([Buffer.from('{"lead":\n{"company":"M'), Buffer.from([0xfc]), Buffer.from('ller"}}')]);
    expect(failure(() => readAnswersJson(bytes, 'f'))).toMatchObject({ key: 'qualify.answersNotUtf8', params: { line: 2 } });
  });

  it('takes 64 levels, brackets inside strings, escaped quotes, a BOM, and paired surrogates (emoji)', () => {
    expect(readAnswersJson(Buffer.from(nested(MAX_ANSWERS_DEPTH)), 'f')).toBeDefined();
    expect(readAnswersJson(Buffer.from('\uFEFF{"need":{"pain":"[[[[ \\" {{{{ 😀 \\ud83d\\ude00"}}'), 'f')).toEqual({ need: { pain: '[[[[ " {{{{ 😀 😀' } });
  });

  it('any JSON value: parsed as JSON.parse does, or refused with 65 — never another error (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.string({ unit: 'binary', maxLength: 8 }), (value, text) => {
        const json = JSON.stringify({ value, text });
        try {
          expect(readAnswersJson(Buffer.from(json), 'f')).toEqual(JSON.parse(json));
        } catch (err) {
          expect(err).toBeInstanceOf(CliError);
          expect((err as CliError).exitCode).toBe(65);
        }
      }),
    );
  });

  it('parseAnswers gives the schema only what passed: a NUL never reaches a stored lead', () => {
    expect(failure(() => parseAnswers('{"lead":{"company":"Evil\\u0000Co"}}', 'f')).exitCode).toBe(65);
    expect(parseAnswers(Buffer.from('{"lead":{"company":"Acme"}}'), 'f').lead?.company).toBe('Acme');
  });
});
