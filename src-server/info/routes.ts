import { PLATFORM_SERVER_NAME } from '../../src-shared/contracts';
import type { DeclareRoute } from '../http/route';
import { PLATFORM_VERSION } from '../version';

/** GET /api/info: lets a client check that it talks to our platform and whether it holds demo data. */
export function infoRoutes(route: DeclareRoute) {
  route('serverInfo', async (_input, { config }) => ({
    name: PLATFORM_SERVER_NAME,
    version: PLATFORM_VERSION,
    demo: config.demo,
  }));
}
