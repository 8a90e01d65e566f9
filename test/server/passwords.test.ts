import { describe, expect, it } from 'vitest';
import { hashPassword, UNMATCHABLE_PASSWORD_HASH, verifyPassword } from '../../src-server/identity/passwords';

describe('password hashing', () => {
  it('encodes scrypt parameters, a 16-byte salt and a 32-byte key', async () => {
    const hash = await hashPassword('Unit@2026');
    const [scheme, N, r, p, salt, key, ...rest] = hash.split('$');
    expect([scheme, N, r, p]).toEqual(['scrypt', '32768', '8', '1']);
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64')).toHaveLength(32);
    expect(rest).toEqual([]);
    expect(hash).not.toContain('Unit@2026');
  });

  it('salts every hash', async () => {
    expect(await hashPassword('Same@2026')).not.toBe(await hashPassword('Same@2026'));
  });

  it('verifies the right password only', async () => {
    const hash = await hashPassword('Unit@2026');
    expect(await verifyPassword('Unit@2026', hash)).toBe(true);
    expect(await verifyPassword('unit@2026', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('answers false, without throwing, for hashes it cannot read', async () => {
    for (const bad of [
      '',
      'Unit@2026',
      'scrypt$',
      'bcrypt$2$8$1$AAAAAAAAAAA=$AAAA',
      'scrypt$3$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AA==',
    ]) {
      expect(await verifyPassword('Unit@2026', bad)).toBe(false);
    }
    // A tampered row must not make one login allocate gigabytes.
    const huge = `scrypt$${2 ** 24}$8$1$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(32).toString('base64')}`;
    expect(await verifyPassword('Unit@2026', huge)).toBe(false);
  });

  it('the stand-in hash for unknown accounts matches nothing but costs a real scrypt run', async () => {
    const started = performance.now();
    expect(await verifyPassword('', UNMATCHABLE_PASSWORD_HASH)).toBe(false);
    expect(performance.now() - started).toBeGreaterThan(5);
    expect(UNMATCHABLE_PASSWORD_HASH).toMatch(/^scrypt\$32768\$8\$1\$/);
  });
});
