// Text from data (company names, notes, CSV cells) must never reach a terminal raw: an ESC from an imported CSV can
// clear the screen, rewrite the clipboard (OSC 52) or fake a prompt. Every human view passes data through here.

// C0 controls except tab and newline, DEL, C1 controls; and the bidirectional overrides/isolates that reorder what a
// reader sees (the "Trojan Source" characters).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** One unsafe character shown escaped: \x1b for C0/DEL/C1, \u202e for the bidi controls. */
function escaped(ch: string): string {
  const cp = ch.charCodeAt(0);
  return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}

/** Text safe to write to a terminal: control characters (but tab and newline) shown escaped, as `\x1b`. */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, escaped);
}

/** Like terminalText, for one line (a table cell, a name in a message): tabs and line breaks become spaces as well. */
export function terminalLine(text: string): string {
  return terminalText(text.replace(/[\t\n]+/g, ' '));
}

/** The number of columns of the terminal a stream writes to, or undefined when it is not one (a pipe, a file). */
export function terminalWidth(stream: object): number | undefined {
  const columns = (stream as { columns?: unknown }).columns;
  return typeof columns === 'number' && columns > 0 ? columns : undefined;
}
