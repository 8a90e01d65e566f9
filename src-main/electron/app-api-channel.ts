import type { AppMethodName } from '../../src-shared/contracts/app';

/** The one IPC channel the app API travels on; the preload and the IPC adapter agree on it here. */
export const APP_API_CHANNEL = 'app-api';

/**
 * The app API's method names, for the preload. A sandboxed preload is one bundled CommonJS file that
 * runs on every page load, so it must not pull in zod and the schemas just to learn four names: the
 * names are repeated here, and `satisfies Record<AppMethodName, true>` makes the compiler reject a
 * missing or an extra name whenever the contract changes (test/electron-glue checks it at run time too).
 */
const METHOD_NAME_SET = {
  getSession: true,
  login: true,
  logout: true,
  getConnection: true,
} as const satisfies Record<AppMethodName, true>;

export const PRELOAD_METHOD_NAMES = Object.keys(METHOD_NAME_SET) as AppMethodName[];
