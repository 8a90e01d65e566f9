import { runWebClient } from '../../src-main/web/run-web-client';
import { serveParent } from '../child';
import { stallSampler } from '../stall';

/**
 * The web host as `npm run web` composes it (runWebClient: the embedded server, the core and the host
 * that serves the UI, in whatever processes it puts them), over the DATA_DIR the bench prepared. The
 * sampler runs in this process, the one that serves the UI. The bench's calls take the host's
 * /app-api route's path: over the port to the core's thread and through its gate.
 */

const client = await runWebClient({ ...process.env, SYNC_INTERVAL_SECONDS: '3600' });
const sampler = stallSampler();
const emit = serveParent(
  async (command, args) => {
    if (command === 'start') return sampler.start();
    if (command === 'stop') return sampler.stop();
    return client.call(command, args);
  },
  () => client.close(),
);
client.events.subscribe((event) => emit(event));
