import { fork } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNode, type BuildNodeResult } from '../../scripts/build-node';
import { createAppCore } from '../../src-main/core/app-core';
import { FONT_FILE_NAME, resolveFontFile } from '../../src-main/core/print/pdf-font';
import { resolveAppPaths } from '../../src-main/electron/app-paths';

// Inside the repository, so the bundles resolve their external packages from its node_modules.
const outDir = path.resolve('node_modules/.cache/zhicheng-build-node-test');
let built: BuildNodeResult;
let dataDir: string;

beforeAll(async () => {
  built = await buildNode({ outDir });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'zd-build-node-'));
}, 60_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

/** The module names a CommonJS bundle requires at run time. */
function requiredModules(code: string): string[] {
  return [...new Set([...code.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((match) => match[1] ?? ''))];
}

describe('Node bundles', () => {
  it('builds a preload that requires only electron and carries no zod', async () => {
    const preload = await readFile(built.preload, 'utf8');
    expect(requiredModules(preload)).toEqual(['electron']);
    expect(preload).not.toMatch(/zod|ZodError/);
    expect(preload).toContain('exposeInMainWorld("api"');
    expect(preload).toContain('exposeInMainWorld(\n  "appEvents"');
    expect(preload.length).toBeLessThan(4_000);
  });

  it('ships the one font file the 公示表 is drawn with, beside the bundles where main looks for it', async () => {
    const shipped = await readdir(built.fontsDir);
    expect(shipped).toEqual([FONT_FILE_NAME]);
    const bytes = await readFile(path.join(built.fontsDir, FONT_FILE_NAME));
    expect(bytes.equals(await readFile(resolveFontFile()))).toBe(true);
    expect(resolveAppPaths(path.dirname(built.main)).fontsDir).toBe(built.fontsDir);
  });

  it('builds the main process as an ES module that leaves electron and native code outside', async () => {
    const main = await readFile(built.main, 'utf8');
    expect(main).toMatch(/^import .* from ["']electron["'];?$/m);
    expect(main).not.toMatch(/downloadElectron|electron\/index\.js/);
    expect(main).not.toContain('better_sqlite3.node');
  });

  it('builds the core process as an ES module that needs neither electron nor zod-free tricks', async () => {
    const core = await readFile(built.coreEntry, 'utf8');
    expect(path.dirname(built.coreEntry)).toBe(path.dirname(built.main));
    expect(resolveAppPaths(path.dirname(built.main)).coreEntry).toBe(built.coreEntry);
    // A utility process cannot load the electron module's main-process parts; the core never asks.
    expect(core).not.toMatch(/from ["']electron["']/);
    expect(core).not.toContain('better_sqlite3.node');
  });

  it('builds an embedded server that starts, serves the core as main wires it, and shuts down', async () => {
    const child = fork(built.serverEntry, [], {
      env: { ...process.env, DATA_DIR: dataDir },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.on('message', (message: { type?: string; url?: string; message?: string }) => {
          if (message.type === 'listening' && message.url) resolve(message.url);
          if (message.type === 'error') reject(new Error(message.message));
        });
        void exited.then((code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const core = createAppCore({ serverUrl: url, mode: 'embedded', dataDir: path.join(dataDir, 'client') });
      try {
        expect(await core.handlers.getConnection(undefined)).toMatchObject({ reachable: true, demo: true });
        const session = await core.handlers.login({ identifier: 'unitadmin', password: 'Unit@2026' });
        expect(session.user?.name).toBe('李明');
      } finally {
        await core.close();
      }
    } finally {
      child.send({ type: 'shutdown' });
    }
    expect(await exited).toBe(0);
  }, 60_000);
});
