import { fork, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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

  it('builds the web host and the server so that a start leaves the demo seed and the PDF stack to chunks', async () => {
    // Names defined inside pdf-lib and inside the seed's modules, not names our code calls them by.
    const pdfStack = 'PDFCrossRefStream';
    const seed = 'insertGeneratedApplications';
    const web = await bundleWithChunks(built.webCli);
    expectOnlyInChunks(web, pdfStack, 'the PDF stack in the web host');
    // The web host runs the embedded server as another process: none of the server's seed is in it.
    expect(
      [web.entry, ...web.chunks].some((code) => code.includes(seed)),
      'the seed in the web host',
    ).toBe(false);
    expectOnlyInChunks(await bundleWithChunks(built.serverEntry), seed, 'the seed in the server');
  });

  it('starts the bundled web host from another folder, seeds an empty data folder and serves the renderer beside it', async () => {
    // The renderer build is not ours to make here: a stand-in page where the host looks for it.
    const rendererDir = path.join(outDir, 'renderer');
    await mkdir(rendererDir, { recursive: true });
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>stand-in renderer</title>');
    const webData = path.join(dataDir, 'web');
    const child = spawn(process.execPath, [built.webCli], {
      cwd: os.tmpdir(),
      env: { ...process.env, DATA_DIR: webData, RENDERER_DIR: '', SERVER_URL: '', ZHICHENG_SERVER_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      /** The first capture of `pattern` in what the host printed, once it has printed it. */
      const printed = (pattern: RegExp) =>
        new Promise<string>((resolve, reject) => {
          const look = () => {
            const match = pattern.exec(output);
            if (match?.[1]) resolve(match[1]);
          };
          child.stdout.on('data', look);
          look();
          void exited.then((code) => reject(new Error(`web host exited with ${code}: ${output}`)));
        });
      const loginUrl = await printed(/Web UI: (\S+)/);
      const signIn = await fetch(loginUrl, { redirect: 'manual' });
      expect(signIn.status).toBe(303);
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const page = await fetch(new URL('/', loginUrl), { headers: { cookie } });
      expect(await page.text()).toContain('stand-in renderer');
      // The host listens before its embedded server is up; the server's line follows once it is.
      const platform = await printed(/Platform server: (\S+)/);
      // The demo people exist: the seed's chunk was found and ran.
      const core = createAppCore({
        serverUrl: platform,
        mode: 'embedded',
        dataDir: path.join(webData, 'client'),
      });
      try {
        const session = await core.handlers.login({ identifier: 'unitadmin', password: 'Unit@2026' });
        expect(session.user?.name).toBe('李明');
      } finally {
        await core.close();
      }
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 60_000);
});

/** A split bundle: its entry file and the chunks in the `chunks` folder beside it. */
async function bundleWithChunks(entryFile: string): Promise<{ entry: string; chunks: string[] }> {
  const chunksDir = path.join(path.dirname(entryFile), 'chunks');
  const chunkFiles = (await readdir(chunksDir)).filter((name) => name.endsWith('.js'));
  return {
    entry: await readFile(entryFile, 'utf8'),
    chunks: await Promise.all(chunkFiles.map((name) => readFile(path.join(chunksDir, name), 'utf8'))),
  };
}

/** `marker` is left to a chunk loaded on demand: in one of the bundle's chunks, not in its entry. */
function expectOnlyInChunks(bundle: { entry: string; chunks: string[] }, marker: string, what: string): void {
  expect(bundle.entry.includes(marker), `${what}: in the entry`).toBe(false);
  expect(
    bundle.chunks.some((code) => code.includes(marker)),
    `${what}: in a chunk`,
  ).toBe(true);
}
