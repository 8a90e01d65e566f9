import { createAppCore } from '../src-main/core/app-core';
import { dispatchAppCall } from '../src-main/core/app-api/dispatch';
import { startDemoServer } from '../test/support/demo-server';
import { medianMs, type Comparison } from './harness';

/**
 * The cost of the client's layers on a login: the app API gate, the core's session handling and the
 * axios client with contract checks, against a bare `fetch` of the same route on the same server.
 */
export async function loginBench(): Promise<Comparison[]> {
  const server = await startDemoServer();
  try {
    const core = createAppCore({ serverUrl: server.url, dataDir: server.clientDataDir, mode: 'embedded' });
    const credentials = { identifier: 'unitadmin', password: 'Unit@2026' };
    const bare = () =>
      fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(credentials),
      }).then((r) => r.json());
    const throughCore = () => dispatchAppCall(core.handlers, 'login', credentials);
    const reference = await medianMs(bare, 30);
    const measured = await medianMs(throughCore, 30);
    return [
      {
        name: 'login through renderer gate + core + axios',
        measured,
        reference,
        referenceName: 'bare fetch of POST /api/auth/login',
        target: 1.5,
      },
    ];
  } finally {
    await server.close();
  }
}
