import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { ServerClient } from '../../src-main/core/server-client/server-client';
import { AppFailure } from '../../src-shared/contracts/errors';
import { closedPort } from '../support/closed-port';
import { englishWords } from '../support/fuzz-checks';

/**
 * What the core says when the network or what answers on it fails: axios and Node word these failures
 * in English ("Network Error", "timeout of 15000ms exceeded", "Request failed with status code 502",
 * "socket hang up"); the user must read what happened in Chinese, for plain and streamed calls alike.
 */

type Behaviour = 'proxyError' | 'htmlOk' | 'silent' | 'hangUp';

/** A web server in the way of the platform: a proxy's HTML error page, a foreign page, silence, a cut. */
function startStandIn(behaviour: Behaviour): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    if (behaviour === 'silent') return;
    if (behaviour === 'hangUp') {
      req.socket.destroy();
      return;
    }
    res.writeHead(behaviour === 'proxyError' ? 502 : 200, { 'content-type': 'text/html' });
    res.end('<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

async function failureOf(attempt: () => Promise<unknown>): Promise<AppFailure> {
  try {
    await attempt();
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}

const standIns: { close(): Promise<void> }[] = [];
async function standIn(behaviour: Behaviour): Promise<string> {
  const started = await startStandIn(behaviour);
  standIns.push(started);
  return started.url;
}
afterAll(() => Promise.all(standIns.map((started) => started.close())));

describe('the server client speaks Chinese when the network fails', () => {
  // The codes of a plain call and of a streamed one: a page without the stream's line breaks reads as cut.
  const cases: [string, () => Promise<string>, [string, string]][] = [
    [
      'nothing listens (ECONNREFUSED)',
      async () => `http://127.0.0.1:${await closedPort()}`,
      ['SERVER_UNREACHABLE', 'SERVER_UNREACHABLE'],
    ],
    ['no answer in time', () => standIn('silent'), ['SERVER_UNREACHABLE', 'SERVER_UNREACHABLE']],
    ['the connection is cut', () => standIn('hangUp'), ['SERVER_UNREACHABLE', 'SERVER_UNREACHABLE']],
    ["a proxy's 502 page", () => standIn('proxyError'), ['SERVER_ERROR', 'SERVER_ERROR']],
    ['a web page that is not the platform', () => standIn('htmlOk'), ['SERVER_ERROR', 'SERVER_UNREACHABLE']],
  ];

  it.each(cases)('%s', async (_name, baseUrl, codes) => {
    const client = new ServerClient(await baseUrl(), { timeoutMs: 300, busyRetries: 0 });
    const streamed = async () => {
      for await (const line of await client.stream('pullApplicationsStream', {}, 'token')) void line;
    };
    const failures = [await failureOf(() => client.call('serverInfo', {})), await failureOf(streamed)];
    expect(failures.map((failure) => failure.error.code)).toEqual(codes);
    for (const failure of failures) {
      expect(failure.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(englishWords(failure.error.message)).toEqual([]);
    }
  });
});
