import type { CachedApplication, Leak, SentOperation } from './reviewers';

/**
 * What the simulation asserts, as pure functions over what the clients saw and what the database holds,
 * so they can be tested on made-up data. An operation is acknowledged when any answer said `applied`.
 */

export interface DecisionFacts {
  /** The events of the decided transitions, per application: `applicationId transitionId` → count. */
  eventCounts: ReadonlyMap<string, number>;
  /** The comments stored with each decision: `applicationId transitionId` → count. */
  commentCounts: ReadonlyMap<string, number>;
  /** The stored outcome of each operation id the server kept. */
  storedOutcomes: ReadonlyMap<string, string>;
}

export interface DecisionFindings {
  decisions: number;
  acknowledged: number;
  /** A decision (event or comments) applied more than once. */
  duplicates: string[];
  /** An acknowledged decision the database does not hold (in full). */
  losses: string[];
  /** Two answers for one operation id that disagree (a twin or a resend answered differently). */
  replayMismatches: string[];
}

export function checkDecisions(sent: readonly SentOperation[], facts: DecisionFacts): DecisionFindings {
  const findings: DecisionFindings = {
    decisions: sent.length,
    acknowledged: 0,
    duplicates: [],
    losses: [],
    replayMismatches: [],
  };
  for (const { operation, results } of sent) {
    const key = `${operation.applicationId} ${operation.transitionId}`;
    const events = facts.eventCounts.get(key) ?? 0;
    const comments = facts.commentCounts.get(key) ?? 0;
    const label = `${operation.id} (${key})`;
    if (events > 1) findings.duplicates.push(`${label}: ${events} events`);
    if (comments > operation.comments.length) {
      findings.duplicates.push(`${label}: ${comments} comments stored for ${operation.comments.length} sent`);
    }
    const outcomes = new Set(results.map((result) => result.outcome));
    if (outcomes.size > 1)
      findings.replayMismatches.push(`${label}: answered ${[...outcomes].join(' and ')}`);
    const versions = new Set(
      results.filter((r) => r.outcome === 'applied').map((r) => r.application?.version),
    );
    if (versions.size > 1)
      findings.replayMismatches.push(`${label}: applied at versions ${[...versions].join(', ')}`);
    if (!outcomes.has('applied')) continue;
    findings.acknowledged += 1;
    if (events === 0) findings.losses.push(`${label}: no event`);
    if (comments < operation.comments.length) {
      findings.losses.push(`${label}: ${comments} of ${operation.comments.length} comments stored`);
    }
    if (facts.storedOutcomes.get(operation.id) !== 'applied') {
      findings.losses.push(`${label}: stored outcome ${facts.storedOutcomes.get(operation.id) ?? 'missing'}`);
    }
  }
  return findings;
}

/** Where a client's cache differs from the database's view of its scope; empty when equal. */
export function cacheDifferences(
  client: string,
  cache: ReadonlyMap<string, CachedApplication>,
  truth: ReadonlyMap<string, { state: string; version: number }>,
): string[] {
  const differences: string[] = [];
  for (const [id, expected] of truth) {
    const cached = cache.get(id);
    if (cached === undefined) differences.push(`${client}: ${id} missing`);
    else if (cached.version !== expected.version || cached.state !== expected.state) {
      differences.push(
        `${client}: ${id} cached ${cached.state} v${cached.version}, database ${expected.state} v${expected.version}`,
      );
    }
  }
  for (const id of cache.keys()) {
    if (!truth.has(id)) differences.push(`${client}: ${id} cached but not in its scope`);
  }
  return differences;
}

export function leakLines(leaks: readonly Leak[]): string[] {
  return leaks.map((leak) => `${leak.client} received ${leak.applicationId} of unit ${leak.unitId}`);
}

/** The q-quantile (0..1) of the values, nearest rank; 0 for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}
