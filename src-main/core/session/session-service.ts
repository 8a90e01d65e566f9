import { AppFailure } from '../../../src-shared/contracts';
import type { LoginCredentials, SessionState, SessionUser } from '../../../src-shared/contracts';
import type { ServerClient } from '../server-client/server-client';
import type { TokenVault } from './token-vault';

/** Logs in and out against the server and holds who is signed in, with the token in the vault. */
export class SessionService {
  private user: SessionUser | null = null;
  /**
   * The sign-in or sign-out under way. A window reloaded while one is on its way (F5 right after
   * 登录) asks for the session at once: it must see the outcome, not the state before it.
   */
  private changing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly server: ServerClient,
    private readonly vault: TokenVault,
  ) {}

  login(credentials: LoginCredentials): Promise<SessionState> {
    return this.change(async () => {
      const { token, user } = await this.server.call('login', credentials);
      await this.vault.save(token);
      this.user = user;
      return { user };
    });
  }

  /** Ends the session; `beforeEnd` runs first, while the token is still kept (closing the user's cache). */
  logout(beforeEnd: () => Promise<void> = async () => undefined): Promise<SessionState> {
    return this.change(async () => {
      await beforeEnd();
      return this.endSession();
    });
  }

  private change(run: () => Promise<SessionState>): Promise<SessionState> {
    const outcome = this.changing.then(run);
    this.changing = outcome.catch(() => undefined);
    return outcome;
  }

  private async endSession(): Promise<SessionState> {
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
    await this.changing;
    return this.currentNow();
  }

  /** current() without waiting for a sign-in or sign-out under way: for a logout's own beforeEnd. */
  async currentNow(): Promise<SessionState> {
    if (!(await this.vault.load())) return { user: null };
    try {
      const { user } = await this.withToken((token) => this.server.call('me', {}, token));
      this.user = user;
    } catch (error) {
      const expired = error instanceof AppFailure && error.error.code === 'UNAUTHENTICATED';
      // Unreachable server with a known user: keep showing who is signed in.
      if (expired || !this.user) throw error;
    }
    return { user: this.user };
  }

  /**
   * Runs a call that needs the session token. When the server says the session is over (idle
   * expiry, a password reset elsewhere), the core forgets it too, so the renderer returns to login.
   */
  async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.vault.load();
    if (!token) throw new AppFailure('UNAUTHENTICATED');
    try {
      return await call(token);
    } catch (error) {
      if (error instanceof AppFailure && error.error.code === 'UNAUTHENTICATED') {
        await this.vault.clear();
        this.user = null;
      }
      throw error;
    }
  }
}
