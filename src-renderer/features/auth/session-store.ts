import { createStore } from 'zustand/vanilla';
import type {
  AppApi,
  AppError,
  ConnectionInfo,
  LoginCredentials,
  SessionUser,
} from '../../../src-shared/contracts';

export type SessionStatus = 'loading' | 'signedOut' | 'signedIn';

export interface SessionStoreState {
  status: SessionStatus;
  user: SessionUser | null;
  connection: ConnectionInfo | null;
  /** The last failure of a session action, shown on the login screen. */
  error: AppError | null;
  pending: boolean;
  init(): Promise<void>;
  login(credentials: LoginCredentials): Promise<boolean>;
  logout(): Promise<void>;
  clearError(): void;
}

export type SessionStore = ReturnType<typeof createSessionStore>;

/** Who is signed in, as the renderer knows it. The token itself stays in the core. */
export function createSessionStore(api: AppApi) {
  return createStore<SessionStoreState>()((set) => ({
    status: 'loading',
    user: null,
    connection: null,
    error: null,
    pending: false,

    async init() {
      const [session, connection] = await Promise.all([api.getSession(), api.getConnection()]);
      set({
        connection: connection.ok ? connection.value : null,
        user: session.ok ? session.value.user : null,
        status: session.ok && session.value.user ? 'signedIn' : 'signedOut',
        error: session.ok ? null : session.error,
      });
    },

    async login(credentials) {
      set({ pending: true, error: null });
      const result = await api.login(credentials);
      if (result.ok && result.value.user) {
        set({ pending: false, user: result.value.user, status: 'signedIn' });
        return true;
      }
      set({ pending: false, error: result.ok ? null : result.error });
      return false;
    },

    async logout() {
      set({ pending: true });
      await api.logout();
      set({ pending: false, user: null, status: 'signedOut', error: null });
    },

    clearError() {
      set({ error: null });
    },
  }));
}
