import type { LeadStatus } from '../../domain/lead.js';
import { t, type MessageKey } from '../../i18n/index.js';

/** A lead status in the reader's language. */
export function statusLabel(status: LeadStatus | string): string {
  return t(`lead.status.${status}` as MessageKey);
}

/** A lead source in the reader's language. */
export function sourceLabel(source: string): string {
  return t(`engine.source.${source}` as MessageKey);
}
