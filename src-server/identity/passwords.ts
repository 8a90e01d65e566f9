import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { BinaryLike, ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt, stored as `scrypt$N$r$p$salt$hash` (salt and hash in base64). The
 * parameters travel with each hash, so they can be raised later without breaking stored passwords.
 */

const COST = 2 ** 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Refuse stored parameters above this: a tampered row must not make one login eat gigabytes. */
const MAX_COST = 2 ** 20;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, { N: COST, r: BLOCK_SIZE, p: PARALLELISM });
  return encode(COST, BLOCK_SIZE, PARALLELISM, salt, key);
}

/** False for a wrong password and for a hash this code cannot read; never throws for either. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = decode(encoded);
  if (parsed === null) return false;
  const key = await derive(password, parsed.salt, parsed.key.length, parsed.options);
  return timingSafeEqual(key, parsed.key);
}

/**
 * A well-formed hash that matches no password. Login verifies against it when the account does not
 * exist, so an unknown account costs the same time as a wrong password and the answer time reveals
 * nothing.
 */
export const UNMATCHABLE_PASSWORD_HASH = encode(
  COST,
  BLOCK_SIZE,
  PARALLELISM,
  Buffer.alloc(SALT_BYTES),
  Buffer.alloc(KEY_BYTES),
);

function encode(N: number, r: number, p: number, salt: Buffer, key: Buffer): string {
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

function decode(encoded: string): { options: ScryptOptions; salt: Buffer; key: Buffer } | null {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const key = Buffer.from(parts[5] ?? '', 'base64');
  const valid =
    N !== undefined &&
    r !== undefined &&
    p !== undefined &&
    Number.isInteger(N) &&
    N > 1 &&
    N <= MAX_COST &&
    (N & (N - 1)) === 0 &&
    Number.isInteger(r) &&
    r >= 1 &&
    r <= 32 &&
    Number.isInteger(p) &&
    p >= 1 &&
    p <= 16 &&
    salt.length >= 8 &&
    key.length >= 16;
  return valid ? { options: { N, r, p }, salt, key } : null;
}

function derive(password: BinaryLike, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  const N = options.N ?? COST;
  const r = options.r ?? BLOCK_SIZE;
  // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is exactly what N=2^15, r=8 uses and
  // rejects it, so allow twice the need.
  const maxmem = 2 * 128 * N * r;
  return new Promise((resolve, reject) => {
    scrypt(password, salt, length, { ...options, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}
