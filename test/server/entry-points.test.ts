import { fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serverInfoSchema } from '../../src-shared/contracts/http';

/** The two ways the server runs as its own process: `npm run server` and the desktop app's fork. */

const root = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];

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
  it('src-server/process-entry.ts reports its URL to the parent and stops on request', async () => {
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
    expect(message).toEqual({ type: 'listening', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    const { url } = message as { url: string };
    expect(serverInfoSchema.parse(await (await fetch(`${url}/api/info`)).json()).demo).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'server', 'platform.sqlite'))).toBe(true);

    child.send({ type: 'shutdown' });
    expect(await exited).toBe(0);
  });

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

  it('src-server/cli.ts prints where it listens and shuts down on SIGINT', async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src-server/cli.ts')], {
      cwd: root,
      env: childEnv({ DATA_DIR: dataDir, SERVER_PORT: '0' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = exitOf(child);
    const line = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('\n')) resolve(output.split('\n')[0]!);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    const file = path.join(dataDir, 'server', 'platform.sqlite');
    expect(line).toMatch(
      new RegExp(
        `^Platform server: http://127\\.0\\.0\\.1:\\d+ \\(sqlite: ${file.replace(/[.]/g, '\\.')}\\)`,
      ),
    );
    const url = /(http:\/\/\S+)/.exec(line)![1]!;
    expect((await fetch(`${url}/api/info`)).status).toBe(200);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

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
