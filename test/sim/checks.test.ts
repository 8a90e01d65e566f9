import { describe, expect, it } from 'vitest';
import type { ReviewOperation, OperationResult } from '../../src-shared/contracts/review';
import { cacheDifferences, checkDecisions, quantile, type DecisionFacts } from '../../scripts/sim/checks';
import type { SendMode, SentOperation } from '../../scripts/sim/reviewers';

// The province simulation's verdicts (npm run sim), on made-up runs: each kind of failure it must report.

const RETURN_WITH_TWO_COMMENTS: ReviewOperation = {
  id: '00000000-0000-4000-8000-000000000001',
  applicationId: 'app-1',
  baseVersion: 2,
  transitionId: 'unitReturn',
  comments: [
    { target: { sectionKey: '', rowIndex: null, fieldKey: null }, text: '请补充' },
    { target: { sectionKey: 'basicInfo', rowIndex: null, fieldKey: null }, text: '请核对' },
  ],
  decidedAt: '2026-12-04T10:00:00.000Z',
};

function result(outcome: OperationResult['outcome']): OperationResult {
  return { id: RETURN_WITH_TWO_COMMENTS.id, outcome, message: null, application: null };
}

function sent(results: OperationResult[], mode: SendMode = 'single'): SentOperation[] {
  return [{ operation: RETURN_WITH_TWO_COMMENTS, mode, results, unanswered: 0 }];
}

function facts(events: number, comments: number, stored: string | null = 'applied'): DecisionFacts {
  const key = 'app-1 unitReturn';
  return {
    eventCounts: new Map(events === 0 ? [] : [[key, events]]),
    commentCounts: new Map(comments === 0 ? [] : [[key, comments]]),
    storedOutcomes: new Map(stored === null ? [] : [[RETURN_WITH_TWO_COMMENTS.id, stored]]),
  };
}

describe('checkDecisions', () => {
  it('passes a decision applied once, answered the same to its twin', () => {
    const findings = checkDecisions(sent([result('applied'), result('applied')], 'twin'), facts(1, 2));
    expect(findings).toMatchObject({
      decisions: 1,
      acknowledged: 1,
      duplicates: [],
      losses: [],
      replayMismatches: [],
    });
  });

  it('reports a decision applied twice, by its events or its comments', () => {
    expect(checkDecisions(sent([result('applied')]), facts(2, 2)).duplicates).toHaveLength(1);
    expect(checkDecisions(sent([result('applied')]), facts(1, 4)).duplicates).toHaveLength(1);
    // Without any answer it was never acknowledged, and still must not be applied twice.
    expect(checkDecisions(sent([]), facts(2, 4)).duplicates).toHaveLength(2);
  });

  it('reports an acknowledged decision the database lacks, in whole or in part', () => {
    expect(checkDecisions(sent([result('applied')]), facts(0, 0, null)).losses).toHaveLength(3);
    expect(checkDecisions(sent([result('applied')]), facts(1, 1)).losses).toEqual([
      expect.stringContaining('1 of 2 comments'),
    ]);
  });

  it('does not count an unacknowledged decision that never arrived as lost', () => {
    expect(checkDecisions(sent([]), facts(0, 0, null))).toMatchObject({ acknowledged: 0, losses: [] });
    expect(checkDecisions(sent([result('conflict')]), facts(0, 0, 'conflict')).losses).toEqual([]);
  });

  it('reports twins or resends answered differently', () => {
    const findings = checkDecisions(sent([result('applied'), result('conflict')], 'resend'), facts(1, 2));
    expect(findings.replayMismatches).toEqual([expect.stringContaining('applied and conflict')]);
  });
});

describe('cacheDifferences', () => {
  const truth = new Map([
    ['a', { state: 'unitReturned', version: 3 }],
    ['b', { state: 'unitReview', version: 2 }],
  ]);
  const cached = (state: string, version: number) => ({ state, version, unitId: 'u', departmentId: null });

  it('is empty for a cache equal to the database', () => {
    expect(
      cacheDifferences(
        'c',
        new Map([
          ['a', cached('unitReturned', 3)],
          ['b', cached('unitReview', 2)],
        ]),
        truth,
      ),
    ).toEqual([]);
  });

  it('names a stale, a missing and an extra record', () => {
    const differences = cacheDifferences(
      'c',
      new Map([
        ['a', cached('unitReview', 2)],
        ['x', cached('unitReview', 1)],
      ]),
      truth,
    );
    expect(differences).toEqual([
      'c: a cached unitReview v2, database unitReturned v3',
      'c: b missing',
      'c: x cached but not in its scope',
    ]);
  });
});

describe('quantile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(quantile(values, 0.5)).toBe(50);
    expect(quantile(values, 0.99)).toBe(99);
    expect(quantile([], 0.5)).toBe(0);
  });
});
