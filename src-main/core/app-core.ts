import { APP_METHODS, APP_METHOD_NAMES, HTTP_ROUTES } from '../../src-shared/contracts';
import type { AppApiHandlers, ConnectionInfo, ForwardedMethodName } from '../../src-shared/contracts';
import { ServerClient } from './server-client/server-client';
import { SessionService } from './session/session-service';
import { MemoryTokenVault, type TokenVault } from './session/token-vault';

export interface AppCoreOptions {
  serverUrl: string;
  mode: ConnectionInfo['mode'];
  tokenVault?: TokenVault;
}

/**
 * The desktop's behaviour without any window: one instance per running client, used by the
 * Electron IPC adapter and by the web host alike.
 */
export interface AppCore {
  readonly handlers: AppApiHandlers;
}

export function createAppCore(options: AppCoreOptions): AppCore {
  const server = new ServerClient(options.serverUrl);
  const session = new SessionService(server, options.tokenVault ?? new MemoryTokenVault());

  const handlers: AppApiHandlers = {
    ...forwardingHandlers(server, session),
    getSession: () => session.current(),
    login: (credentials) => session.login(credentials),
    logout: () => session.logout(),
    getConnection: async () => {
      const info = await server.call('serverInfo', {}).catch(() => null);
      return {
        serverUrl: options.serverUrl,
        mode: options.mode,
        demo: info?.demo ?? false,
        reachable: info !== null,
      };
    },
  };
  return { handlers };
}

/**
 * The methods that are plain server calls, from the contract's `forwardTo`: the core adds the token
 * where the route needs one and passes the answer (or the server's Chinese error) on.
 */
function forwardingHandlers(
  server: ServerClient,
  session: SessionService,
): Pick<AppApiHandlers, ForwardedMethodName> {
  const entries = APP_METHOD_NAMES.flatMap((method) => {
    const spec = APP_METHODS[method];
    if (!('forwardTo' in spec)) return [];
    const route = spec.forwardTo;
    const handler = (input: unknown) => {
      const body = (input ?? {}) as never;
      return HTTP_ROUTES[route].auth
        ? session.withToken((token) => server.call(route, body, token))
        : server.call(route, body);
    };
    return [[method, handler] as const];
  });
  return Object.fromEntries(entries) as Pick<AppApiHandlers, ForwardedMethodName>;
}
