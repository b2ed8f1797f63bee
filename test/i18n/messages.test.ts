import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/files.js';

// Where messages live: each command's own in src/commands/<name>/messages.ts, named after it; the shared ones in
// src/i18n. Every key is defined once, in en and zh alike (the zh tables are typed to have the en keys).

const COMMANDS = readdirSync(`${ROOT}/src/commands`, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);
const SHARED = ['common', 'store', 'engine', 'interview', 'csv', 'lead'];

type Table = { en: Record<string, string>; zh: Record<string, string> };
const load = async (path: string) => (await import(path)) as Table;

describe('message tables', () => {
  it("a command's messages are named after it (db messages are db.*, score's are score.*)", async () => {
    for (const name of COMMANDS) {
      const files = readdirSync(`${ROOT}/src/commands/${name}`);
      if (!files.includes('messages.ts')) continue;
      const { en, zh } = await load(`../../src/commands/${name}/messages.js`);
      for (const key of Object.keys(en)) expect(key.startsWith(`${name}.`), `${name}: ${key}`).toBe(true);
      expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    }
  });

  it('defines every key once, in one table', async () => {
    const seen = new Map<string, string>();
    const tables = [...SHARED.map((a) => [a, `../../src/i18n/${a}.js`]), ...COMMANDS.filter((c) => readdirSync(`${ROOT}/src/commands/${c}`).includes('messages.ts')).map((c) => [c, `../../src/commands/${c}/messages.js`])];
    for (const [area, path] of tables) {
      for (const key of Object.keys((await load(path!)).en)) {
        expect(seen.get(key), `${key} in ${area} and ${seen.get(key)}`).toBeUndefined();
        seen.set(key, area!);
      }
    }
    expect(seen.size).toBeGreaterThan(500);
  });
});
