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
