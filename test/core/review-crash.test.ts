import { describe, expect, it } from 'vitest';
import { describeReport, KILL_PHASES, runCrashRounds } from '../support/crash-rounds';

/**
 * A reviewer's client killed (SIGKILL) while it types comment drafts and decides, once at each moment
 * that matters (test/support/crash-rounds.ts places them): inside a draft's write, with a decision in
 * the outbox not yet pushed, with the push in flight, and after the server applied it but before the
 * answer arrived; then once more at a random moment. After every kill each draft it reported saved is
 * in its cache and the cache passes its integrity check; at the end the server has applied every
 * decision it reported exactly once, with the comments typed for it. `npm run crash-loop` runs the same
 * rounds hundreds of times with drawn phases.
 */

describe('a reviewer client killed while typing and deciding', () => {
  it('keeps every saved draft and applies every decision once', async () => {
    const report = await runCrashRounds({
      rounds: KILL_PHASES.length,
      seed: 11,
      phaseOf: (round) => KILL_PHASES[round - 1] ?? 'random',
    });
    console.log(`[review-crash]\n${describeReport(report)}`);
    expect(report.failures).toEqual([]);
    expect(report.killsByPhase).toEqual({ draft: 1, outbox: 1, inFlight: 1, afterApply: 1, random: 1 });
    expect(report.integrityChecks).toBe(KILL_PHASES.length + 1);
    expect(report.draftsVerified).toBeGreaterThan(0);
    // The outbox round kills on a reported decision; a push round may kill before the child says so.
    expect(report.decisionsReported).toBeGreaterThanOrEqual(1);
    expect(report.appliedOnce).toBeGreaterThanOrEqual(report.decisionsReported);
  }, 240_000);
});
