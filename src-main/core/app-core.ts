import type { AppApiHandlers, ConnectionInfo } from '../../src-shared/contracts';
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
