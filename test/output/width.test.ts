import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth, padDisplay, truncateDisplay } from '../../src/output/width.js';

describe('displayWidth', () => {
  // Expected columns as a terminal draws them (hand-counted, not measured with the code under test).
  it.each([
    ['abc', 3],
    ['', 0],
    ['上海华信', 8],
    ['ＡＢ', 4], // full-width Latin
    ['한국', 4],
    ['✅', 2],
    ['🚀', 2],
    ['⚠️', 2],
    ['👨‍👩‍👧', 2], // one family emoji, not six
    ['é', 1], // e + combining acute
    ['\u001b[31mred\u001b[0m', 3],
    ['A上', 3],
  ])('%j takes %i columns', (text, columns) => expect(displayWidth(text)).toBe(columns));
});

describe('padDisplay and truncateDisplay', () => {
  it('pads Chinese by columns, not characters', () => {
    expect(padDisplay('上海', 6)).toBe('上海  ');
    expect(padDisplay('12', 4, 'right')).toBe('  12');
  });
  it('cuts at a column budget with …, never inside a character or an emoji sequence', () => {
    expect(truncateDisplay('上海华信科技', 7)).toBe('上海华…');
    expect(truncateDisplay('ab👨‍👩‍👧cd', 4)).toBe('ab…');
    expect(truncateDisplay('abcdef', 6)).toBe('abcdef');
  });
});

describe('displayWidth’s fast path for text of single code points', () => {
  // The code points the fast path takes (src/output/width.ts SIMPLE_TEXT), each one and in random strings: its sum of
  // East Asian widths must be exactly what string-width's grapheme path says.
  const ranges: ReadonlyArray<readonly [number, number]> = [
    [0xa0, 0x2ff], [0x370, 0x3ff], [0x400, 0x4ff], [0x2010, 0x205e], [0x3000, 0x30ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xac00, 0xd7a3], [0xff01, 0xffee],
  ];
  const chars = ranges.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i)));

  it('gives each code point of its ranges string-width’s width (the ones it leaves to string-width too)', () => {
    const differing = chars.filter((c) => displayWidth(c) !== stringWidth(c)).map((c) => c.charCodeAt(0).toString(16));
    expect(differing).toEqual([]);
  });

  it('gives any string of them string-width’s width', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars, 'a', ' ', '7'), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(displayWidth(text)).toBe(stringWidth(text));
        const cut = truncateDisplay(text, 9);
        expect(displayWidth(cut)).toBeLessThanOrEqual(9);
      }),
      { numRuns: 2000 },
    );
  });
});
