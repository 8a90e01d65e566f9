import { spawn } from 'node:child_process';
import { runWebClient } from '../src-main/web/run-web-client';
import { serveInTerminal } from '../src-main/web/terminal';
import { findElectronBinary } from './electron-binary';

/**
 * `npm start`: the desktop client on its embedded default. Where the Electron binary cannot be had
 * (as on machines without internet access to its download), the same client is served from the web
 * host on loopback instead, so a newcomer always ends up with a client to log in to.
 */
const electron = findElectronBinary();
if ('path' in electron) {
  await runCommand('npm', ['run', 'build:node']);
  const child = spawn(electron.path, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    `Electron is not available: ${electron.missing}. Serving the same client from the web host instead.`,
  );
  serveInTerminal(await runWebClient());
}

function runCommand(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`)),
    );
  });
}
