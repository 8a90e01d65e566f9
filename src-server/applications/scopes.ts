import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ApplicationState } from '../../src-shared/domain/workflow';
import type { Database } from '../db/schema';
import { administeredUnits } from '../units/registrations';

/**
 * Sync scopes: who sees an application. A unit sees its staff's applications once submitted; a department
 * sees those its units reported up, while they are with it or beyond. The scope of a pull always comes from
 * the caller's memberships, never from a request parameter.
 */

export type SyncScope = `unit:${string}` | `department:${string}`;

/** States in which an application is with its department or has passed it. */
const DEPARTMENT_STATES: ReadonlySet<ApplicationState> = new Set(['deptReview', 'deptReturned', 'committee']);

export interface ScopedApplication {
  state: ApplicationState;
  unit_id: string;
  department_id: string | null;
}

/** The scopes an application is visible in, in its current state. */
export function scopesOfApplication(application: ScopedApplication): SyncScope[] {
  const scopes: SyncScope[] = [];
  if (application.state !== 'draft') scopes.push(`unit:${application.unit_id}`);
  if (application.department_id !== null && DEPARTMENT_STATES.has(application.state)) {
    scopes.push(`department:${application.department_id}`);
  }
  return scopes;
}

/**
 * Whether a person with these scopes sees the application: it is visible in one of them, and it is not
 * their own (申报人本人不得审核自己的申报书).
 */
export function isVisibleTo(
  application: ScopedApplication & { applicant_id: string },
  userId: string,
  userScopes: ReadonlySet<SyncScope>,
): boolean {
  if (application.applicant_id === userId) return false;
  return scopesOfApplication(application).some((scope) => userScopes.has(scope));
}

/** The scopes of the units and departments a person administers (approved ones only), sorted. */
export async function scopesOfUser(db: Kysely<Database>, userId: string): Promise<SyncScope[]> {
  const rows = await db
    .selectFrom('units')
    .select(['id', 'kind'])
    .where('id', 'in', administeredUnits(db, userId, ['unit', 'department']))
    .execute();
  return rows
    .map((row): SyncScope => (row.kind === 'department' ? `department:${row.id}` : `unit:${row.id}`))
    .sort();
}

/**
 * Records that an application changed, in the transaction of the change: every scope it was or is
 * visible in gets the next number of its counter, and the entry says whether it is still visible there.
 * Scopes it was never in are untouched.
 */
export async function recordScopeChange(
  trx: Kysely<Database>,
  applicationId: string,
  before: readonly SyncScope[],
  after: readonly SyncScope[],
): Promise<void> {
  const visibleNow = new Set(after);
  for (const scope of new Set([...before, ...after])) {
    const [seq] = await bumpScope(trx, scope, 1);
    await trx
      .insertInto('sync_scope_entries')
      .values({ scope, application_id: applicationId, seq: seq ?? 0, visible: visibleNow.has(scope) ? 1 : 0 })
      .onConflict((oc) =>
        oc.columns(['scope', 'application_id']).doUpdateSet((eb) => ({
          seq: eb.ref('excluded.seq'),
          visible: eb.ref('excluded.visible'),
        })),
      )
      .execute();
  }
}

/**
 * Takes the next `count` numbers of a scope's counter and returns them. On PostgreSQL the upsert locks
 * the counter row until the transaction ends, so numbers of one scope commit in the order they were taken.
 */
export async function bumpScope(trx: Kysely<Database>, scope: SyncScope, count: number): Promise<number[]> {
  const row = await trx
    .insertInto('sync_scopes')
    .values({ scope, seq: count })
    .onConflict((oc) => oc.column('scope').doUpdateSet({ seq: sql<number>`sync_scopes.seq + ${count}` }))
    .returning('seq')
    .executeTakeFirstOrThrow();
  const last = Number(row.seq);
  return Array.from({ length: count }, (_, index) => last - count + 1 + index);
}
