import type { AddressInfo } from 'node:net';
import { createServer } from './app';
import type { PlatformServer } from './app';
import type { ServerConfig } from './config';

export interface ListenOptions {
  /** Loopback by default: the embedded server must not be reachable from the network. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface RunningServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:8787 */
  url: string;
  port: number;
  /** The app and database behind the listener, for tests and admin tools in the same process. */
  platform: PlatformServer;
  close(): Promise<void>;
}

export async function startServer(config: ServerConfig, options: ListenOptions = {}): Promise<RunningServer> {
  const { host = '127.0.0.1', port = 0 } = options;
  const platform = await createServer(config);
  let server;
  try {
    server = await new Promise<ReturnType<typeof platform.app.listen>>((resolve, reject) => {
      const listening = platform.app.listen(port, host, (error?: Error) =>
        error ? reject(error) : resolve(listening),
      );
    });
  } catch (error) {
    await platform.close();
    throw error;
  }
  const actualPort = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const http = server;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${actualPort}`,
    port: actualPort,
    platform,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve, reject) => {
          http.close((error) => (error ? reject(error) : resolve()));
          // Keep-alive connections of clients would hold close() open until they time out.
          http.closeAllConnections();
        });
        await platform.close();
      })();
      return closing;
    },
  };
}
