import { performance } from 'node:perf_hooks';
import { coldStartBench } from './cold-start.bench';
import { emptyPollBench } from './empty-poll.bench';
import { exportBench } from './export.bench';
import { loadAverage, report, within, type Comparison } from './harness';
import { loginBench } from './login.bench';
import { loginStormBench } from './login-storm.bench';
import { printBench } from './print.bench';
import { scrubBench } from './scrub.bench';
import { syncBench } from './sync.bench';

/**
 * `npm run bench`: every benchmark measures its figures and their references side by side in this run.
 * `npm run bench -- sync print` (or BENCH_ONLY=sync,print) runs a subset. The exit code says whether the
 * run worked (no exception, no wait timed out), never whether the goals were met: those are printed.
 */

const BENCHES: Record<string, { run: () => Promise<Comparison[]>; timeoutMinutes: number }> = {
  login: { run: loginBench, timeoutMinutes: 5 },
  'login-storm': { run: loginStormBench, timeoutMinutes: 10 },
  sync: { run: syncBench, timeoutMinutes: 90 },
  print: { run: printBench, timeoutMinutes: 10 },
  'cold-start': { run: coldStartBench, timeoutMinutes: 15 },
  'empty-poll': { run: emptyPollBench, timeoutMinutes: 10 },
  scrub: { run: scrubBench, timeoutMinutes: 5 },
  export: { run: exportBench, timeoutMinutes: 10 },
};

const asked = [...process.argv.slice(2), ...(process.env.BENCH_ONLY?.split(',') ?? [])]
  .map((name) => name.trim())
  .filter((name) => name !== '');
const unknown = asked.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`unknown bench ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
const selected = asked.length === 0 ? Object.keys(BENCHES) : asked;

// Ctrl+C and kill end the run through process.exit, so that the 'exit' hooks stop the spawned servers.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(1));

console.log(`bench: ${selected.join(', ')}; load average at start ${loadAverage()}`);
const rows: Comparison[] = [];
const broken: string[] = [];
for (const name of selected) {
  const bench = BENCHES[name];
  if (bench === undefined) continue;
  const start = performance.now();
  try {
    const figures = await within(bench.run(), bench.timeoutMinutes * 60_000, `the ${name} bench`);
    rows.push(...figures);
    // Printed as each bench ends too, so that a run stopped later keeps what it measured.
    report(figures);
    console.log(
      `[${name}] done in ${((performance.now() - start) / 1000).toFixed(0)} s; load ${loadAverage()}`,
    );
  } catch (error) {
    broken.push(name);
    console.error(`[${name}] BROKEN:`, error);
  }
}
console.log('\nall figures:');
const met = report(rows);
console.log(`load average at end ${loadAverage()}`);
console.log(
  broken.length > 0
    ? `broken run: ${broken.join(', ')} did not finish (exit code 1)`
    : `all benches ran; ${met ? 'every goal met' : 'some goals NOT MET (a result, not a failure: exit code 0)'}`,
);
// A timed-out bench may leave work behind (a child, a socket): the verdict is in, so leave.
process.exit(broken.length > 0 ? 1 : 0);
