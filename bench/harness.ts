import { performance } from 'node:perf_hooks';

/** Times `fn` over `iterations` runs after a warm-up, and returns the median in milliseconds. */
export async function medianMs(fn: () => Promise<unknown>, iterations: number, warmup = 3): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}

export interface Comparison {
  name: string;
  measured: number;
  reference: number;
  referenceName: string;
  /** The target ratio measured/reference; undefined when the figure is for information. */
  target?: number;
}

/** Prints each figure beside its reference, both measured in this run, with the ratio and the target. */
export function report(rows: Comparison[]): boolean {
  let allMet = true;
  for (const row of rows) {
    const ratio = row.measured / row.reference;
    const met = row.target === undefined || ratio <= row.target;
    allMet &&= met;
    const target = row.target === undefined ? '' : ` (target ≤ ${row.target}x: ${met ? 'met' : 'MISSED'})`;
    console.log(
      `${row.name}: ${row.measured.toFixed(2)} ms vs ${row.referenceName} ${row.reference.toFixed(2)} ms = ${ratio.toFixed(2)}x${target}`,
    );
  }
  return allMet;
}
