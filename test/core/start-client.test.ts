import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppFailure } from '../../src-shared/contracts';
import type { EmbeddedServer } from '../../src-main/core/embedded-server';
import {
  beginClient,
  EMBEDDED_SERVER_NOT_STARTED,
  type ClientSettings,
} from '../../src-main/core/start-client';

/**
 * The client bootstrap while its embedded server is not up: the hold on it (holdServerForFirstScreenMs)
 * and calls that wait for it. The server's process is the one part that stands in here: it records
 * when it was asked to start and never listens.
 */
const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function heldClient(holdServerForFirstScreenMs?: number) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-start-client-'));
  folders.push(dataDir);
  const events: string[] = [];
  const startEmbeddedServer: ClientSettings['startEmbeddedServer'] = (_onUrl, startAfter) => {
    void (startAfter ?? Promise.resolve()).then(() => events.push('server started'));
    // Like the real supervisor's, a stop rejects the address that never came.
    let stopped!: (error: Error) => void;
    const firstUrl = new Promise<string>((_resolve, reject) => (stopped = reject));
    firstUrl.catch(() => {});
    const server: EmbeddedServer = {
      firstUrl,
      currentUrl: () => null,
      stop: async () => stopped(new Error('stopped')),
    };
    return server;
  };
  const client = await beginClient({
    dataDir,
    env: {},
    configFile: null,
    startEmbeddedServer,
    ...(holdServerForFirstScreenMs === undefined ? {} : { holdServerForFirstScreenMs }),
  });
  return { client, events };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('holding the embedded server for the first screen', () => {
  it('starts it once the window has its login screen, after that answer', async () => {
    const { client, events } = await heldClient(60_000);
    await settle();
    expect(events).toEqual([]);
    const session = await client.handlers.getSession(undefined);
    events.push('getSession answered');
    expect(session).toEqual({ user: null });
    await settle();
    expect(events).toEqual(['getSession answered', 'server started']);
    await client.close();
  });

  it('starts it anyway when no window asks in time', async () => {
    const { client, events } = await heldClient(1);
    await settle();
    expect(events).toEqual(['server started']);
    await client.close();
  });
});

it('answers calls waiting for a server that was stopped before it listened with a Chinese failure, not a bug', async () => {
  const { client } = await heldClient();
  const consoleError = vi.spyOn(console, 'error');
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
