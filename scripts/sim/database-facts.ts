import type { Kysely } from 'kysely';
import type { Database } from '../../src-server/db/schema';
import type { DecisionFacts } from './checks';
import type { ClientScope } from './reviewers';

/** What the database holds, read directly after the run: the ground truth the clients are checked against. */

export async function decisionFacts(
  db: Kysely<Database>,
  applicationIds: readonly string[],
  operationIds: readonly string[],
): Promise<DecisionFacts> {
  const eventCounts = new Map<string, number>();
  const commentCounts = new Map<string, number>();
  const storedOutcomes = new Map<string, string>();
  for (const ids of chunks(applicationIds)) {
    const events = await db
      .selectFrom('application_events')
      .select(['application_id', 'action', db.fn.countAll<string>().as('n')])
      .where('application_id', 'in', ids)
      .groupBy(['application_id', 'action'])
      .execute();
    for (const row of events) eventCounts.set(`${row.application_id} ${row.action}`, Number(row.n));
    const comments = await db
      .selectFrom('application_comments')
      .select(['application_id', 'action', db.fn.countAll<string>().as('n')])
      .where('application_id', 'in', ids)
      .groupBy(['application_id', 'action'])
      .execute();
    for (const row of comments) commentCounts.set(`${row.application_id} ${row.action}`, Number(row.n));
  }
  for (const ids of chunks(operationIds)) {
    const rows = await db
      .selectFrom('review_operations')
      .select(['id', 'outcome'])
      .where('id', 'in', ids)
      .execute();
    for (const row of rows) storedOutcomes.set(row.id, row.outcome);
  }
  return { eventCounts, commentCounts, storedOutcomes };
}

/** The applications a client's scope holds now, with the state and version a synced cache must show. */
export async function scopeTruth(
  db: Kysely<Database>,
  scope: ClientScope,
): Promise<Map<string, { state: string; version: number }>> {
  const scopes =
    scope.kind === 'unit'
      ? [...scope.unitIds].map((id) => `unit:${id}`)
      : [`department:${scope.departmentId}`];
  const rows = await db
    .selectFrom('sync_scope_entries as e')
    .innerJoin('applications as a', 'a.id', 'e.application_id')
    .select(['a.id', 'a.state', 'a.version'])
    .where('e.scope', 'in', scopes)
    .where('e.visible', '=', 1)
    .execute();
  return new Map(rows.map((row) => [row.id, { state: row.state, version: Number(row.version) }]));
}

function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
