import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_OTHER_ACCOUNTS } from '../../src-server/demo/accounts';
import { demoPasswordHash, precomputedDemoPasswords } from '../../src-server/demo/password-hashes';
import { DEMO_APPLICANT_PASSWORD } from '../../src-server/demo/seed';
import { verifyPassword } from '../../src-server/identity/passwords';

const demoPasswords = [
  ...new Set(
    [...DEMO_ACCOUNTS, ...DEMO_OTHER_ACCOUNTS].map((demo) => demo.password).concat(DEMO_APPLICANT_PASSWORD),
  ),
];

describe('the precomputed demo password hashes', () => {
  it('cover every documented demo password', () => {
    expect(precomputedDemoPasswords().sort()).toEqual([...demoPasswords].sort());
  });

  it.each(demoPasswords)('verify against %s and against no other demo password', async (password) => {
    const hash = await demoPasswordHash(password);
    expect(await verifyPassword(password, hash)).toBe(true);
    for (const other of demoPasswords.filter((candidate) => candidate !== password)) {
      expect(await verifyPassword(other, hash)).toBe(false);
    }
  });

  it('hash any other password afresh', async () => {
    const hash = await demoPasswordHash('Changed@2026');
    expect(await verifyPassword('Changed@2026', hash)).toBe(true);
    expect(precomputedDemoPasswords()).not.toContain('Changed@2026');
  });
});
