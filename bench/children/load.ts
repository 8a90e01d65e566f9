import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { serveParent } from '../child';

/**
 * A loopback load generator in its own process: `connections` keep-alive clients each send the next GET
 * as soon as the last answer is in, for `seconds`. Counts answers with status 200 (anything else fails
 * the run: a refused poll is not throughput).
 */

serveParent(async (command, raw) => {
  if (command !== 'load') throw new Error(`unknown command ${command}`);
  const { url, token, connections, seconds } = raw as {
    url: string;
    token: string;
    connections: number;
    seconds: number;
  };
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(url);
  let ok = 0;
  let failed = '';
  const deadline = performance.now() + seconds * 1000;
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const req = http.get(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
        },
        (res) => {
          res.on('data', () => {});
          res.on('end', () => {
            if (res.statusCode === 200) ok += 1;
            else failed = `status ${res.statusCode}`;
            resolve();
          });
        },
      );
      req.on('error', reject);
    });
  const start = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline && failed === '') await once();
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  if (failed !== '') throw new Error(`a poll failed: ${failed}`);
  return { requests: ok, perSecond: ok / elapsed };
});
