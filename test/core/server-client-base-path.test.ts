import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ServerClient } from '../../src-main/core/server-client/server-client';

/**
 * A central server published under a path (https://host/zhicheng behind a unit's reverse proxy): plain
 * and streamed calls alike must go below that path, not to the host's root.
 */

const seen: string[] = [];
let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ ok: false, error: { code: 'UNAUTHENTICATED', message: '登录已过期,请重新登录' } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/zhicheng`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it.each(['', '/'])('keeps the path of the server address (ending in "%s")', async (ending) => {
  seen.length = 0;
  const client = new ServerClient(base + ending, { busyRetries: 0 });
  await client.call('me', {}, 'token').catch(() => undefined);
  await client.stream('pullApplicationsStream', {}, 'token').catch(() => undefined);
  expect(seen).toHaveLength(2);
  for (const url of seen) expect(url).toMatch(/^\/zhicheng\/api\//);
});
