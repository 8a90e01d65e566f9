import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ApplicationRecord } from '../../src-shared/contracts/applications';
import { AppFailure } from '../../src-shared/contracts/errors';
import type {
  CommentTarget,
  OperationOutcome,
  OperationResult,
  ReviewComment,
  ReviewOperation,
} from '../../src-shared/contracts/review';
import { sectionByKey } from '../../src-shared/domain/catalog';
import { MISSING_PUBLICITY_PERIOD, transitionById } from '../../src-shared/domain/workflow';
import type { Transition } from '../../src-shared/domain/workflow';
import { isUniqueViolation } from '../db/errors';
import type { ApplicationRow, Database, ReviewOperationRow } from '../db/schema';
import type { DeclareRoute } from '../http/route';
import { findUserById } from '../identity/users';
import { loadApplicationRecords } from './records';
import { isVisibleTo, scopesOfUser } from './scopes';
import type { SyncScope } from './scopes';
import type { Actor, ApplicationChanges } from './writes';
import { transitionApplication } from './writes';

/**
 * Review decisions pushed from a reviewer's outbox (DESIGN.md "Sync", push). Each operation is applied in
 * its own transaction together with its stored result, so a replay of the same id (the answer got lost)
 * is answered from that result instead of taking the step twice, and a crash leaves either both or
 * neither. Every final answer is one of applied / conflict / rejected per operation; anything else (the
 * database is down) fails the whole request with a 5xx, and the client sends the rest again later.
 */

/** Also the answer for an application that does not exist or is out of scope, so an id reveals nothing. */
export const NOT_ALLOWED = '您无权处理该申报书';
/** The operation id was stored for another person or another application. */
export const OPERATION_ID_TAKEN = '操作编号已被使用,请重新作出该审核决定';
const BAD_TARGET = '修改意见所指的位置在申报书中不存在,请重新填写修改意见';
/** How much of a comment the history entry repeats. */
const SUMMARY_LENGTH = 100;

interface Decision {
  outcome: OperationOutcome;
  message: string | null;
}

export function reviewRoutes(route: DeclareRoute) {
  route('pushOperations', async ({ operations }, { db, session, now }) => {
    const user = await findUserById(db, session.userId);
    if (user === undefined) throw new AppFailure('UNAUTHENTICATED');
    const reviewer: Actor & { id: string } = { id: user.id, name: user.name };
    const results: OperationResult[] = [];
    // In order, one transaction each: a later operation on the same application sees the earlier one's
    // version, and one refused operation never undoes or blocks the others.
    for (const operation of operations) {
      results.push(await pushOperation(db, reviewer, operation, now()));
    }
    return { results };
  });
}

async function pushOperation(
  db: Kysely<Database>,
  reviewer: Actor & { id: string },
  operation: ReviewOperation,
  now: Date,
): Promise<OperationResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      const stored = await storedOperation(trx, operation.id);
      if (stored !== undefined) return replay(trx, reviewer.id, operation, stored);
      const decision = await decide(trx, reviewer, operation, now);
      // The primary key decides between two requests carrying the same operation at once: the second
      // insert fails and its transaction (with any step it took) rolls back.
      await trx
        .insertInto('review_operations')
        .values({
          id: operation.id,
          user_id: reviewer.id,
          application_id: operation.applicationId,
          outcome: decision.outcome,
          message: decision.message,
          created_at: now.toISOString(),
        })
        .execute();
      return {
        id: operation.id,
        ...decision,
        application: await visibleRecord(trx, reviewer.id, operation.applicationId),
      };
    });
  } catch (error) {
    // The other request stored it first. On PostgreSQL the violation aborted this transaction, so the
    // stored result is read in a fresh one.
    if (!isUniqueViolation(error)) throw error;
    const stored = await storedOperation(db, operation.id);
    if (stored === undefined) throw error;
    return replay(db, reviewer.id, operation, stored);
  }
}

