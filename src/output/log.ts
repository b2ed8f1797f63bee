import { t, type Message, type MessageKey, type Params } from '../i18n/index.js';
import { terminalLine, terminalText } from './terminal-text.js';

// The one way leadq writes messages to stderr (stdout is data): every line starts with `leadq: ` and passes the
// terminal sanitiser, and the text is made in the language in force when it is written. A message's parameters
// may come from data (a company, a CSV cell, a file name): each is shown on one line, control characters escaped.

/** Messages to stderr, each line `leadq: …`. */
export interface Log {
  /** Writes a message (a warning, a summary, a note, an error and its hint). */
  say(message: MessageKey | Message, params?: Params): void;
}

/** A log on a stream; a stream that fails (closed, broken) is ignored: messages are best effort. */
export function stderrLog(stream: NodeJS.WritableStream): Log {
  return {
    say(message, params) {
      const { key, params: given = {} } = typeof message === 'string' ? { key: message, params } : message;
      stream.write(logLines(t(key, oneLineParams(given ?? {}))));
    },
  };
}

/** Text as log lines: `leadq: ` before each line, control characters escaped. */
export function logLines(text: string): string {
  return text
    .split('\n')
    .map((line) => `leadq: ${terminalText(line)}\n`)
    .join('');
}

/** A message's parameters as they may be shown: each on one line, control characters escaped (nested messages too). */
export function oneLineParams(params: Params): Params {
  const out: Record<string, Params[string]> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string') out[name] = terminalLine(value);
    else if (typeof value === 'object' && value !== null) out[name] = { key: value.key, params: oneLineParams(value.params ?? {}) };
    else out[name] = value;
  }
  return out;
}
