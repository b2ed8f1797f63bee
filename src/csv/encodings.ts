// The values of --encoding (`score`, `top20 import`), in a module of their own: command registration imports them
// for the help text, and src/csv/decode.ts, which decodes, sets up decoders it does not need to load for --help.
import { UsageError } from '../errors.js';

/** The values of --encoding; `auto`: a BOM, else valid UTF-8, else GB18030. */
export const ENCODINGS = ['auto', 'utf8', 'gbk', 'gb18030', 'utf16le'] as const;

/** A value of --encoding. */
export type EncodingOption = (typeof ENCODINGS)[number];

/** --encoding: one of ENCODINGS in any case (GBK is gbk), default auto; anything else is exit 64 naming them. */
export function encodingOption(value: string | undefined): EncodingOption {
  if (value === undefined) return 'auto';
  const encoding = ENCODINGS.find((e) => e === value.toLowerCase());
  if (encoding === undefined) throw new UsageError('error.badChoice', { value, option: '--encoding', choices: ENCODINGS.join(', ') });
  return encoding;
}
