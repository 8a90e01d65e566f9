import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SafeStorageTokenVault, type SafeStorageLike } from '../../src-main/electron/safe-storage-vault';

/** A reversible stand-in for the OS key store: what matters here is that the file is not the token. */
function fakeSafeStorage(options: { available?: boolean; backend?: string; reEncrypt?: boolean } = {}) {
  const prefix = 'ENC1:';
  return {
    isAsyncEncryptionAvailable: vi.fn(async () => options.available ?? true),
    getSelectedStorageBackend: vi.fn(() => options.backend ?? 'gnome_libsecret'),
    encryptStringAsync: vi.fn(async (text: string) =>
      Buffer.from(prefix + Buffer.from(text).toString('base64')),
    ),
    decryptStringAsync: vi.fn(async (data: Buffer) => {
      const text = data.toString();
      if (!text.startsWith(prefix)) throw new Error('Error while decrypting the ciphertext provided');
      return {
        result: Buffer.from(text.slice(prefix.length), 'base64').toString(),
        shouldReEncrypt: options.reEncrypt ?? false,
      };
    }),
  } as unknown as SafeStorageLike & Record<keyof SafeStorageLike, ReturnType<typeof vi.fn>>;
}

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zd-vault-'));
  file = path.join(dir, 'user-data', 'session-token.bin');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const TOKEN = 'tok_9f2c1d7e4b';

describe('safeStorage token vault', () => {
  it('keeps the token encrypted on disk across restarts', async () => {
    const safeStorage = fakeSafeStorage();
    await new SafeStorageTokenVault({ file, safeStorage, platform: 'win32' }).save(TOKEN);
    const onDisk = await readFile(file, 'utf8');
    expect(onDisk).not.toContain(TOKEN);
    const restarted = new SafeStorageTokenVault({ file, safeStorage, platform: 'win32' });
    expect(await restarted.load()).toBe(TOKEN);
  });

  it('forgets the token on clear, on disk too', async () => {
    const vault = new SafeStorageTokenVault({ file, safeStorage: fakeSafeStorage(), platform: 'darwin' });
    await vault.save(TOKEN);
    await vault.clear();
    expect(await vault.load()).toBeNull();
    expect(existsSync(file)).toBe(false);
    expect(await new SafeStorageTokenVault({ file, safeStorage: fakeSafeStorage() }).load()).toBeNull();
  });

  it.each([
    ['encryption is unavailable', { available: false }, 'win32'],
    ['Linux has only the basic_text backend', { backend: 'basic_text' }, 'linux'],
  ] as const)(
    'keeps the token in memory only when %s, and says so once',
    async (_name, options, platform) => {
      const log = vi.fn();
      const safeStorage = fakeSafeStorage(options);
      const vault = new SafeStorageTokenVault({ file, safeStorage, platform, log });
      await vault.save(TOKEN);
      await vault.save(`${TOKEN}-2`);
      expect(await vault.load()).toBe(`${TOKEN}-2`);
      expect(existsSync(file)).toBe(false);
      expect(safeStorage.encryptStringAsync).not.toHaveBeenCalled();
      expect(log).toHaveBeenCalledOnce();
      expect(String(log.mock.calls[0]?.[0])).toMatch(/memory only/);
    },
  );

  it('uses a Linux key store other than basic_text', async () => {
    const vault = new SafeStorageTokenVault({
      file,
      safeStorage: fakeSafeStorage({ backend: 'kwallet6' }),
      platform: 'linux',
    });
    await vault.save(TOKEN);
    expect(existsSync(file)).toBe(true);
  });

  it('drops a token it cannot decrypt', async () => {
    await writeFile(path.join(dir, 'garbage.bin'), 'not encrypted by us');
    const garbage = path.join(dir, 'garbage.bin');
    const log = vi.fn();
    const vault = new SafeStorageTokenVault({
      file: garbage,
      safeStorage: fakeSafeStorage(),
      platform: 'win32',
      log,
    });
    expect(await vault.load()).toBeNull();
    expect(existsSync(garbage)).toBe(false);
    expect(log).toHaveBeenCalledOnce();
  });

  it('re-encrypts when the key store asks for it', async () => {
    const first = fakeSafeStorage();
    await new SafeStorageTokenVault({ file, safeStorage: first, platform: 'win32' }).save(TOKEN);
    const rotated = fakeSafeStorage({ reEncrypt: true });
    expect(await new SafeStorageTokenVault({ file, safeStorage: rotated, platform: 'win32' }).load()).toBe(
      TOKEN,
    );
    expect(rotated.encryptStringAsync).toHaveBeenCalledWith(TOKEN);
  });
});
