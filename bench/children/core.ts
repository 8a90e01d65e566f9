import { createAppCore } from '../../src-main/core/app-core';
import { dispatchAppCall } from '../../src-main/core/app-api/dispatch';
import { serveParent } from '../child';
import { stallSampler } from '../stall';

/**
 * The core in a process of its own (the Electron layout this step moves to): calls arrive through the
 * dispatch gate, and the sync status goes out as events. It samples its own loop too: that is what a
 * main process hosting the core, as today's Electron main does, would feel.
 */

const serverUrl = process.env.BENCH_CORE_SERVER_URL;
const dataDir = process.env.BENCH_CORE_DATA_DIR;
if (serverUrl === undefined || dataDir === undefined)
  throw new Error('BENCH_CORE_SERVER_URL and BENCH_CORE_DATA_DIR');
const core = createAppCore({ serverUrl, mode: 'remote', dataDir, syncIntervalMs: 3_600_000 });
const sampler = stallSampler();

const emit = serveParent(
  async (command, args) => {
    if (command === 'coreStart') return sampler.start();
    if (command === 'coreStop') return sampler.stop();
    const result = await dispatchAppCall(core.handlers, command, args);
    // As over IPC: the answer crosses the process boundary as structured data.
    return result;
  },
  () => core.close(),
);
core.events.subscribe((event) => emit(event));
