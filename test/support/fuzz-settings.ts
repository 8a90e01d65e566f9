import type fc from 'fast-check';

/**
 * How the fuzz suites run: bounded by counts, never by time, and reproducible. Every property of a run
 * uses the same seed, printed by fast-check with the counterexample and its shrink path when a property
 * fails; `FUZZ_SEED=<seed> npx vitest run <file>` replays that run. `FUZZ_RUNS_FACTOR` scales every
 * property's run count (e.g. 10 for a long hunt on a quiet machine).
 */

const envSeed = process.env.FUZZ_SEED?.trim();
export const FUZZ_SEED = envSeed ? Number(envSeed) : (Math.random() * 2 ** 31) | 0;
if (!Number.isSafeInteger(FUZZ_SEED)) throw new Error(`FUZZ_SEED must be an integer, got ${envSeed}`);

const factor = Number(process.env.FUZZ_RUNS_FACTOR ?? '1');
if (!(factor > 0))
  throw new Error(`FUZZ_RUNS_FACTOR must be a positive number, got ${process.env.FUZZ_RUNS_FACTOR}`);

/** fast-check's parameters for a property of `numRuns` runs (scaled by FUZZ_RUNS_FACTOR). */
export function fuzzParams<T>(numRuns: number): fc.Parameters<T> {
  return { seed: FUZZ_SEED, numRuns: Math.max(1, Math.round(numRuns * factor)) };
}
