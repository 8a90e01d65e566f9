import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary';

/**
 * `npm start` (after `npm run build`): the desktop client on its embedded default. Where the Electron
 * binary cannot be had (as on machines without internet access to its download), the same client is
 * served from the web host on loopback instead, so a newcomer always ends up with a client to log in
 * to. Either way the bundles run, not the sources: a start does not wait for TypeScript to be compiled.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electron = findElectronBinary();
if ('path' in electron) {
  run(electron.path, ['.']);
} else {
  console.log(
    `Electron is not available: ${electron.missing}. Serving the same client from the web host instead.`,
  );
  run(process.execPath, [path.join(repoRoot, 'dist', 'web', 'cli.js')]);
}

/**
 * Ctrl+C reaches the child too (the same process group); SIGTERM sent to this launcher alone is passed
 * on, so the web host closes its databases before both exit.
 */
function run(command: string, args: string[]): void {
  const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit' });
  process.once('SIGTERM', () => child.kill('SIGTERM'));
  process.on('SIGINT', () => {});
  child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)));
}
