import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppCore, type AppCore } from '../../src-main/core/app-core';
import { dispatchAppCall } from '../../src-main/core/app-api/dispatch';
import { startWebHost, type WebHost } from '../../src-main/web/host';
import { announceWebClient } from '../../src-main/web/terminal';
import { closedPort } from '../support/closed-port';

/** What `npm run web` and `npm start`'s web fallback print: one-time addresses, a new one per Enter. */
let rendererDir: string;
let core: AppCore;
let host: WebHost;
const serverUrl = 'http://127.0.0.1:8787';

beforeAll(async () => {
  rendererDir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-terminal-'));
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>职称系统</title>');
  core = createAppCore({
    serverUrl: `http://127.0.0.1:${await closedPort()}`,
    dataDir: path.join(rendererDir, 'data'),
    mode: 'remote',
  });
  host = await startWebHost({
    call: (method, input) => dispatchAppCall(core.handlers, method, input),
    rendererDir,
  });
});

afterAll(async () => {
  await host?.close();
  await core?.close();
  await rm(rendererDir, { recursive: true, force: true });
});

function terminal(interactive: boolean) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  return { io: { input, output, interactive }, input, printed: () => printed };
}

const addressesIn = (text: string) => [...text.matchAll(/^Web UI: (\S+)$/gm)].map((m) => m[1] ?? '');
const opens = async (url: string) => (await fetch(url, { redirect: 'manual' })).status;

describe('announceWebClient', () => {
  it('prints the server and a one-time address, and a fresh one each time Enter is pressed', async () => {
    const t = terminal(true);
    let serverStarted = () => {};
    const started = new Promise<void>((resolve) => (serverStarted = resolve));
    const stop = announceWebClient({ host, serverUrl, started }, t.io);
    // The address does not wait for the server; the server's line follows once it has started.
    expect(addressesIn(t.printed())).toHaveLength(1);
    expect(t.printed()).not.toContain('Platform server');
    serverStarted();
    await vi.waitFor(() => expect(t.printed()).toContain(`Platform server: ${serverUrl}\n`));
    expect(t.printed()).toContain('一次性地址:只能打开一次,10 分钟内有效');
    expect(t.printed()).toContain('需要新的地址时按回车键');
    const [first] = addressesIn(t.printed());
    expect(first).toMatch(new RegExp(`^${host.url}/\\?token=[\\w-]{43}$`));

    t.input.write('\n');
    await vi.waitFor(() => expect(addressesIn(t.printed())).toHaveLength(2));
    const [, second] = addressesIn(t.printed());
    expect(second).not.toBe(first);
    stop();

    expect(await opens(first ?? '')).toBe(303);
    expect(await opens(first ?? '')).toBe(401);
    expect(await opens(second ?? '')).toBe(303);
  });

  it('says to restart for a new address where nobody can press Enter', async () => {
    const t = terminal(false);
    announceWebClient({ host, serverUrl, started: Promise.resolve() }, t.io);
    expect(t.printed()).toContain('需要新的地址时重新启动程序');
    t.input.write('\n');
    t.input.end();
    await new Promise((resolve) => setImmediate(resolve));
    expect(addressesIn(t.printed())).toHaveLength(1);
  });
});
