import { setLang } from '../../src/i18n/index.js';

// Run before each test file (vitest.config.ts: setupFiles). The files of a worker share one process and its modules
// (isolate: false), so each file starts from the same state: the environment as the worker began (a file may set TZ)
// and English (the in-process runner leaves the language of its last run).

const key = Symbol.for('leadq.test.env');
const store = globalThis as { [key]?: NodeJS.ProcessEnv };
const first = (store[key] ??= { ...process.env });
for (const name of Object.keys(process.env)) if (!(name in first)) delete process.env[name];
Object.assign(process.env, first);
setLang('en');
