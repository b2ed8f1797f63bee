import * as completion from '../commands/completion/messages.js';
import * as contact from '../commands/contact/messages.js';
import * as db from '../commands/db/messages.js';
import * as leadCommand from '../commands/lead/messages.js';
import * as qualify from '../commands/qualify/messages.js';
import * as referral from '../commands/referral/messages.js';
import * as report from '../commands/report/messages.js';
import * as score from '../commands/score/messages.js';
import * as today from '../commands/today/messages.js';
import * as top20 from '../commands/top20/messages.js';
import type { Lang } from './catalog.js';
import * as common from './common.js';
import * as csv from './csv.js';
import * as engine from './engine.js';
import * as interview from './interview.js';
import * as lead from './lead.js';
import * as postgres from './postgres.js';
import * as store from './store.js';

export type { Lang } from './catalog.js';

// Every message, from its area: the shell's (common, store), the engine's, the interview's, the CSV reader's, a lead's
// shared words, and each command's own (src/commands/<name>/messages.ts, keys named after the command). Each zh table
// is typed to have exactly the keys of its en table, so a missing translation fails the build.
const AREAS = [common, store, postgres, engine, interview, csv, lead, leadCommand, contact, score, referral, top20, report, db, qualify, completion, today] as const;
type Area = (typeof AREAS)[number];
type Keys<A> = A extends { readonly en: infer E } ? keyof E : never;
const en = Object.assign({}, ...AREAS.map((a) => a.en)) as { readonly [K in Keys<Area>]: string };
const zh = Object.assign({}, ...AREAS.map((a) => a.zh)) as { readonly [K in Keys<Area>]: string };

export type MessageKey = keyof typeof en;
/** A message kept as a code until it is printed: the language is chosen then (t). */
export interface Message {
  readonly key: MessageKey;
  readonly params?: Params;
}
/** A message's parameters; a parameter may itself be a message (a reason inside an error), translated with it. */
export type Params = Readonly<Record<string, string | number | null | undefined | Message>>;

/** A message as data (a code and its parameters), for errors and reasons that are printed later. */
export function msg(key: MessageKey, params: Params = {}): Message {
  return { key, params };
}

const tables: Record<Lang, Readonly<Record<MessageKey, string>>> = { en, zh };
let current: Lang = 'en';

/** Sets the language used by t() when none is given (run.ts sets it once from --lang/env). */
export function setLang(lang: Lang): void {
  current = lang;
}

/** The language in force. */
export function getLang(): Lang {
  return current;
}

/** Whether a string is a known message key (for codes coming from data, e.g. engine results). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** Translates a message key, filling {name} placeholders from params (a message parameter is translated too). */
export function t(key: MessageKey, params: Params = {}, lang: Lang = current): string {
  const template = tables[lang][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) return whole;
    return typeof value === 'object' ? t(value.key, value.params, lang) : String(value);
  });
}

/** A message's text in the language in force. */
export function textOfMessage(message: Message, lang: Lang = current): string {
  return t(message.key, message.params, lang);
}

/** Resolves the language as the README says ("Language and colour"): --lang, $LEADQ_LANG, zh when LC_ALL/LC_MESSAGES/LANG start with zh, else en; undefined for a bad --lang. */
export function resolveLang(flag: string | undefined, env: { readonly lang: string | undefined; readonly locale: string | undefined }): Lang | undefined {
  if (flag !== undefined) {
    const f = flag.toLowerCase();
    return f === 'en' || f === 'zh' ? f : undefined;
  }
  const fromEnv = env.lang?.toLowerCase();
  if (fromEnv === 'en' || fromEnv === 'zh') return fromEnv;
  return env.locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
