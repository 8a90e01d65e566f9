import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runWebClient } from '../../src-main/web/run-web-client';

/**
 * One web client for the run: the embedded server over a fresh SQLite file with demo data, the core,
 * and the web host, all on loopback with random ports. Its URL reaches the tests as E2E_BASE_URL.
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
  process.env.E2E_BASE_URL = client.host.url;
  process.env.E2E_SERVER_URL = client.serverUrl;
  return async () => {
    await client.close();
    await rm(dataDir, { recursive: true, force: true });
  };
}
