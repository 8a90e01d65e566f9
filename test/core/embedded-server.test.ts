import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import {
  defaultBackoffMs,
  relayOutput,
  superviseEmbeddedServer,
  type ServerProcess,
} from '../../src-main/core/embedded-server';

/** A server process the test drives: it says when to listen, crash or exit. */
class FakeServer implements ServerProcess {
  private messageListeners: ((message: unknown) => void)[] = [];
  private exitListeners: ((code: number | null) => void)[] = [];
  readonly sent: unknown[] = [];
  killed = false;
  exited = false;
  /** What the process does when asked to shut down. */
  onShutdown: 'exit' | 'hang' = 'exit';

  onMessage(listener: (message: unknown) => void) {
    this.messageListeners.push(listener);
  }
  onExit(listener: (code: number | null) => void) {
    this.exitListeners.push(listener);
  }
  postMessage(message: unknown) {
    this.sent.push(message);
    if (this.onShutdown === 'exit') setTimeout(() => this.exit(0), 1);
  }
  kill() {
    this.killed = true;
    setTimeout(() => this.exit(null), 1);
  }
  listen(url: string) {
    for (const listener of this.messageListeners) listener({ type: 'listening', url });
  }
  exit(code: number | null) {
    if (this.exited) return;
    this.exited = true;
    for (const listener of this.exitListeners) listener(code);
  }
}

function harness(
  options: { maxRestarts?: number; startTimeoutMs?: number; startAfter?: Promise<void> } = {},
) {
  const processes: FakeServer[] = [];
  const onUrl = vi.fn();
  const onGiveUp = vi.fn();
  const server = superviseEmbeddedServer({
    fork: () => {
      const child = new FakeServer();
      processes.push(child);
      return child;
    },
    onUrl,
    onGiveUp,
    backoffMs: () => 5,
    stopTimeoutMs: 50,
    log: () => {},
    ...options,
  });
  return { server, processes, onUrl, onGiveUp };
}

const waitFor = (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true), { timeout: 2_000 });

