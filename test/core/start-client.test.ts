import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { AppFailure } from '../../src-shared/contracts';
import type { EmbeddedServer } from '../../src-main/core/embedded-server';
import { beginClient, EMBEDDED_SERVER_NOT_STARTED } from '../../src-main/core/start-client';

/**
 * The client while its embedded server is still starting. The server's process is the one part that
 * stands in here (an EmbeddedServer that never listens): what is tested is how the client's calls behave
 * around it.
 */

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

function serverThatNeverListens(): EmbeddedServer {
  let fail: (error: Error) => void = () => {};
  const firstUrl = new Promise<string>((_resolve, reject) => (fail = reject));
  firstUrl.catch(() => {});
  return {
    firstUrl,
    currentUrl: () => null,
    stop: async () => fail(new Error('the embedded server was stopped')),
  };
}

it('answers calls waiting for a server that was stopped before it started with a Chinese failure, not a bug', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-start-client-'));
  folders.push(dataDir);
  const consoleError = vi.spyOn(console, 'error');
  const client = await beginClient({
    dataDir,
    env: {},
    configFile: null,
    startEmbeddedServer: () => serverThatNeverListens(),
  });
  try {
    // No token kept: the login screen's question needs no server.
    await expect(client.handlers.getSession(undefined)).resolves.toEqual({ user: null });
    const waiting = client.handlers.getConnection(undefined);
    await client.close();
    const failure = await waiting.then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(AppFailure);
    expect((failure as AppFailure).error).toMatchObject({
      code: 'SERVER_UNREACHABLE',
      message: EMBEDDED_SERVER_NOT_STARTED,
    });
    expect(consoleError).not.toHaveBeenCalled();
  } finally {
    consoleError.mockRestore();
  }
});
