// node-postgres' crypto helpers (pg/lib/crypto/utils.js) computed with Node's own synchronous hashes instead of
// WebCrypto: the same bytes, without WebCrypto's first use in the process (its modules and key objects) and the
// thread-pool round trip of each of the seven steps of a SCRAM login. The bundle (scripts/bundle.mjs) puts this module
// where node-postgres requires its own; the functions keep pg's names and stay async, as pg awaits them. A test holds
// each one to pg's byte for byte.
import { createHash, createHmac, pbkdf2Sync, randomBytes as nodeRandomBytes, type BinaryLike } from 'node:crypto';

type Bytes = ArrayBuffer | Uint8Array;

/** Bytes as Node's hashes take them (WebCrypto hands ArrayBuffers around). */
function binary(data: Bytes): BinaryLike {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

export function randomBytes(length: number): Buffer {
  return nodeRandomBytes(length);
}

export async function md5(text: string | Bytes): Promise<string> {
  return createHash('md5')
    .update(typeof text === 'string' ? text : binary(text))
    .digest('hex');
}

/** AuthenticationMD5Password: md5(md5(password + user) + salt), as PostgreSQL's protocol says. */
export async function postgresMd5PasswordHash(user: string, password: string, salt: Uint8Array): Promise<string> {
  const inner = await md5(password + user);
  return `md5${await md5(Buffer.concat([Buffer.from(inner), salt]))}`;
}

export async function sha256(data: Bytes): Promise<Buffer> {
  return createHash('sha256').update(binary(data)).digest();
}

/** A digest by its WebCrypto name (SHA-1, SHA-256, SHA-384, SHA-512): channel binding hashes the server's certificate. */
export async function hashByName(name: string, data: Bytes): Promise<Buffer> {
  return createHash(name.replace('-', '').toLowerCase())
    .update(binary(data))
    .digest();
}

export async function hmacSha256(key: Bytes, message: string): Promise<Buffer> {
  return createHmac('sha256', binary(key)).update(message).digest();
}

/** SCRAM's salted password: PBKDF2-HMAC-SHA-256, 32 bytes (the password as UTF-8, as TextEncoder gives it). */
export async function deriveKey(password: string, salt: Uint8Array, iterations: number): Promise<Buffer> {
  return pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
}
