import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ServerClient } from '../src-main/core/server-client/server-client';
import { closedPort } from '../test/support/closed-port';
import { startChild } from './child';
import type { Comparison } from './harness';
import { startServerProcess } from './sync.bench';

/**
 * The server's empty delta pull (a reviewer's cursor at the head, what every idle client asks every
 * interval): requests per second from a loopback load generator in another process with keep-alive
 * connections, against node:http running the same handler logic on the same database. The two are
 * measured in turns (server, reference, server, reference) and the better of each kept.
 */

const SIZE = 2_000;
const CONNECTIONS = 16;
const SECONDS = 8;
const REVIEWER = { identifier: 'deptadmin', password: 'Dept@2026' };
const MINUTE = 60_000;

export async function emptyPollBench(): Promise<Comparison[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-poll-'));
  const dataDir = path.join(dir, 'server-data');
  const world = startChild('world.ts');
  const load = startChild('load.ts');
  let server: Awaited<ReturnType<typeof startServerProcess>> | null = null;
  let reference: ReturnType<typeof startChild> | null = null;
  try {
    await world.request('prepare', { dataDir, size: SIZE }, 15 * MINUTE);
    await world.stop();
    const port = await closedPort();
    server = await startServerProcess(dataDir, port);
    const serverUrl = `http://127.0.0.1:${port}`;
    reference = startChild('poll-reference.ts', { DATA_DIR: dataDir });
    const referenceUrl = await reference.request<string>('url', {}, 2 * MINUTE);

    // A reviewer at the head: pull every page once, then the cursor is what an idle client sends.
    const client = new ServerClient(serverUrl, { timeoutMs: 120_000 });
    const { token } = await client.call('login', REVIEWER);
    let cursor: string | undefined;
    for (;;) {
      const page = await client.call('pullApplications', cursor === undefined ? {} : { cursor }, token);
      if (page.kind !== 'changes') throw new Error('unexpected resync');
      cursor = page.cursor;
      if (page.remaining === 0) break;
    }
    if (cursor === undefined) throw new Error('no cursor');
    const query = `/api/sync/applications?cursor=${encodeURIComponent(cursor)}`;
    const measure = async (base: string) =>
      (
        await load.request<{ perSecond: number }>(
          'load',
          { url: base + query, token, connections: CONNECTIONS, seconds: SECONDS },
          2 * MINUTE,
        )
      ).perSecond;
    // Warm both up, then alternate, so that a change in the machine's load falls on both.
    await load.request('load', { url: serverUrl + query, token, connections: 4, seconds: 1 }, MINUTE);
    await load.request('load', { url: referenceUrl + query, token, connections: 4, seconds: 1 }, MINUTE);
    const ours: number[] = [];
    const bare: number[] = [];
    for (let turn = 0; turn < 2; turn += 1) {
      ours.push(await measure(serverUrl));
      bare.push(await measure(referenceUrl));
    }
    return [
      {
        name: `empty delta poll: requests/s of the server (cursor at the head, ${CONNECTIONS} keep-alive connections)`,
        measured: Math.max(...ours),
        reference: Math.max(...bare),
        referenceName: 'node:http running the same handler on the same database',
        unit: 'req/s',
        higherIsBetter: true,
        target: 0.5,
        note: `server ${ours.map((v) => v.toFixed(0)).join(', ')}; node:http ${bare.map((v) => v.toFixed(0)).join(', ')} (turns of ${SECONDS} s)`,
      },
    ];
  } finally {
    await load.stop();
    await world.stop();
    await reference?.stop();
    server?.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}
