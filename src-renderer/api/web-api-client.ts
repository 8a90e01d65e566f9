// The names only (no zod): the login screen's first chunk carries this client, not the contracts' schemas.
import { APP_METHOD_NAMES } from '../../src-shared/contracts/app-method-names';
import type { AppApi, Result } from '../../src-shared/contracts';

/**
 * The app API over the web host's loopback HTTP, with the same named methods as Electron's
 * `window.api`, so screens never know which host they run in. The browser proves who it is with the
 * host's HttpOnly session cookie (sent on same-origin requests only); the page holds no secret.
 */
export function createWebApiClient(fetchImpl: typeof fetch = fetch.bind(globalThis)): AppApi {
  const call = async (method: string, input: unknown): Promise<Result<unknown>> => {
    try {
      const response = await fetchImpl(`./app-api/${method}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ input }),
      });
      return (await response.json()) as Result<unknown>;
    } catch {
      return {
        ok: false,
        error: { code: 'SERVER_UNREACHABLE', message: '与本机客户端服务的连接已断开,请重新启动客户端' },
      };
    }
  };
  return Object.fromEntries(
    APP_METHOD_NAMES.map((name) => [name, (input?: unknown) => call(name, input)]),
  ) as unknown as AppApi;
}
