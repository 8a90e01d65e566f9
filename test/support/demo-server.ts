import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ServerConfig } from '../../src-server/config';
import { startServer, type RunningServer } from '../../src-server/listen';

export interface DemoServer {
  url: string;
  /** A folder for a client's data (its caches) beside the server's, removed with it. */
  clientDataDir: string;
  /** The server's app and database, for tests that look behind the API. */
  platform: RunningServer['platform'];
  close(): Promise<void>;
}

/**
 * The real platform server on loopback over a fresh SQLite file with demo data, in its own temporary
 * folder that closing removes. For tests and benchmarks of the core against the server.
 */
export async function startDemoServer(overrides: Partial<ServerConfig> = {}): Promise<DemoServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-demo-'));
  const server = await startServer(
    {
      database: { kind: 'sqlite', file: path.join(dataDir, 'platform.sqlite') },
      demo: true,
      sessionIdleMinutes: 480,
      ...overrides,
    },
    { port: 0 },
  );
  return {
    url: server.url,
    clientDataDir: path.join(dataDir, 'client'),
    platform: server.platform,
    close: async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
