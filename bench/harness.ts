import os from 'node:os';
import { performance } from 'node:perf_hooks';

/** Times `fn` over `iterations` runs after a warm-up, and returns the median in milliseconds. */
export async function medianMs(fn: () => Promise<unknown>, iterations: number, warmup = 3): Promise<number> {
  const samples = await samplesMs(fn, iterations, warmup);
  return quantile(samples, 0.5);
}

/** Each run's time in milliseconds, after a warm-up. */
export async function samplesMs(
  fn: () => Promise<unknown>,
  iterations: number,
  warmup = 3,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

/** The q-quantile (0..1) of the samples, nearest rank; NaN when there are none. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/**
 * One figure of the bench beside its reference measured in the same run. Only the first four fields
 * are required, so that a Comparison built before the optional ones existed still reports the same.
 */
export interface Comparison {
  name: string;
  measured: number;
  /** NaN when the figure has no reference in this run (an absolute goal only). */
  reference: number;
  referenceName: string;
  /** The goal on the ratio measured/reference (≤, or ≥ with higherIsBetter); none: no ratio goal. */
  target?: number;
  /** The goal on the measured value itself, in `unit` (≤, or ≥ with higherIsBetter). */
  limit?: number;
  /** What measured and reference are counted in; milliseconds when absent. */
  unit?: string;
  /** Throughput and the like: the goals are lower bounds. */
  higherIsBetter?: boolean;
  /** How it was measured, when the name does not say (which build ran, the samples' spread). */
  note?: string;
}

export type Verdict = 'met' | 'NOT MET' | 'info';

/** Whether the figure meets every goal it has; 'info' when it has none. */
export function verdictOf(row: Comparison): Verdict {
  if (row.target === undefined && row.limit === undefined) return 'info';
  const within = (value: number, goal: number) =>
    Number.isFinite(value) && (row.higherIsBetter === true ? value >= goal : value <= goal);
  const ratioMet = row.target === undefined || within(row.measured / row.reference, row.target);
  const limitMet = row.limit === undefined || within(row.measured, row.limit);
  return ratioMet && limitMet ? 'met' : 'NOT MET';
}

function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '–';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}${unit === '' ? '' : ` ${unit}`}`;
}

function goalText(row: Comparison, unit: string): string {
  const sign = row.higherIsBetter === true ? '≥' : '≤';
  const goals: string[] = [];
  if (row.limit !== undefined) goals.push(`${sign} ${formatValue(row.limit, unit)}`);
  if (row.target !== undefined) goals.push(`ratio ${sign} ${row.target}`);
  return goals.length === 0 ? '–' : goals.join(' and ');
}

/**
 * Prints each figure: this project's value, the reference measured in the same run, the ratio, the goal
 * and whether it is met. Answers whether every goal was met (which does not decide the exit code: a
 * missed goal is a result, not a broken run).
 */
export function report(rows: readonly Comparison[]): boolean {
  let allMet = true;
  for (const row of rows) {
    const unit = row.unit ?? 'ms';
    const verdict = verdictOf(row);
    if (verdict === 'NOT MET') allMet = false;
    const ratio = row.measured / row.reference;
    const reference = Number.isFinite(row.reference)
      ? `${row.referenceName} ${formatValue(row.reference, unit)}`
      : row.referenceName || 'no reference';
    console.log(
      `${row.name}: ${formatValue(row.measured, unit)} | reference: ${reference} | ratio ` +
        `${Number.isFinite(ratio) ? ratio.toFixed(2) : '–'} | goal ${goalText(row, unit)} | ${verdict}` +
        (row.note === undefined ? '' : `\n    (${row.note})`),
    );
  }
  return allMet;
}

/** The machine's 1, 5 and 15 minute load averages, for the lines that frame a run. */
export function loadAverage(): string {
  const cores = os.cpus().length;
  return `${os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')} (${cores} cores)`;
}

/** Rejects with a clear message when `promise` has not settled within `ms`: a hang is a broken run. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `condition` every 20 ms until it holds, or fails after `ms` with `what` in the message. */
export async function waitUntil(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
