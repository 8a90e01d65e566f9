import { fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serverInfoSchema } from '../../src-shared/contracts/http';
import { announcesListening } from '../../src-server/listen';

/** The two ways the server runs as its own process: `npm run server` and the desktop app's fork. */

const root = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
/** Starting a child through tsx takes 15 s on a loaded machine; the runner's default 20 s is too tight. */
const CHILD_TEST_TIMEOUT_MS = 120_000;

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhicheng-entry-test-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** The environment of the test run without anything that would point the child at another database. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['DATABASE_URL', 'SQLITE_FILE', 'DATA_DIR', 'DEMO', 'FILES_DIR']) delete env[name];
  return { ...env, ...extra };
}

function exitOf(child: { once(event: 'exit', listener: (code: number | null) => void): unknown }) {
  return new Promise<number | null>((resolve) => child.once('exit', resolve));
}

describe('server entry points', () => {
  it(
    'src-server/process-entry.ts reports its URL to the parent and stops on request',
    async () => {
      const dataDir = tempDir();
      const child = fork(path.join(root, 'src-server/process-entry.ts'), {
        cwd: root,
        execArgv: ['--import', 'tsx'],
        env: childEnv({ DATA_DIR: dataDir }),
        stdio: 'pipe',
      });
      const exited = exitOf(child);
      const message = await new Promise<unknown>((resolve, reject) => {
        child.once('message', resolve);
        child.once('exit', (code) => reject(new Error(`exited with ${code} before listening`)));
      });
      expect(message).toEqual({
        type: 'listening',
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      });
      const { url } = message as { url: string };
      expect(serverInfoSchema.parse(await (await fetch(`${url}/api/info`)).json()).demo).toBe(true);
      expect(fs.existsSync(path.join(dataDir, 'server', 'platform.sqlite'))).toBe(true);

      child.send({ type: 'shutdown' });
      expect(await exited).toBe(0);
    },
    CHILD_TEST_TIMEOUT_MS,
  );

  it('src-server/process-entry.ts refuses to start without a data location', async () => {
    const child = fork(path.join(root, 'src-server/process-entry.ts'), {
      cwd: root,
      execArgv: ['--import', 'tsx'],
      env: childEnv({}),
      stdio: 'pipe',
    });
    const exited = exitOf(child);
    const message = await new Promise<unknown>((resolve) => child.once('message', resolve));
    expect(message).toEqual({ type: 'error', message: expect.stringContaining('DATA_DIR') });
    expect(await exited).toBe(1);
  });

  it(
    'src-server/cli.ts logs where it listens as a JSON line and shuts down on SIGINT',
    async () => {
      const dataDir = tempDir();
      const { child, url, firstLine, exited } = await startCli(dataDir);
      expect(JSON.parse(firstLine)).toMatchObject({
        level: 'info',
        msg: 'platform server listening',
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
        database: `sqlite: ${path.join(dataDir, 'server', 'platform.sqlite')}`,
        demo: true,
      });
      // The line the bench and the simulation wait for, for this server's URL and no other.
      expect(announcesListening(firstLine, url)).toBe(true);
      expect(announcesListening(firstLine, 'http://127.0.0.1:1')).toBe(false);
      expect((await fetch(`${url}/api/info`)).status).toBe(200);

      child.kill('SIGINT');
      expect(await exited).toBe(0);
    },
    CHILD_TEST_TIMEOUT_MS,
  );

  it(
    'src-server/cli.ts writes its listening line at LOG_LEVEL=warn too, and no info line besides',
    async () => {
      const { child, url, firstLine, exited, output } = await startCli(tempDir(), { LOG_LEVEL: 'warn' });
      expect(announcesListening(firstLine, url)).toBe(true);
      expect(JSON.parse(firstLine)).toMatchObject({ level: 'info', msg: 'platform server listening' });
      expect((await fetch(`${url}/api/info`)).status).toBe(200);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      // The request above and the shutdown are info lines: the level still holds for everything else.
      expect(output().trim().split('\n')).toEqual([firstLine]);
    },
    CHILD_TEST_TIMEOUT_MS,
  );

  it(
    'src-server/cli.ts has written every line, request lines held back in batches included, once it has exited',
    async () => {
      const { child, url, exited, output } = await startCli(tempDir());
      const headers = { 'x-request-id': 'batched-line-1' };
      expect((await fetch(`${url}/api/info`, { headers })).status).toBe(200);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      if (!child.stdout.readableEnded) await new Promise((resolve) => child.stdout.once('end', resolve));
      const lines = output()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { msg?: string; requestId?: string });
      expect(lines.filter((line) => line.requestId === 'batched-line-1')).toHaveLength(1);
      expect(lines.at(-1)).toMatchObject({ msg: 'stopped' });
    },
    CHILD_TEST_TIMEOUT_MS,
  );

  it(
    'src-server/cli.ts on SIGTERM refuses new connections, finishes the request in flight and exits 0',
    async () => {
      const { child, url, exited } = await startCli(tempDir());
      await expectDrainOnSigterm(
        url,
        () => child.kill('SIGTERM'),
        exited,
        () => child.exitCode,
      );
    },
    CHILD_TEST_TIMEOUT_MS,
  );

  it(
    'src-server/process-entry.ts on SIGTERM refuses new connections, finishes the request in flight and exits 0',
    async () => {
      const child = fork(path.join(root, 'src-server/process-entry.ts'), {
        cwd: root,
        execArgv: ['--import', 'tsx'],
        env: childEnv({ DATA_DIR: tempDir() }),
        stdio: 'pipe',
      });
      const exited = exitOf(child);
      const message = await new Promise<unknown>((resolve, reject) => {
        child.once('message', resolve);
        child.once('exit', (code) => reject(new Error(`exited with ${code} before listening`)));
      });
      const { url } = message as { url: string };
      await expectDrainOnSigterm(
        url,
        () => child.kill('SIGTERM'),
        exited,
        () => child.exitCode,
      );
    },
    CHILD_TEST_TIMEOUT_MS,
  );

  it('src-server/cli.ts refuses PostgreSQL without FILES_DIR in one line on stderr', async () => {
    // Refused before any connection: the database named here need not exist.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src-server/cli.ts')], {
      cwd: root,
      env: childEnv({ DATABASE_URL: 'postgres://zc@127.0.0.1:1/none', SERVER_PORT: '0' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await exitOf(child)).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'Platform server failed to start: With PostgreSQL (DATABASE_URL) set FILES_DIR to the folder for uploaded files that every server instance shares\n',
    );
  });
});

