import { randomInt } from 'node:crypto';
import { describeReport, KILL_PHASES, runCrashRounds } from '../test/support/crash-rounds';

/**
 * npm run crash-loop -- [rounds] [seed]
 * Kills a reviewer's client (the real core, SIGKILL) `rounds` times (default 200) at drawn moments while
 * it drafts comments and pushes decisions against the real server on loopback, then prints the figures
 * and exits non-zero if a saved draft went missing, a decision was lost or applied twice, or an integrity
 * check failed. The same seed draws the same phases and delays, to replay a failing run. Ctrl-C stops
 * after the round under way and still runs the final checks on the rounds done.
 */

const [roundsArg, seedArg] = process.argv.slice(2);
const rounds = roundsArg === undefined ? 200 : Number(roundsArg);
const seed = seedArg === undefined ? randomInt(2 ** 31) : Number(seedArg);
if (!Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(seed) || seed < 0) {
  console.error('用法:npm run crash-loop -- [轮数,正整数,默认 200] [随机种子,非负整数]');
  process.exit(2);
}

console.log(`[crash-loop] ${rounds} rounds, seed ${seed} (replay: npm run crash-loop -- ${rounds} ${seed})`);
// Ctrl-C ends the loop after the round under way and still checks and prints what was done.
const stop = new AbortController();
process.once('SIGINT', () => {
  console.log('[crash-loop] stopping after this round (Ctrl-C again to quit at once)');
  stop.abort();
});
const report = await runCrashRounds({
  rounds,
  seed,
  signal: stop.signal,
  phaseOf: (_round, random) => KILL_PHASES[Math.floor(random() * KILL_PHASES.length)] ?? 'random',
  log: (line) => console.log(`[crash-loop] ${line}`),
});
console.log(describeReport(report));
process.exit(report.failures.length === 0 ? 0 : 1);
