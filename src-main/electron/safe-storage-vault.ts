import { readFile, rm } from 'node:fs/promises';
import type { SafeStorage } from 'electron';
import type { TokenVault } from '../core/session/token-vault';
import { writeFileDurably } from '../../src-node/fs/durable-write';

/** The parts of Electron's `safeStorage` the vault uses (its async API: the sync one is deprecated in Electron 45). */
export type SafeStorageLike = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

export interface SafeStorageVaultOptions {
  /** The encrypted token's file, in the user data folder. */
  file: string;
  safeStorage: SafeStorageLike;
  platform?: NodeJS.Platform;
  log?: (message: string) => void;
}

/**
 * The session token, encrypted with the operating system's key store (DPAPI, Keychain, libsecret or
 * KWallet) in a file, so a restart keeps the user logged in. Where no real key store is available
 * (Linux falling back to "basic_text", which only obfuscates with a hard-coded key), the token is
 * kept in memory only: logging in again after a restart beats leaving a usable token on disk.
 */
export class SafeStorageTokenVault implements TokenVault {
  private readonly file: string;
  private readonly safeStorage: SafeStorageLike;
  private readonly platform: NodeJS.Platform;
  private readonly log: (message: string) => void;
  /** undefined: not loaded yet; null: no token. */
  private token: string | null | undefined;
  private persistent: Promise<boolean> | undefined;

  constructor(options: SafeStorageVaultOptions) {
    this.file = options.file;
    this.safeStorage = options.safeStorage;
    this.platform = options.platform ?? process.platform;
    this.log = options.log ?? ((message) => console.warn(`[session] ${message}`));
  }

  async load(): Promise<string | null> {
    if (this.token !== undefined) return this.token;
    this.token = (await this.canPersist()) ? await this.readToken() : null;
    return this.token;
  }

  async save(token: string): Promise<void> {
    this.token = token;
    if (!(await this.canPersist())) return;
    await this.writeToken(token);
  }

  async clear(): Promise<void> {
    this.token = null;
    // Removed even when not persisting now: a file from a time the key store worked is stale too.
    await rm(this.file, { force: true });
  }

  /** Decided once per run, and logged once when the answer is no. */
  private canPersist(): Promise<boolean> {
    this.persistent ??= this.checkKeyStore().then((reason) => {
      if (reason === null) return true;
      this.log(`the session token is kept in memory only: ${reason}`);
      return false;
    });
    return this.persistent;
  }

  private async checkKeyStore(): Promise<string | null> {
    try {
      if (!(await this.safeStorage.isAsyncEncryptionAvailable())) return 'encryption is not available';
      if (this.platform === 'linux' && this.safeStorage.getSelectedStorageBackend() === 'basic_text') {
        return 'no system key store (safeStorage backend is basic_text)';
      }
      return null;
    } catch (error) {
      return `safeStorage failed (${error instanceof Error ? error.message : String(error)})`;
    }
  }

  private async readToken(): Promise<string | null> {
    let encrypted: Buffer;
    try {
      encrypted = await readFile(this.file);
    } catch {
      return null;
    }
    try {
      const { result, shouldReEncrypt } = await this.safeStorage.decryptStringAsync(encrypted);
      // The key was rotated or a stronger one became available: store the token under the new key.
      if (shouldReEncrypt) await this.writeToken(result);
      return result;
    } catch {
      // Unreadable (another user's key, a reinstalled key store): the user logs in again.
      this.log('the stored session token could not be decrypted and was removed');
      await rm(this.file, { force: true });
      return null;
    }
  }

  private async writeToken(token: string): Promise<void> {
    const encrypted = await this.safeStorage.encryptStringAsync(token);
    // Durably: a crash or a power cut leaves the old token or the new one, never half of one. Only this
    // user may read it, although it is encrypted.
    await writeFileDurably(this.file, encrypted, { mode: 0o600 });
  }
}
