import { parseDateTime, type DateWindow } from '../domain/dates.js';
import { UsageError } from '../errors.js';
import { msg, type MessageKey, type Message } from '../i18n/index.js';
import { formatOption, LIST_FORMATS, type ListFormat } from '../output/format.js';
import { flag, negatable, parsed, type OptionSpec } from './spec.js';

// Options several commands share, declared once: the list outputs, --json, dates, and free text (a note). Each reads
// and checks its value at parse time; a bad one is exit 64 naming the option, the value and why.

/** The longest text an option takes (the answers schema's limit too). */
export const MAX_TEXT = 10_000;

/** Exit 64: `invalid value "x" for --option: reason`. */
export function badOption(option: string, value: string, reason: Message): UsageError {
  return new UsageError('option.bad', { option, value, reason });
}

/**
 * A date option (--at, --since, a follow-up --next) through the one date parser with its window: the instant (UTC
 * ISO) and the local calendar day. A bad one is exit 64 naming the option, the value, and the days allowed.
 */
export function dateOption(option: string, value: string, window: DateWindow, now: Date): { readonly iso: string; readonly date: string } {
  const parsed = parseDateTime(value, window, now);
  if (parsed.ok) return parsed;
  throw badOption(option, value, parsed.problem === 'format' ? msg('option.date') : msg('option.dateRange', { from: parsed.from, to: parsed.to }));
}

/** A date of something that happened (1900 … tomorrow, local time): its instant and its day. */
export function happenedDate(flags: string, description: MessageKey): OptionSpec<{ readonly iso: string; readonly date: string } | undefined> {
  const name = flags.split(' ')[0]!;
  return parsed(flags, description, (value, { now }) => dateOption(name, value, 'happened', now));
}

/** Free text (a note): trimmed, at most MAX_TEXT characters; '' when only spaces were given. */
export function trimmedText(flags: string, description: MessageKey): OptionSpec<string | undefined> {
  const name = flags.split(' ')[0]!;
  return parsed(flags, description, (value) => {
    const text = value.trim();
    if (text.length > MAX_TEXT) throw badOption(name, value, msg('option.tooLong'));
    return text;
  });
}

/** A whole number from min to max (full-width digits and spaces are fine); anything else is exit 64 naming the range. */
export function wholeNumber(flags: string, description: MessageKey, min: number, max: number): OptionSpec<number | undefined> {
  const name = flags.split(' ')[0]!;
  return parsed(flags, description, (value) => {
    const text = value.normalize('NFKC').trim();
    const n = /^\d{1,9}$/u.test(text) ? Number(text) : NaN;
    if (!(n >= min && n <= max)) throw badOption(name, value, msg('option.wholeNumber', { min, max }));
    return n;
  });
}

/** Free text trimmed ('' when only spaces were given), with no limit of its own. */
export function trimmed(flags: string, description: MessageKey): OptionSpec<string | undefined> {
  return parsed(flags, description, (value) => value.trim());
}

/** --format of the lists: table|csv|tsv|json|ndjson, in any case; undefined: table on a TTY, tsv otherwise. */
export function listFormat(): OptionSpec<ListFormat | undefined> {
  return parsed('--format <format>', 'help.format', (value) => formatOption(value, LIST_FORMATS), { choices: LIST_FORMATS, descriptionParams: { choices: LIST_FORMATS.join('|') } });
}

/** The list outputs every list command takes: --format and --no-header. */
export function listOutputs() {
  return { format: listFormat(), header: negatable('--no-header', 'help.noHeader') };
}

/** --json: the result as JSON on stdout. */
export function json(description: MessageKey = 'help.json'): OptionSpec<boolean | undefined> {
  return flag('--json', description);
}
