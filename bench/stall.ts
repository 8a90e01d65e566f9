import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface StallFigures {
  /** The longest event-loop delay seen, in milliseconds. */
  maxMs: number;
  p99Ms: number;
  /** How long it sampled. */
  spanMs: number;
}

/**
 * Samples this process's event-loop delay between start() and stop(): the longest stall a window or a
 * page served from here would feel, and its 99th percentile.
 */
export function stallSampler() {
  const histogram = monitorEventLoopDelay({ resolution: 2 });
  let started = 0;
  return {
    start(): void {
      histogram.reset();
      histogram.enable();
      started = performance.now();
    },
    stop(): StallFigures {
      histogram.disable();
      return {
        maxMs: histogram.max / 1e6,
        p99Ms: histogram.percentile(99) / 1e6,
        spanMs: performance.now() - started,
      };
    },
  };
}
