import { msg } from '../../i18n/index.js';
import { badOption } from '../options.js';

// `qualify --set path=value`, read at parse time without the engine (zod loads only when the command runs): the
// path must name a field of an answers section; the value is checked against the answers schema by the handler.

/** One `--set`: an answers path (section.field) and the value as typed ('' removes the answer). */
export interface AnswerSetting {
  readonly section: 'lead' | 'need' | 'kp' | 'payment';
  readonly field: string;
  readonly value: string;
}

const SECTIONS = ['lead', 'need', 'kp', 'payment'] as const;

/** Reads one `--set path=value`; a missing '=' or a path outside lead/need/kp/payment is exit 64. */
export function answerSetting(text: string): AnswerSetting {
  const eq = text.indexOf('=');
  const path = (eq === -1 ? text : text.slice(0, eq)).trim();
  const [section, field, ...rest] = path.split('.');
  if (eq === -1 || rest.length > 0 || field === undefined || field === '' || !(SECTIONS as readonly string[]).includes(section ?? '')) {
    throw badOption('--set', text, msg('qualify.setSyntax'));
  }
  return { section: section as AnswerSetting['section'], field, value: text.slice(eq + 1).trim() };
}