describe('embedded server supervisor', () => {
  it('resolves the first URL the server reports', async () => {
    const { server, processes, onUrl } = harness();
    processes[0]?.listen('http://127.0.0.1:40001');
    await expect(server.firstUrl).resolves.toBe('http://127.0.0.1:40001');
    expect(server.currentUrl()).toBe('http://127.0.0.1:40001');
    expect(onUrl).toHaveBeenCalledWith('http://127.0.0.1:40001');
    await server.stop();
  });

  it('restarts a server that exits unexpectedly and reports its new URL', async () => {
    const { server, processes, onUrl } = harness();
    processes[0]?.listen('http://127.0.0.1:40001');
    await server.firstUrl;
    processes[0]?.exit(1);
    expect(server.currentUrl()).toBeNull();
    await waitFor(() => processes.length === 2);
    processes[1]?.listen('http://127.0.0.1:40002');
    expect(onUrl).toHaveBeenLastCalledWith('http://127.0.0.1:40002');
    expect(server.currentUrl()).toBe('http://127.0.0.1:40002');
    await server.stop();
  });

  it('gives up after repeated quick failures', async () => {
    const { server, processes, onGiveUp } = harness({ maxRestarts: 2 });
    processes[0]?.exit(1);
    await waitFor(() => processes.length === 2);
    processes[1]?.exit(1);
    await waitFor(() => processes.length === 3);
    processes[2]?.exit(1);
    await expect(server.firstUrl).rejects.toThrow(/3 times in a row/);
    expect(onGiveUp).toHaveBeenCalledOnce();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(processes).toHaveLength(3);
  });

  it('stops a server that does not report listening in time', async () => {
    const { server, processes } = harness({ startTimeoutMs: 10 });
    await waitFor(() => processes[0]?.killed === true);
    // ... and starts another, which fails the same way until the supervisor gives up.
    await waitFor(() => processes.length >= 2);
    await expect(server.firstUrl).rejects.toThrow(/6 times in a row/);
  });

  it('asks the server to shut down on stop, and does not restart it', async () => {
    const { server, processes } = harness();
    processes[0]?.listen('http://127.0.0.1:40001');
    await server.firstUrl;
    await server.stop();
    expect(processes[0]?.sent).toEqual([{ type: 'shutdown' }]);
    expect(processes[0]?.killed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(processes).toHaveLength(1);
  });

  it('kills a server that ignores the shutdown request', async () => {
    const { server, processes } = harness();
    processes[0]!.onShutdown = 'hang';
    processes[0]?.listen('http://127.0.0.1:40001');
    await server.stop();
    expect(processes[0]?.killed).toBe(true);
  });

  it('holds the first start back until startAfter settles', async () => {
    let release!: () => void;
    const { server, processes } = harness({ startAfter: new Promise<void>((done) => (release = done)) });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(processes).toHaveLength(0);
    release();
    await waitFor(() => processes.length === 1);
    processes[0]?.listen('http://127.0.0.1:40001');
    await expect(server.firstUrl).resolves.toBe('http://127.0.0.1:40001');
    await server.stop();
  });

  it('starts nothing when stopped while held back', async () => {
    let release!: () => void;
    const { server, processes } = harness({ startAfter: new Promise<void>((done) => (release = done)) });
    await server.stop();
    await expect(server.firstUrl).rejects.toThrow(/stopped/);
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(processes).toHaveLength(0);
  });

  it('backs off more after each failure, up to ten seconds', () => {
    expect([1, 2, 3, 4, 5, 10].map(defaultBackoffMs)).toEqual([250, 500, 1000, 2000, 4000, 10_000]);
  });
});

describe('the embedded server child (forkNodeServer)', () => {
  const databaseUrl = process.env.TEST_DATABASE_URL;
  it.skipIf(!databaseUrl)(
    'keeps demo mode off on an operator DATABASE_URL without DEMO, and on for the SQLite file',
    async () => {
      const { forkNodeServer, resolveServerEntry } = await import('../../src-main/core/embedded-server');
      const { mkdtemp, rm } = await import('node:fs/promises');
      const os = await import('node:os');
      const path = await import('node:path');
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'zd-embedded-demo-'));
      const demoOf = async (extra: NodeJS.ProcessEnv) => {
        const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
        delete env.DEMO;
        const child = forkNodeServer({ entry: resolveServerEntry(), env, onLog: () => {} });
        const server = superviseEmbeddedServer({ fork: () => child, maxRestarts: 0, log: () => {} });
        try {
          const url = await server.firstUrl;
          const info = (await (await fetch(`${url}/api/info`)).json()) as { demo: boolean };
          return info.demo;
        } finally {
          await server.stop();
        }
      };
      try {
        expect(
          await demoOf({
            DATABASE_URL: databaseUrl,
            DATA_DIR: dataDir,
            FILES_DIR: path.join(dataDir, 'files'),
          }),
        ).toBe(false);
        expect(await demoOf({ DATABASE_URL: '', DATA_DIR: dataDir })).toBe(true);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    90_000,
  );
});

describe("relaying a child's output", () => {
  it('joins a line, and a Chinese character, cut across two chunks of the pipe', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const lines: string[] = [];
    relayOutput({ stdout, stderr }, (line, stream) => lines.push(`${stream}: ${line}`));
    const text = Buffer.from('{"msg":"内置服务器已启动"}\n\n{"msg":"第二行"}\n', 'utf8');
    // Cut inside the first line's third character (three bytes in UTF-8).
    stdout.write(text.subarray(0, 13));
    stdout.write(text.subarray(13));
    stderr.write('warning\r\n');
    await vi.waitFor(() => expect(lines).toHaveLength(3));
    // Each stream keeps its order; the two streams' lines may interleave either way.
    expect(lines.filter((line) => line.startsWith('stdout'))).toEqual([
      'stdout: {"msg":"内置服务器已启动"}',
      'stdout: {"msg":"第二行"}',
    ]);
    expect(lines.filter((line) => line.startsWith('stderr'))).toEqual(['stderr: warning']);
  });
});
