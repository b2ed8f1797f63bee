import { createRequire } from 'node:module';
import { eastAsianWidth } from 'get-east-asian-width';

// Terminal display width from string-width (Unicode-current East Asian widths, emoji sequences, grapheme clusters),
// with fast paths for what most cells are: printable ASCII, and text whose every code point is a character of its own
// (Latin, Greek, Cyrillic, CJK, kana, Hangul syllables, full-width forms — no combining mark, joiner, variation
// selector or emoji), whose width is the sum of each one's East Asian width (get-east-asian-width, string-width's own
// table). string-width's path segments graphemes with Intl.Segmenter and compiles the emoji regexes: 40 ms the first
// time, a third of `leadq today` on a million leads.

// eslint-disable-next-line no-control-regex -- ESC starts every colour code
const ANSI = /\u001b\[[0-9;]*m/g;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Removes colour escape codes. */
export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

// Code points that are each a grapheme of their own and print (the soft hyphen U+00AD, zero-width and bidi marks,
// combining marks, variation selectors and emoji are left out: string-width decides those).
const SIMPLE_TEXT = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u0370-\u03ff\u0400-\u0482\u048a-\u04ff\u2010-\u2027\u2030-\u205e\u3000-\u3029\u3030-\u303f\u3041-\u3096\u309b-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff9f\uffa1-\uffee]*$/;

// string-width is loaded the first time a string needs it, not with this module: building its Intl.Segmenter and
// compiling its Unicode-property regexes takes ~20 ms, which every `lead list`, `today` and `top20 list` paid even when
// every cell was plain text. Loaded synchronously (require() of an ES module), as widths are measured in the middle of
// laying out a table. A Node that cannot require an ES module (20 before 20.19, 21, 22 before 22.12) imports it with
// this module instead, as before.
const requireLoadsEsm = (process.features as { require_module?: boolean }).require_module === true;
let stringWidth: ((s: string) => number) | undefined = requireLoadsEsm ? undefined : (await import('string-width')).default;

function graphemeWidth(s: string): number {
  stringWidth ??= (createRequire(import.meta.url)('string-width') as { default: (s: string) => number }).default;
  return stringWidth(s);
}

/** Number of terminal columns a string takes (colour codes ignored): 上海 is 4, ✅ and 👨‍👩‍👧 are 2. */
export function displayWidth(s: string): number {
  if (PRINTABLE_ASCII.test(s)) return s.length;
  if (!SIMPLE_TEXT.test(s)) return graphemeWidth(s);
  let width = 0;
  for (let i = 0; i < s.length; i++) width += eastAsianWidth(s.charCodeAt(i));
  return width;
}

/** Pads a string with spaces to a display width (left-aligned, or right-aligned for numbers). */
export function padDisplay(s: string, width: number, align: 'left' | 'right' = 'left'): string {
  const gap = Math.max(0, width - displayWidth(s));
  return align === 'left' ? s + ' '.repeat(gap) : ' '.repeat(gap) + s;
}

let graphemes: Intl.Segmenter | undefined;

/** Cuts a string to at most `width` columns, ending with … when cut; never splits a character or emoji sequence. */
export function truncateDisplay(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  let used = 0;
  // Simple text is cut between any two code points (all of it is in the BMP); the rest between graphemes.
  const pieces = SIMPLE_TEXT.test(s) ? s : (graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })).segment(s);
  for (const piece of pieces) {
    const segment = typeof piece === 'string' ? piece : piece.segment;
    const w = displayWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return out + '…';
}