function storedOperation(db: Kysely<Database>, id: string): Promise<ReviewOperationRow | undefined> {
  return db.selectFrom('review_operations').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The stored result of a known operation with the application as it is now. An id stored for someone
 * else (or for another application) is refused without saying anything about what it was used for.
 */
async function replay(
  db: Kysely<Database>,
  userId: string,
  operation: ReviewOperation,
  stored: ReviewOperationRow,
): Promise<OperationResult> {
  if (stored.user_id !== userId || stored.application_id !== operation.applicationId) {
    return { id: operation.id, outcome: 'rejected', message: OPERATION_ID_TAKEN, application: null };
  }
  return {
    id: operation.id,
    outcome: stored.outcome,
    message: stored.message,
    application: await visibleRecord(db, userId, stored.application_id),
  };
}

/** Decides the operation and, when it may be applied, takes the step with its comments. */
async function decide(
  trx: Kysely<Database>,
  reviewer: Actor & { id: string },
  operation: ReviewOperation,
  now: Date,
): Promise<Decision> {
  const row = await trx
    .selectFrom('applications')
    .selectAll()
    .where('id', '=', operation.applicationId)
    .executeTakeFirst();
  const mine = new Set(await scopesOfUser(trx, reviewer.id));
  const transition = transitionById(operation.transitionId);
  if (row === undefined || transition === undefined || !isVisibleTo(row, reviewer.id, mine)) {
    return { outcome: 'rejected', message: NOT_ALLOWED };
  }
  // The role comes from the scope the step belongs to, not from anything the client says: a unit's
  // steps need its administrator, a department's steps the administrator of the department it went to.
  const needed = scopeOfStep(transition, row);
  if (needed === null || !mine.has(needed)) return { outcome: 'rejected', message: NOT_ALLOWED };

  // Problems of the request itself count only against the current version in the right state; otherwise
  // transitionApplication answers the conflict, which is what the reviewer must see first.
  const current = Number(row.version) === operation.baseVersion && row.state === transition.from;
  if (current) {
    const problem = requestProblem(operation, transition);
    if (problem !== null) return { outcome: 'rejected', message: problem };
  }

  const changes: ApplicationChanges = {};
  if (transition.guard === 'publicityPeriod' && operation.publicity !== undefined) {
    changes.publicity_start = operation.publicity.start;
    changes.publicity_end = operation.publicity.end;
  }
  // A return keeps the content the reviewer saw, so the next round can show what the applicant changed.
  if (transition.returnTo !== undefined) changes.previous_content = row.content;

  let updated: ApplicationRow;
  try {
    updated = await transitionApplication(trx, row, {
      transitionId: transition.id,
      role: transition.role,
      actor: reviewer,
      now,
      baseVersion: operation.baseVersion,
      comment: historySummary(operation.comments),
      comments: operation.comments.length,
      // Only approval chooses a period; 上报主管部门 must be judged by the period recorded then, never by
      // one the client sends.
      ...(transition.guard === 'publicityPeriod' ? { publicity: operation.publicity } : {}),
      changes,
    });
  } catch (error) {
    if (!(error instanceof AppFailure)) throw error;
    // Nothing was written before transitionApplication refused, so the result can still be stored here.
    return {
      outcome: error.error.code === 'CONFLICT' ? 'conflict' : 'rejected',
      message: error.error.message,
    };
  }
  await insertComments(trx, updated, row, operation.comments, reviewer, transition.id);
  return { outcome: 'applied', message: null };
}

function scopeOfStep(transition: Transition, row: ApplicationRow): SyncScope | null {
  if (transition.role === 'unitAdmin') return `unit:${row.unit_id}`;
  if (transition.role === 'deptAdmin' && row.department_id !== null) return `department:${row.department_id}`;
  return null;
}

/** What is wrong with the operation whatever the application's state, in Chinese, or null. */
function requestProblem(operation: ReviewOperation, transition: Transition): string | null {
  // Without this, the workflow would judge the period of an earlier round still on the row.
  if (transition.guard === 'publicityPeriod' && operation.publicity === undefined) {
    return MISSING_PUBLICITY_PERIOD;
  }
  return operation.comments.some((comment) => !isValidTarget(comment.target)) ? BAD_TARGET : null;
}

/**
 * A comment points at the whole application, a catalog section, one of its fields, or (in a row
 * section) a row or a field of a row.
 */
function isValidTarget(target: CommentTarget): boolean {
  if (target.sectionKey === '') return target.rowIndex === null && target.fieldKey === null;
  const section = sectionByKey(target.sectionKey);
  if (section === undefined) return false;
  if (section.mode === 'single' && target.rowIndex !== null) return false;
  return target.fieldKey === null || section.fields.some((field) => field.key === target.fieldKey);
}

/** The history entry's comment: the only comment, or how many there are and the first one. */
function historySummary(comments: readonly ReviewComment[]): string | null {
  const first = comments[0];
  if (first === undefined) return null;
  const line = first.text.replace(/\s+/g, ' ').trim();
  const short = line.length > SUMMARY_LENGTH ? `${line.slice(0, SUMMARY_LENGTH)}…` : line;
  return comments.length === 1 ? short : `共${comments.length}条修改意见:${short}`;
}

async function insertComments(
  trx: Kysely<Database>,
  updated: ApplicationRow,
  before: ApplicationRow,
  comments: readonly ReviewComment[],
  author: Actor,
  action: string,
): Promise<void> {
  if (comments.length === 0) return;
  // The step's update holds the application's row lock until commit, so no one else numbers comments of
  // this application in between.
  const last = await trx
    .selectFrom('application_comments')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('application_id', '=', updated.id)
    .executeTakeFirst();
  const first = Number(last?.seq ?? 0) + 1;
  await trx
    .insertInto('application_comments')
    .values(
      comments.map((comment, index) => ({
        id: randomUUID(),
        application_id: updated.id,
        seq: first + index,
        // The submission the reviewer judged.
        round: Number(before.submit_count),
        section_key: comment.target.sectionKey,
        row_index: comment.target.rowIndex,
        field_key: comment.target.fieldKey,
        text: comment.text,
        author_id: author.id,
        author_name: author.name,
        action,
        at: updated.updated_at,
      })),
    )
    .execute();
}

/** The application as it is now, when the caller may see it; null otherwise. */
async function visibleRecord(
  db: Kysely<Database>,
  userId: string,
  applicationId: string,
): Promise<ApplicationRecord | null> {
  const row = await db
    .selectFrom('applications')
    .select(['state', 'unit_id', 'department_id', 'applicant_id'])
    .where('id', '=', applicationId)
    .executeTakeFirst();
  if (row === undefined || !isVisibleTo(row, userId, new Set(await scopesOfUser(db, userId)))) return null;
  const [record] = await loadApplicationRecords(db, [applicationId]);
  return record ?? null;
}
