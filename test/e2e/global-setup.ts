import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { runWebClient } from '../../src-main/web/run-web-client';

/**
 * One web client for the run: the embedded server over a fresh SQLite file with demo data, the core,
 * and the web host, all on loopback with random ports. Its URL reaches the tests as E2E_BASE_URL.
 *
 * A browser gets in only through a one-time address that the host hands to whoever started it, and
 * the tests run in worker processes: a small loopback desk here hands them a fresh address per request
 * (E2E_LOGIN_DESK_URL, behind a random path), as the terminal hands one to a person pressing Enter.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-e2e-'));
  const client = await runWebClient({
    ...process.env,
    DATA_DIR: dataDir,
    SERVER_URL: '',
    WEB_PORT: '0',
    SERVER_PORT: '0',
  });
  const deskPath = `/${randomBytes(16).toString('hex')}`;
  const desk = createServer((req, res) => {
    if (req.url !== deskPath) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end(client.host.newLoginUrl());
  });
  const deskPort = await new Promise<number>((resolve, reject) => {
    desk.once('error', reject);
    desk.listen(0, '127.0.0.1', () => resolve(portOf(desk)));
  });
  process.env.E2E_BASE_URL = client.host.url;
  process.env.E2E_LOGIN_DESK_URL = `http://127.0.0.1:${deskPort}${deskPath}`;
  process.env.E2E_SERVER_URL = client.serverUrl;
  return async () => {
    await new Promise<void>((resolve) => desk.close(() => resolve()));
    await client.close();
    await rm(dataDir, { recursive: true, force: true });
  };
}

function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('login desk has no TCP address');
  return address.port;
}
