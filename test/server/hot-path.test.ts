import { afterAll, beforeAll, expect, it } from 'vitest';
import { pullResponseSchema } from '../../src-shared/contracts/applications';
import { helmetHeaders } from '../../src-server/http/api-app';
import { startServer } from '../../src-server/listen';
import type { RunningServer } from '../../src-server/listen';
import { describeEachDatabase } from './databases';
import { expectError, expectOk, getJson, login, testConfig } from './helpers';
import { capturedLog } from './log-capture';
import { rawRequest } from '../support/raw-http';

/**
 * The sync poll's lean path (issue 14): own request logging instead of pino-http, helmet's headers
 * worked out once, routes without path parameters dispatched before the router, and no body parsing
 * on a GET. What a client and an operator see must stay as before.
 */

const PULL = '/api/sync/applications';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describeEachDatabase('the hot path of the sync poll', (fresh) => {
  let server: RunningServer;
  let token: string;
  const log = capturedLog();

  beforeAll(async () => {
    server = await startServer(testConfig(await fresh(), { logger: log.logger }));
    token = await login(server.url, 'deptadmin', 'Dept@2026');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers the poll with every header helmet sets, no-store and a request id', async () => {
    const expected = helmetHeaders();
    expect(expected.map(([name]) => name.toLowerCase())).toEqual(
      expect.arrayContaining(['content-security-policy', 'x-content-type-options', 'referrer-policy']),
    );
    const res = await getJson(`${server.url}${PULL}`, token);
    await expectOk(res, pullResponseSchema);
    for (const [name, value] of expected) expect(res.headers.get(name), name).toBe(value);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-request-id')).toMatch(UUID);
  });

  it('writes the same request line as before: id, method, path without query, status and time', async () => {
    const res = await fetch(`${server.url}${PULL}?limit=5`, {
      headers: { authorization: `Bearer ${token}`, 'x-request-id': 'poll-hot-1' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('poll-hot-1');
    await res.text();
    // The line is written on 'finish', which may come just after the client has the answer.
    await expect
      .poll(() => log.entries().filter((entry) => entry.requestId === 'poll-hot-1'))
      .toHaveLength(1);
    const entry = log.entries().find((line) => line.requestId === 'poll-hot-1');
    expect(entry).toEqual({
      level: 'info',
      time: expect.any(String),
      pid: process.pid,
      requestId: 'poll-hot-1',
      req: { id: 'poll-hot-1', method: 'GET', path: PULL },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
      msg: 'request completed',
    });
  });

  it('still refuses on the direct path: no token, bad input, another method, all as JSON errors', async () => {
    const anonymous = await getJson(`${server.url}${PULL}`);
    await expectError(anonymous, 401, 'UNAUTHENTICATED');
    expect(anonymous.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(anonymous.headers.get('x-request-id')).toMatch(UUID);
    await expectError(await getJson(`${server.url}${PULL}?limit=0`, token), 400, 'BAD_REQUEST');
    await expectError(await fetch(`${server.url}${PULL}`, { method: 'POST' }), 404, 'NOT_FOUND');
  });

  it('serves the other spellings of the path through the router as before', async () => {
    await expectOk(await getJson(`${server.url}${PULL}/`, token), pullResponseSchema);
    await expectOk(await getJson(`${server.url}${PULL.toUpperCase()}`, token), pullResponseSchema);
  });

  it('compresses a large answer as before and sends a small one as it is', async () => {
    const headers = { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' };
    const page = await rawRequest(server.url, { path: `${PULL}?limit=1000`, headers });
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(page.headers['content-type']).toBe('application/json; charset=utf-8');
    const plain = await getJson(`${server.url}${PULL}?limit=1000`, token);
    const full = pullResponseSchema.parse(await plain.json());
    expect(full.kind === 'changes' && full.applications.length).toBeGreaterThan(0);
    if (full.kind !== 'changes') throw new Error('expected changes');

    let cursor = full.cursor;
    for (let remaining = full.remaining; remaining > 0;) {
      const next = pullResponseSchema.parse(
        await (await getJson(`${server.url}${PULL}?limit=1000&cursor=${cursor}`, token)).json(),
      );
      if (next.kind !== 'changes') throw new Error('expected changes');
      cursor = next.cursor;
      remaining = next.remaining;
    }
    const empty = await rawRequest(server.url, { path: `${PULL}?cursor=${cursor}`, headers });
    expect(empty.status).toBe(200);
    expect(empty.headers['content-encoding']).toBeUndefined();
    expect(empty.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(empty.headers['content-length'])).toBe(Buffer.byteLength(empty.text));
    expect(JSON.parse(empty.text)).toEqual({
      kind: 'changes',
      applications: [],
      removedIds: [],
      cursor,
      remaining: 0,
    });
  });

  it('takes a GET’s input from its query and never parses a body it sends', async () => {
    const res = await rawRequest(server.url, {
      path: `${PULL}?limit=3`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(res.status, res.text).toBe(200);
    expect(pullResponseSchema.parse(JSON.parse(res.text)).kind).toBe('changes');
    // A GET body over the limit is still refused from its Content-Length.
    const large = await rawRequest(server.url, {
      path: PULL,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: 'x'.repeat(1024 * 1024 + 1),
    });
    expect(large.status).toBe(413);
  });

  it('logs a failure behind a 500 at error level with its error, and answers without a stack', async () => {
    const failing = await startServer(testConfig(await fresh(), { logger: log.logger }));
    try {
      const failingToken = await login(failing.url, 'deptadmin', 'Dept@2026');
      // The database gone underneath a running server: every authenticated request fails inside.
      await failing.platform.db.destroy();
      const res = await fetch(`${failing.url}${PULL}`, {
        headers: { authorization: `Bearer ${failingToken}`, 'x-request-id': 'poll-hot-500' },
      });
      await expectError(res, 500, 'SERVER_ERROR');
      await expect
        .poll(() => log.entries().filter((entry) => entry.requestId === 'poll-hot-500'))
        .toHaveLength(1);
      const entry = log.entries().find((line) => line.requestId === 'poll-hot-500');
      expect(entry).toMatchObject({
        level: 'error',
        msg: 'request failed',
        req: { method: 'GET', path: PULL },
        res: { statusCode: 500 },
        err: { message: expect.any(String), stack: expect.any(String) },
      });
    } finally {
      await failing.close().catch(() => undefined);
    }
  });
});
