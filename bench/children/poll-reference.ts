import http from 'node:http';
import path from 'node:path';
import { syncRoutes } from '../../src-server/applications/sync-routes';
import { resolveSession } from '../../src-server/identity/sessions';
import type { AuthedRouteContext, DeclareRoute, RouteHandler } from '../../src-server/http/route';
import { parseRequest } from '../../src-server/http/validation';
import { startServer } from '../../src-server/listen';
import { HTTP_ROUTES } from '../../src-shared/contracts/http';
import { serveParent } from '../child';

/**
 * The empty-poll reference: node:http running the same handler logic as the server's pull route on the
 * same database: the bearer token resolved to a session, the query validated, the route's own handler
 * (taken from syncRoutes), the answer parsed by the contract and sent as JSON. What the server's
 * middleware, routing and logging add is the difference.
 */

const dataDir = process.env.DATA_DIR;
if (dataDir === undefined) throw new Error('DATA_DIR');
// The platform (database, configuration) as the server builds it; its own listener is not used.
const platformServer = await startServer(
  {
    database: { kind: 'sqlite', file: path.join(dataDir, 'server', 'platform.sqlite') },
    filesDir: path.join(dataDir, 'server', 'files'),
    demo: true,
    sessionIdleMinutes: 480,
  },
  { port: 0 },
);
const { db } = platformServer.platform;

let pull: RouteHandler<'pullApplications'> | null = null;
const capture: DeclareRoute = (name, handler) => {
  if (name === 'pullApplications') pull = handler as unknown as RouteHandler<'pullApplications'>;
};
syncRoutes(capture);
if (pull === null) throw new Error('syncRoutes declared no pullApplications');
const handler: RouteHandler<'pullApplications'> = pull;
const spec = HTTP_ROUTES.pullApplications;

const server = http.createServer((req, res) => {
  void (async () => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
      const session = token === null ? null : await resolveSession(db, token, 480, new Date());
      if (session === null) {
        res.writeHead(401).end();
        return;
      }
      const input = parseRequest(spec.request, Object.fromEntries(url.searchParams));
      const output = await handler(input, { db, session } as unknown as AuthedRouteContext);
      const body = JSON.stringify(spec.response.parse(output));
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  })();
});
server.keepAliveTimeout = 65_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = server.address();
const port = typeof address === 'object' && address !== null ? address.port : 0;

serveParent(
  async (command) => {
    if (command === 'url') return `http://127.0.0.1:${port}`;
    throw new Error(`unknown command ${command}`);
  },
  async () => {
    server.closeAllConnections();
    server.close();
    await platformServer.close();
  },
);
