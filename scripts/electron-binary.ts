import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type ElectronBinary = { path: string } | { missing: string };

export interface FindElectronBinaryOptions {
  /** The project root holding node_modules/electron. */
  root?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

/** The executable inside Electron's dist folder, as electron/install.js names it. */
function platformExecutable(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * Where the Electron binary is, found by reading the files electron's own `index.js` reads, but never
 * by requiring that module: Electron 45 downloads its binary on the first `require('electron')`, which
 * hangs or fails on machines without access to the download. Answers a one-line reason otherwise.
 */
export function findElectronBinary(options: FindElectronBinaryOptions = {}): ElectronBinary {
  const root = options.root ?? repoRoot;
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const packageDir = path.join(root, 'node_modules', 'electron');
  if (!existsSync(path.join(packageDir, 'package.json'))) {
    return { missing: 'the electron package is not installed (node_modules/electron is missing)' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const recorded = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';

  const overrideDir = env.ELECTRON_OVERRIDE_DIST_PATH?.trim();
  if (overrideDir) {
    const executable = path.join(overrideDir, recorded || platformExecutable(platform));
    return existsSync(executable)
      ? { path: executable }
      : { missing: `ELECTRON_OVERRIDE_DIST_PATH is set but ${executable} does not exist` };
  }

  if (!recorded) {
    return {
      missing:
        'the Electron binary has not been downloaded (node_modules/electron/path.txt is missing; ' +
        'it is fetched on first use, which needs access to the Electron download)',
    };
  }
  const executable = path.join(packageDir, 'dist', recorded);
  if (!existsSync(executable)) {
    return { missing: `the Electron binary is missing: ${path.relative(root, executable)} does not exist` };
  }
  const versionFile = path.join(packageDir, 'dist', 'version');
  if (existsSync(versionFile)) {
    const installed = readFileSync(versionFile, 'utf8').trim().replace(/^v/, '');
    const wanted = (
      JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }
    ).version;
    if (installed !== wanted) {
      return { missing: `the Electron binary is version ${installed}, but electron@${wanted} is installed` };
    }
  }
  return { path: executable };
}

/** The installed electron package's version, read from its package.json (no require). */
export function electronPackageVersion(root: string = repoRoot): string | null {
  try {
    const manifest = JSON.parse(
      readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
    ) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : null;
  } catch {
    return null;
  }
}
