import path from 'node:path';

export interface AppPaths {
  preload: string;
  rendererDir: string;
  serverEntry: string;
  /** The 公示表's font, copied there by the build. */
  fontsDir: string;
}

/**
 * Where the bundles lie relative to the main bundle (dist/electron/main.js), the same in a checkout
 * and inside the packaged app.asar, since both keep the dist/ layout of scripts/build-node.ts.
 */
export function resolveAppPaths(mainDir: string): AppPaths {
  return {
    preload: path.join(mainDir, 'preload.cjs'),
    rendererDir: path.resolve(mainDir, '..', 'renderer'),
    serverEntry: path.resolve(mainDir, '..', 'server', 'process-entry.js'),
    fontsDir: path.resolve(mainDir, '..', 'fonts'),
  };
}

/** The central server an administrator points the client at, instead of the embedded one. */
export const SERVER_URL_ENV = 'ZHICHENG_SERVER_URL';

/**
 * The central server's URL from the environment, or null for the embedded default. A malformed value
 * stops the app with a clear message instead of silently falling back to demo data.
 */
export function serverUrlFromEnv(env: NodeJS.ProcessEnv): string | null {
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
  return value.replace(/\/+$/, '');
}
