import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER_NAME = 'zhicheng-desk';

/**
 * The per-user data folder, where Electron's `app.getPath('userData')` would put it, so the web host
 * and the desktop app find the same embedded database and cache on one machine.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.DATA_DIR) return path.resolve(env.DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER_NAME);
}
