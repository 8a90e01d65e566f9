import type { Kysely } from 'kysely';
import { AppFailure } from '../../src-shared/contracts/errors';
import type { Role } from '../../src-shared/domain/roles';
import { applyTransition, transitionById } from '../../src-shared/domain/workflow';
import type { ApplicationState, PublicityPeriod, TransitionId } from '../../src-shared/domain/workflow';
import { holidayCalendar } from '../calendar/holiday-table';
import type { ApplicationRow, Database } from '../db/schema';
import type { AttachmentReference } from './records';
import { publicityOf } from './records';
import { recordScopeChange, scopesOfApplication } from './scopes';

/**
 * Writing applications. Every write happens in one transaction with its history entry and its sync
 * scope change, and is conditional on the version the writer read, so two writers never both win.
 */

export const STALE_VERSION = '申报书已被修改(可能在其他窗口或设备上),请刷新后重试';

export interface Actor {
  id: string | null;
  name: string;
}

export interface ApplicationEvent {
  at: string;
  action: string;
  fromState: ApplicationState | null;
  toState: ApplicationState;
  actor: Actor;
  comment: string | null;
}

export async function recordApplicationEvent(
  trx: Kysely<Database>,
  applicationId: string,
  event: ApplicationEvent,
): Promise<void> {
  const last = await trx
    .selectFrom('application_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  await trx
    .insertInto('application_events')
    .values({
      application_id: applicationId,
      seq: Number(last?.seq ?? 0) + 1,
      at: event.at,
      action: event.action,
      from_state: event.fromState,
      to_state: event.toState,
      actor_id: event.actor.id,
      actor_name: event.actor.name,
      comment: event.comment,
    })
    .execute();
}

/** Replaces the list of scans the application refers to. */
export async function replaceAttachmentRows(
  trx: Kysely<Database>,
  applicationId: string,
  references: readonly AttachmentReference[],
): Promise<void> {
  await trx.deleteFrom('application_files').where('application_id', '=', applicationId).execute();
  const unique = new Map(references.map((reference) => [reference.fileId, reference]));
  if (unique.size === 0) return;
  await trx
    .insertInto('application_files')
    .values(
      [...unique.values()].map((reference) => ({
        application_id: applicationId,
        file_id: reference.fileId,
        section_key: reference.sectionKey,
        field_key: reference.fieldKey,
        row_index: reference.rowIndex,
      })),
    )
    .execute();
}

/** Columns a write may change besides the workflow's own. */
export type ApplicationChanges = Partial<
  Pick<
    ApplicationRow,
    | 'content'
    | 'applicant_name'
    | 'id_number'
    | 'qualification'
    | 'application_type'
    | 'year'
    | 'unit_id'
    | 'department_id'
    | 'submitted_at'
    | 'publicity_start'
    | 'publicity_end'
    | 'previous_content'
  >
>;

/**
 * Updates the row if it is still at `row.version`, bumps the version, and records the scope change.
 * Throws CONFLICT when someone else wrote first.
 */
export async function updateApplication(
  trx: Kysely<Database>,
  row: ApplicationRow,
  next: { state: ApplicationState; version: number; submitCount: number },
  changes: ApplicationChanges,
  at: string,
): Promise<ApplicationRow> {
  const updated = await trx
    .updateTable('applications')
    .set({
      ...changes,
      state: next.state,
      version: next.version,
      submit_count: next.submitCount,
      updated_at: at,
    })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .returningAll()
    .executeTakeFirst();
  if (updated === undefined) throw new AppFailure('CONFLICT', STALE_VERSION);
  await recordScopeChange(trx, row.id, scopesOfApplication(row), scopesOfApplication(updated));
  return updated;
}

export interface TransitionRequest {
  transitionId: TransitionId;
  role: Role;
  actor: Actor;
  now: Date;
  /** The version the caller decided on; a different current version is a conflict. */
  baseVersion: number;
  comment?: string | null;
  /** How many comments come with the step (for steps that need one). */
  comments?: number;
  publicity?: PublicityPeriod;
  changes?: ApplicationChanges;
}

/**
 * Takes one workflow step (workflow.ts decides whether it may), writing the new state, the history entry
 * and the scope change. A refusal is a CONFLICT with the workflow's Chinese reason when the state moved
 * on, or BAD_REQUEST when the request itself cannot work (missing comment, bad publicity period).
 */
export async function transitionApplication(
  trx: Kysely<Database>,
  row: ApplicationRow,
  request: TransitionRequest,
): Promise<ApplicationRow> {
  if (Number(row.version) !== request.baseVersion) throw new AppFailure('CONFLICT', STALE_VERSION);
  if (transitionById(request.transitionId)?.role !== request.role) throw new AppFailure('FORBIDDEN');
  const current = { state: row.state, version: Number(row.version), submitCount: Number(row.submit_count) };
  const result = applyTransition(current, request.transitionId, {
    role: request.role,
    now: request.now,
    // The holiday table as it is in this transaction, not a copy kept in memory: a holiday the title
    // office added a moment ago, on any instance, already moves the end of a publicity.
    calendar: await holidayCalendar(trx),
    comments: request.comments ?? (request.comment ? 1 : 0),
    publicity: request.publicity ?? publicityOf(row) ?? undefined,
  });
  if (!result.ok) {
    // The state moving on under the caller is a conflict to show beside their decision; anything else
    // (a missing comment, a publicity period too short) is a request to correct.
    const stateMoved = transitionById(request.transitionId)?.from !== row.state;
    throw new AppFailure(stateMoved ? 'CONFLICT' : 'BAD_REQUEST', result.reason);
  }
  const at = request.now.toISOString();
  const updated = await updateApplication(trx, row, result.next, request.changes ?? {}, at);
  await recordApplicationEvent(trx, row.id, {
    at,
    action: request.transitionId,
    fromState: row.state,
    toState: updated.state,
    actor: request.actor,
    comment: request.comment ?? null,
  });
  return updated;
}
