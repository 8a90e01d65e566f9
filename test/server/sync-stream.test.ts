import { mkdtemp } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src-server/listen';
import {
  pullResponseSchema,
  pullStreamLineSchema,
  type PullResponse,
  type PullStreamLine,
} from '../../src-shared/contracts/applications';
import { addHospitalApplications } from '../support/killed-client';
import { describeEachDatabase } from './databases';
import { expectError, expectOk, getJson, login, testConfig } from './helpers';

/**
 * The streamed pull (NDJSON) against the real server on each database: the same pages as the paged
 * pull, `max` pages per answer, errors as ordinary JSON answers before the first line, gzip only for a
 * client that asks for it, and a client that stops reading holds the server at the line it is on.
 */

const APPLICATIONS = 40;

describeEachDatabase('sync: the streamed pull', (fresh) => {
  let server: RunningServer;
  let token: string;

  beforeAll(async () => {
    // A folder of its own for the scans on either database (PostgreSQL's config names none).
    const filesDir = await mkdtemp(path.join(os.tmpdir(), 'sync-stream-files-'));
    server = await startServer(testConfig(await fresh(), { filesDir }));
    await addHospitalApplications(server.platform, filesDir, {
      seed: 3,
      count: APPLICATIONS,
      firstIndex: 200_000,
    });
    token = await login(server.url, 'unitadmin', 'Unit@2026');
  }, 120_000);

  afterAll(() => server.close());

  const query = (values: Record<string, string | number | undefined>) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(values))
      if (value !== undefined) params.set(key, String(value));
    return params.toString();
  };

  async function streamLines(values: Record<string, string | number | undefined>): Promise<PullStreamLine[]> {
    const res = await getJson(`${server.url}/api/sync/applications/stream?${query(values)}`, token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const text = await res.text();
    expect(text.endsWith('\n')).toBe(true);
    return text
      .slice(0, -1)
      .split('\n')
      .map((line) => pullStreamLineSchema.parse(JSON.parse(line)));
  }

  async function pagedPull(limit: number, cursor?: string): Promise<PullResponse[]> {
    const pages: PullResponse[] = [];
    for (let next = cursor; pages.length < 1000;) {
      const res = await getJson(
        `${server.url}/api/sync/applications?${query({ cursor: next, limit })}`,
        token,
      );
      const page = await expectOk(res, pullResponseSchema);
      pages.push(page);
      if (page.kind !== 'changes' || page.remaining === 0) return pages;
      next = page.cursor;
    }
    throw new Error('the pull never ended');
  }

  const changes = (line: PullStreamLine | PullResponse) => {
    if (line.kind !== 'changes') throw new Error(`unexpected resync: ${line.reason}`);
    return line;
  };

  it('answers the same pages, cursors and counts of what remains as the paged pull', async () => {
    const paged = (await pagedPull(7)).map(changes);
    const streamed = (await streamLines({ limit: 7, max: 100 })).map(changes);
    expect(streamed.length).toBeGreaterThan(3);
    expect(streamed.map((page) => page.applications.map((record) => record.id))).toEqual(
      paged.map((page) => page.applications.map((record) => record.id)),
    );
    expect(streamed.map((page) => page.cursor)).toEqual(paged.map((page) => page.cursor));
    expect(streamed.map((page) => page.remaining)).toEqual(paged.map((page) => page.remaining));
    expect(streamed.at(-1)?.remaining).toBe(0);
    expect(streamed.flatMap((page) => page.applications)).toEqual(paged.flatMap((page) => page.applications));
  });

  it('stops after `max` pages, and the last cursor continues where it stopped', async () => {
    const all = (await streamLines({ limit: 5, max: 100 })).map(changes);
    const first = (await streamLines({ limit: 5, max: 3 })).map(changes);
    expect(first).toHaveLength(3);
    expect(first.at(-1)?.remaining).toBeGreaterThan(0);
    const rest = (await streamLines({ cursor: first.at(-1)?.cursor, limit: 5, max: 100 })).map(changes);
    expect([...first, ...rest].map((page) => page.cursor)).toEqual(all.map((page) => page.cursor));
    // Nothing after the end: one empty page that says so.
    const after = (await streamLines({ cursor: all.at(-1)?.cursor, limit: 5 })).map(changes);
    expect(after).toEqual([
      expect.objectContaining({ applications: [], removedIds: [], remaining: 0, cursor: all.at(-1)?.cursor }),
    ]);
  });

  it('answers a cursor it cannot continue with one resync line', async () => {
    const lines = await streamLines({ cursor: 'not-a-cursor' });
    expect(lines).toEqual([{ kind: 'resync', reason: 'unknown cursor' }]);
  });

  it('refuses a missing session and a bad request with the usual JSON error', async () => {
    const anonymous = await getJson(`${server.url}/api/sync/applications/stream`);
    await expectError(anonymous, 401, 'UNAUTHENTICATED');
    const tooLarge = await getJson(`${server.url}/api/sync/applications/stream?max=100000`, token);
    await expectError(tooLarge, 400, 'BAD_REQUEST');
    const unknownField = await getJson(`${server.url}/api/sync/applications/stream?page=2`, token);
    await expectError(unknownField, 400, 'BAD_REQUEST');
  });

  it('gzips the lines only for a client that accepts gzip', async () => {
    const plain = await rawGet('/api/sync/applications/stream?limit=10', { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const zipped = await rawGet('/api/sync/applications/stream?limit=10', { 'accept-encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.body).toString('utf8')).toBe(plain.body.toString('utf8'));
  });

  it('holds the answer while the client does not read, and sends the rest when it reads again', async () => {
    // Pages of one application (several KB each) so that a handful of unread pages fill the socket.
    const url = new URL(`/api/sync/applications/stream?limit=1&max=100`, server.url);
    const received: Buffer[] = [];
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.get(
        url,
        { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'identity' } },
        resolve,
      );
      req.on('error', reject);
    });
    res.on('data', (chunk: Buffer) => received.push(chunk));
    res.pause();
    // Whatever the kernel buffers reach, a paused reader gets less than the whole answer.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ended = new Promise<void>((resolve) => res.on('end', resolve));
    res.resume();
    await ended;
    const lines = Buffer.concat(received).toString('utf8').trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(APPLICATIONS);
    expect(changes(pullStreamLineSchema.parse(JSON.parse(lines.at(-1) ?? ''))).remaining).toBe(0);
  });

  function rawGet(path: string, headers: Record<string, string>) {
    return new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = http.get(
        new URL(path, server.url),
        { headers: { ...headers, authorization: `Bearer ${token}` } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
    });
  }
});
