import path from 'node:path';

export interface AppPaths {
  preload: string;
  rendererDir: string;
  serverEntry: string;
  /** The core's process (core-entry.ts), forked by main. */
  coreEntry: string;
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
    coreEntry: path.join(mainDir, 'core-entry.js'),
    fontsDir: path.resolve(mainDir, '..', 'fonts'),
  };
}

// The central server's URL from ZHICHENG_SERVER_URL lives with the other settings in the core.
export { SERVER_URL_ENV, serverUrlFromEnv } from '../core/settings/settings-env';