/** `npm run server` in a child process, once it has logged its first line (where it listens). */
async function startCli(dataDir: string, extraEnv: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src-server/cli.ts')], {
    cwd: root,
    env: childEnv({ DATA_DIR: dataDir, SERVER_PORT: '0', ...extraEnv }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = exitOf(child);
  let output = '';
  const firstLine = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve(output.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
  const { url } = JSON.parse(firstLine) as { url: string };
  return { child, url, firstLine, exited, output: () => output };
}

/**
 * A login whose body is half sent when SIGTERM arrives: new connections must be refused from then on,
 * the process must wait for the rest of the body, answer the login and only then exit 0. Ordering, not
 * time: the request is known to be accepted because a later connection was answered before SIGTERM.
 */
async function expectDrainOnSigterm(
  url: string,
  terminate: () => void,
  exited: Promise<number | null>,
  exitCode: () => number | null,
) {
  const { hostname, port } = new URL(url);
  const body = JSON.stringify({ identifier: 'unitadmin', password: 'Unit@2026' });
  const half = Math.floor(body.length / 2);
  const slow = net.connect(Number(port), hostname);
  const answer = new Promise<string>((resolve, reject) => {
    let text = '';
    slow.on('data', (chunk: Buffer) => (text += chunk.toString()));
    slow.on('end', () => resolve(text));
    slow.on('error', reject);
  });
  await new Promise<void>((resolve) => slow.once('connect', resolve));
  slow.write(
    `POST /api/auth/login HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, half)}`,
  );
  expect((await fetch(`${url}/healthz`)).status).toBe(200);

  terminate();
  await expect.poll(() => connectionRefused(Number(port), hostname), { timeout: 60_000 }).toBe(true);
  expect(exitCode()).toBeNull();

  slow.write(body.slice(half));
  const response = await answer;
  expect(response).toMatch(/^HTTP\/1\.1 200 /);
  expect(response).toContain('"token"');
  expect(await exited).toBe(0);
}

function connectionRefused(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}
