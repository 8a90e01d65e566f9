/**
 * Where the core keeps the session token between calls. The renderer never sees the token.
 * Electron stores it encrypted with safeStorage; the web host and tests keep it in memory.
 */
export interface TokenVault {
  load(): Promise<string | null>;
  save(token: string): Promise<void>;
  clear(): Promise<void>;
}

export class MemoryTokenVault implements TokenVault {
  private token: string | null = null;

  async load(): Promise<string | null> {
    return this.token;
  }

  async save(token: string): Promise<void> {
    this.token = token;
  }

  async clear(): Promise<void> {
    this.token = null;
  }
}
