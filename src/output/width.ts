import stringWidth from 'string-width';

// Terminal display width from string-width (Unicode-current East Asian widths, emoji sequences, grapheme clusters),
// with a fast path for printable ASCII, which most cells are.

// eslint-disable-next-line no-control-regex -- ESC starts every colour code
const ANSI = /\u001b\[[0-9;]*m/g;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Removes colour escape codes. */
export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

/** Number of terminal columns a string takes (colour codes ignored): 上海 is 4, ✅ and 👨‍👩‍👧 are 2. */
export function displayWidth(s: string): number {
  return PRINTABLE_ASCII.test(s) ? s.length : stringWidth(s);
}

/** Pads a string with spaces to a display width (left-aligned, or right-aligned for numbers). */
export function padDisplay(s: string, width: number, align: 'left' | 'right' = 'left'): string {
  const gap = Math.max(0, width - displayWidth(s));
  return align === 'left' ? s + ' '.repeat(gap) : ' '.repeat(gap) + s;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Cuts a string to at most `width` columns, ending with … when cut; never splits a character or emoji sequence. */
export function truncateDisplay(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(s)) {
    const w = displayWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return out + '…';
}
