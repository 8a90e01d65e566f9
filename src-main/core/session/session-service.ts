import { AppFailure } from '../../../src-shared/contracts';
import type { LoginCredentials, SessionState, SessionUser } from '../../../src-shared/contracts';
import type { ServerClient } from '../server-client/server-client';
import type { TokenVault } from './token-vault';

/** Logs in and out against the server and holds who is signed in, with the token in the vault. */
export class SessionService {
  private user: SessionUser | null = null;

  constructor(
    private readonly server: ServerClient,
    private readonly vault: TokenVault,
  ) {}

  async login(credentials: LoginCredentials): Promise<SessionState> {
    const { token, user } = await this.server.call('login', credentials);
    await this.vault.save(token);
    this.user = user;
    return { user };
  }

  async logout(): Promise<SessionState> {
    const token = await this.vault.load();
    this.user = null;
    await this.vault.clear();
    if (token) {
      // Logging out must work offline too: the local session ends now, the server revokes when it can.
      await this.server.call('logout', {}, token).catch(() => undefined);
    }
    return { user: null };
  }

  /** The current session, refreshed from the server when a token is kept (e.g. after a restart). */
  async current(): Promise<SessionState> {
    const token = await this.vault.load();
    if (!token) return { user: null };
    try {
      const { user } = await this.server.call('me', {}, token);
      this.user = user;
    } catch (error) {
      if (error instanceof AppFailure && error.error.code === 'UNAUTHENTICATED') {
        await this.vault.clear();
        this.user = null;
      } else if (!this.user) {
        throw error;
      }
      // Otherwise the server is unreachable: keep showing who is signed in.
    }
    return { user: this.user };
  }

  token(): Promise<string | null> {
    return this.vault.load();
  }
}
