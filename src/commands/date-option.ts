import { parseDateTime, type DateWindow } from '../domain/dates.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n/index.js';

/**
 * A date option (--at, --since, a follow-up --next) through the one date parser with its window: the instant (UTC
 * ISO) and the local calendar day. A bad one is exit 64 naming the option, the value, and the days allowed.
 */
export function dateOption(option: string, value: string, window: DateWindow, now: Date): { readonly iso: string; readonly date: string } {
  const parsed = parseDateTime(value, window, now);
  if (parsed.ok) return parsed;
  const reason = parsed.problem === 'format' ? t('lead.reasonDate') : t('lead.reasonDateRange', { from: parsed.from, to: parsed.to });
  throw new UsageError('lead.badOption', { option, value, reason });
}
