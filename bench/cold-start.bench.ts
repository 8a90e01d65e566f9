import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/support/chromium';
import { quantile, within, type Comparison } from './harness';
import { ensureRendererBuilt } from './renderer';

/**
 * Cold start as a user meets it: from spawning the web client's process to a visible 登录 button in
 * Chromium, with a data folder that an earlier (untimed) start already set up. The reference is a bare
 * node process serving a static page with one button, reached the same way. The browser is running
 * before either starts; each start gets a new page.
 */

const STARTS = 3;
const MINUTE = 60_000;
const BUNDLED = path.join('dist', 'web', 'cli.js');

/** The static page the reference serves, in a one-line program for `node -e`. */
const BARE_SERVER = `
const http = require('node:http');
const page = '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>职称</title><button>登录</button></html>';
const server = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page));
server.listen(0, '127.0.0.1', () => console.log('Web UI: http://127.0.0.1:' + server.address().port + '/'));
process.on('SIGTERM', () => process.exit(0));`;

export async function coldStartBench(): Promise<Comparison[]> {
  ensureRendererBuilt();
  const bundled = existsSync(BUNDLED);
  const command = bundled
    ? [process.execPath, BUNDLED]
    : [path.join('node_modules', '.bin', 'tsx'), path.join('src-main', 'web', 'cli.ts')];
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-cold-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    const env = { DATA_DIR: dataDir, WEB_PORT: '0', SERVER_PORT: '0' };
    // The first start seeds the data folder (demo data, password hashes): not timed.
    const first = await startToButton(browser, command, env);
    const ours: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < STARTS; i += 1) {
      ours.push(await startToButton(browser, command, env));
      bare.push(await startToButton(browser, [process.execPath, '-e', BARE_SERVER], {}));
    }
    return [
      {
        name: 'cold start: process spawn to a visible 登录 in Chromium (reused data folder)',
        measured: quantile(ours, 0.5),
        reference: quantile(bare, 0.5),
        referenceName: 'bare node static page to a visible button',
        limit: 1500,
        note:
          `${bundled ? `bundled ${BUNDLED}` : 'tsx src-main/web/cli.ts (no dist/web/cli.js: run npm run build:node)'}; ` +
          `median of ${STARTS}: ${ours.map((ms) => ms.toFixed(0)).join(', ')} ms; first start (fresh folder) ${first.toFixed(0)} ms`,
      },
    ];
  } finally {
    await browser.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function startToButton(browser: Browser, command: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [file, ...args] = command;
  if (file === undefined) throw new Error('no command');
  const page = await browser.newPage();
  const start = performance.now();
  const child = spawn(file, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await within(
      announcedUrl(child),
      2 * MINUTE,
      `'Web UI: <address>' from ${command.join(' ')}`,
    );
    await page.goto(url);
    await page
      .getByRole('button', { name: '登录', exact: true })
      .waitFor({ state: 'visible', timeout: MINUTE });
    return performance.now() - start;
  } finally {
    await page.close();
    await stop(child);
  }
}

function announcedUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /Web UI: (\S+)/.exec(text);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before announcing its address`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await within(exited, 30_000, 'the started process to exit').catch(() => {
    child.kill('SIGKILL');
  });
}
