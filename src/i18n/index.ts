import type { Lang } from './catalog.js';
import * as common from './common.js';
import * as engine from './engine.js';
import * as qualify from './qualify.js';
import * as lead from './lead.js';
import * as csv from './csv.js';
import * as interview from './interview.js';
import * as sources from './sources.js';
import * as method from './method.js';

export type { Lang } from './catalog.js';

const en = { ...common.en, ...engine.en, ...qualify.en, ...lead.en, ...csv.en, ...interview.en, ...sources.en, ...method.en };
const zh: { readonly [K in keyof typeof en]: string } = {
  ...common.zh,
  ...engine.zh,
  ...qualify.zh,
  ...lead.zh,
  ...csv.zh,
  ...interview.zh,
  ...sources.zh,
  ...method.zh,
};

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

/** Sets the language used by t() when none is given (main.ts sets it once from --lang/env). */
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

/** Resolves the language as SPEC.md says: --lang, $LEADQ_LANG, zh when LC_ALL/LC_MESSAGES/LANG start with zh, else en; undefined for a bad --lang. */
export function resolveLang(flag: string | undefined, env: { readonly lang: string | undefined; readonly locale: string | undefined }): Lang | undefined {
  if (flag !== undefined) {
    const f = flag.toLowerCase();
    return f === 'en' || f === 'zh' ? f : undefined;
  }
  const fromEnv = env.lang?.toLowerCase();
  if (fromEnv === 'en' || fromEnv === 'zh') return fromEnv;
  return env.locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
