import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/output/format.js';
import { terminalLine, terminalText } from '../../src/output/terminal-text.js';

describe('terminalText', () => {
  it.each([
    ['ESC', 'a\u001b[2Jb', 'a\\x1b[2Jb'],
    ['OSC 52 clipboard write', '\u001b]52;c;aGk=\u0007', '\\x1b]52;c;aGk=\\x07'],
    ['NUL and DEL', 'a\u0000b\u007f', 'a\\x00b\\x7f'],
    ['C1 CSI', 'x\u009b2J', 'x\\x9b2J'],
    ['CR', 'a\rb', 'a\\x0db'],
    ['bidi override', 'abc\u202edcba', 'abc\\u202edcba'],
  ])('escapes %s', (_name, raw, shown) => expect(terminalText(raw)).toBe(shown));

  it('keeps tab, newline, Chinese and emoji as they are', () => {
    expect(terminalText('上海\t华信\n✅ 👨‍👩‍👧')).toBe('上海\t华信\n✅ 👨‍👩‍👧');
  });

  it('terminalLine also folds tabs and line breaks to one space', () => expect(terminalLine('a\t\tb\nc')).toBe('a b c'));

  it('a table cell never carries a raw control character', () => {
    const table = renderTable([{ company: 'Evil\u001b]52;c;aGk=\u0007Co\r\nLtd' }], [{ key: 'company', header: 'company' }]);
    // eslint-disable-next-line no-control-regex -- the point of the test
    expect(table).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(table).toContain('Evil\\x1b]52;c;aGk=\\x07Co Ltd');
  });
});
