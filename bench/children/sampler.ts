import { startChild } from '../child';
import { serveParent } from '../child';
import { stallSampler } from '../stall';

/**
 * A process that samples its own event loop on request. Alone, it is the idle sibling: what the machine
 * does to any process's loop over the same period. With BENCH_CORE_SERVER_URL set it is the Electron-like
 * main process: the core runs in a child of it (core.ts) and this process only relays the core's events
 * and the bench's calls, as the main process does between the core's process and the windows.
 */

const sampler = stallSampler();
const serverUrl = process.env.BENCH_CORE_SERVER_URL;
const core =
  serverUrl === undefined
    ? null
    : startChild('core.ts', {
        BENCH_CORE_SERVER_URL: serverUrl,
        BENCH_CORE_DATA_DIR: process.env.BENCH_CORE_DATA_DIR,
      });

const emit = serveParent(
  async (command, args) => {
    if (command === 'start') return sampler.start();
    if (command === 'stop') return sampler.stop();
    if (core === null) throw new Error(`unknown command ${command}`);
    // Everything else is the window's call to the core: relayed as the main process relays it.
    return core.request(command, args, 600_000);
  },
  async () => {
    await core?.stop();
  },
);
core?.onEvent((event) => emit(event));
