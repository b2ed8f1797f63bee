// src/store/postgres/pg-crypto.ts, which the bundle puts in place of node-postgres' crypto helpers: every function gives
// pg's own bytes (WebCrypto's), for any input. The CLI's logins through the bundle (e2e) use it against a real server.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as ours from '../../src/store/postgres/pg-crypto.js';

const pg = createRequire(import.meta.url)('pg/lib/crypto/utils.js') as typeof ours;
const hex = (b: ArrayBuffer | Uint8Array) => Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)).toString('hex');

describe('pg-crypto: node-postgres’ crypto helpers with Node’s hashes', () => {
  it('has every function pg’s module has', () => {
    expect(Object.keys(ours).sort()).toEqual(Object.keys(pg).sort());
  });

  it('gives pg’s bytes for SCRAM’s steps, MD5 passwords and certificate digests', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.integer({ min: 1, max: 300 }), fc.string({ maxLength: 80 }), async (password, salt, iterations, message) => {
        const key = await ours.deriveKey(password, salt, iterations);
        expect(hex(key)).toBe(hex(await pg.deriveKey(password, salt, iterations)));
        expect(hex(await ours.hmacSha256(key, message))).toBe(hex(await pg.hmacSha256(key.buffer.slice(key.byteOffset, key.byteOffset + key.length) as ArrayBuffer, message)));
        expect(hex(await ours.sha256(salt))).toBe(hex(await pg.sha256(salt)));
        for (const name of ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512']) expect(hex(await ours.hashByName(name, salt))).toBe(hex(await pg.hashByName(name, salt)));
        expect(await ours.postgresMd5PasswordHash(message, password, salt)).toBe(await pg.postgresMd5PasswordHash(message, password, salt));
      }),
      { numRuns: 60 },
    );
    expect(ours.randomBytes(18)).toHaveLength(18);
  });

  it('is the module the bundle gives node-postgres in place of its own', () => {
    const modules = JSON.parse(readFileSync(fileURLToPath(new URL('../../dist/bundle/modules.json', import.meta.url)), 'utf8')) as Record<string, string[]>;
    const all = Object.values(modules).flat();
    expect(all).toContain('dist/store/postgres/pg-crypto.js');
    expect(all).toContain('node_modules/pg/lib/crypto/sasl.js');
    expect(all).not.toContain('node_modules/pg/lib/crypto/utils.js');
  });
});
