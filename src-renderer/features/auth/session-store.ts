import { createStore } from 'zustand/vanilla';
import type {
  AppApi,
  AppError,
  ConnectionInfo,
  LoginCredentials,
  Result,
  SessionUser,
} from '../../../src-shared/contracts';
import { forgetPlace } from '../../components/place-storage';

export type SessionStatus = 'loading' | 'signedOut' | 'signedIn';

export interface SessionStoreState {
  status: SessionStatus;
  user: SessionUser | null;
  connection: ConnectionInfo | null;
  /** The last failure of a session action, shown on the login form. */
  error: AppError | null;
  pending: boolean;
  /** The server wants an image captcha with the next login (after repeated wrong passwords). */
  captchaRequired: boolean;
  /**
   * A signed-in call found the session over. The screen stays mounted underneath the re-login
   * modal, so nothing the user typed is lost.
   */
  expired: boolean;
  /**
   * The unit whose 单位中心 is open, for a person who administers several; null means the first.
   * Kept here so that moving between pages does not lose the choice.
   */
  currentUnitId: string | null;
  init(): Promise<void>;
  /** Logs in; answers the failure, or null on success. */
  login(credentials: LoginCredentials): Promise<AppError | null>;
  logout(): Promise<void>;
  /** 退出并清除本地数据: answers the failure (the person stays signed in), or null once signed out. */
  logoutAndClearLocalData(): Promise<AppError | null>;
  clearError(): void;
  /**
   * Reads the signed-in person again, for changes made elsewhere: an approved unit registration
   * makes its registrant the unit's administrator, which the memberships must then show.
   */
  refreshUser(): Promise<void>;
  chooseUnit(unitId: string): void;
  /**
   * Whether the server answers, as the core last found it (its connection events) or a login did: the
   * 无法连接到服务器 bar follows it, not only the check made when the page loaded.
   */
  serverReachable(reachable: boolean): void;
  /**
   * Runs a call that needs the session. Every signed-in feature goes through here, so an expired
   * session is noticed in one place and answered with the re-login modal.
   */
  call<T>(run: (api: AppApi) => Promise<Result<T>>): Promise<Result<T>>;
  sessionExpired(): void;
}

export type SessionStore = ReturnType<typeof createSessionStore>;

/** Errors after which the next login must carry an image captcha. */
function needsCaptcha(error: AppError): boolean {
  return (
    error.captchaRequired === true || error.code === 'CAPTCHA_REQUIRED' || error.code === 'CAPTCHA_INVALID'
  );
}

/** Who is signed in, as the renderer knows it. The token itself stays in the core. */
const SIGNED_OUT = {
  pending: false,
  user: null,
  status: 'signedOut',
  error: null,
  expired: false,
  currentUnitId: null,
} as const;

export function createSessionStore(api: AppApi) {
  // Heard after the page's own check was asked for, so newer: that check's answer, arriving later over
  // another request, must not bring back what was found before.
  let heardReachable: boolean | null = null;
  return createStore<SessionStoreState>()((set, get) => ({
    status: 'loading',
    user: null,
    connection: null,
    error: null,
    pending: false,
    captchaRequired: false,
    expired: false,
    currentUnitId: null,

    async init() {
      // The connection asks the server, which may still be starting or far away: the login screen does not
      // wait for it. Its banner and the demo tag appear when it answers.
      void api.getConnection().then((connection) => {
        set({
          connection: connection.ok
            ? { ...connection.value, reachable: heardReachable ?? connection.value.reachable }
            : null,
        });
      });
      const session = await api.getSession();
      set({
        user: session.ok ? session.value.user : null,
        status: session.ok && session.value.user ? 'signedIn' : 'signedOut',
        error: session.ok ? null : session.error,
      });
    },

    async login(credentials) {
      set({ pending: true, error: null });
      const result = await api.login(credentials);
      if (result.ok) get().serverReachable(true);
      else if (result.error.code === 'SERVER_UNREACHABLE') get().serverReachable(false);
      if (result.ok && result.value.user) {
        set({
          pending: false,
          user: result.value.user,
          status: 'signedIn',
          expired: false,
          captchaRequired: false,
          // Someone else may have logged in through the re-login modal.
          currentUnitId: get().user?.id === result.value.user.id ? get().currentUnitId : null,
        });
        return null;
      }
      const error = result.ok ? null : result.error;
      set((state) => ({
        pending: false,
        error,
        // Once asked for, the captcha stays until a login succeeds: the server still wants it.
        captchaRequired: state.captchaRequired || (error !== null && needsCaptcha(error)),
      }));
      return error;
    },

    async logout() {
      set({ pending: true });
      await api.logout();
      forgetPlace();
      set(SIGNED_OUT);
    },

    async logoutAndClearLocalData() {
      // Straight to the API rather than through call(): clearing must work with an expired session too.
      const result = await api.logoutAndClearLocalData();
      if (!result.ok) return result.error;
      forgetPlace();
      set(SIGNED_OUT);
      return null;
    },

    clearError() {
      set({ error: null });
    },

    async refreshUser() {
      const result = await get().call((a) => a.getSession());
      if (!result.ok) return;
      const user = result.value.user;
      if (user === null) get().sessionExpired();
      else if (get().status === 'signedIn') set({ user });
    },

    chooseUnit(unitId) {
      set({ currentUnitId: unitId });
    },

    serverReachable(reachable) {
      heardReachable = reachable;
      set((state) => ({ connection: state.connection && { ...state.connection, reachable } }));
    },

    async call(run) {
      const result = await run(api);
      if (!result.ok && result.error.code === 'UNAUTHENTICATED') get().sessionExpired();
      return result;
    },

    sessionExpired() {
      if (get().status === 'signedIn') set({ expired: true, error: null });
    },
  }));
}
