import {
  MAX_SYNC_INTERVAL_MINUTES,
  MIN_SYNC_INTERVAL_MINUTES,
  serverUrlProblem,
} from '../../../src-shared/contracts';

/**
 * The environment variables with which an administrator presets the client's settings (they beat the
 * config file and the user's own choices). A malformed value stops the app with a clear message
 * instead of being ignored: a unit PC must not silently fall back to the embedded server's demo data.
 */

/** The central server an administrator points the client at, instead of the embedded one. */
export const SERVER_URL_ENV = 'ZHICHENG_SERVER_URL';
export const SYNC_INTERVAL_ENV = 'ZHICHENG_SYNC_INTERVAL_MINUTES';
export const DEFAULT_PRINTER_ENV = 'ZHICHENG_DEFAULT_PRINTER';

export type SettingsEnv = Readonly<Record<string, string | undefined>>;

/** The central server's URL from the environment (without trailing slashes), or null for no preset. */
export function serverUrlFromEnv(env: SettingsEnv): string | null {
  const value = env[SERVER_URL_ENV]?.trim();
  if (!value) return null;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error(`${SERVER_URL_ENV} is not a URL: "${value}"`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`${SERVER_URL_ENV} must be an http:// or https:// URL, got "${value}"`);
  }
  const problem = serverUrlProblem(value);
  if (problem !== null) throw new Error(`${SERVER_URL_ENV}: ${problem}`);
  return value.replace(/\/+$/, '');
}

/** The auto-sync interval in whole minutes from the environment, or null for no preset. */
export function syncIntervalFromEnv(env: SettingsEnv): number | null {
  const value = env[SYNC_INTERVAL_ENV]?.trim();
  if (!value) return null;
  const minutes = Number(value);
  if (!/^\d+$/.test(value) || minutes < MIN_SYNC_INTERVAL_MINUTES || minutes > MAX_SYNC_INTERVAL_MINUTES) {
    throw new Error(
      `${SYNC_INTERVAL_ENV} must be whole minutes from ${MIN_SYNC_INTERVAL_MINUTES} to ${MAX_SYNC_INTERVAL_MINUTES}, got "${value}"`,
    );
  }
  return minutes;
}

/** The default printer's system name from the environment, or null for no preset. */
export function defaultPrinterFromEnv(env: SettingsEnv): string | null {
  const value = env[DEFAULT_PRINTER_ENV]?.trim();
  return value ? value : null;
}
