import { SHIPPED_CALENDAR } from '../../src-shared/domain/holiday-years';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_ALLOWED } from '../../src-server/applications/review-routes';
import type { RunningServer } from '../../src-server/listen';
import { pushOperationsResponseSchema, REVIEW_TRANSITION_IDS } from '../../src-shared/contracts/review';
import type { ReviewOperation } from '../../src-shared/contracts/review';
import { chinaDateOf } from '../../src-shared/domain/calendar';
import { earliestPublicityEnd, transitionById } from '../../src-shared/domain/workflow';
import type { ApplicationState, Transition, TransitionId } from '../../src-shared/domain/workflow';
import {
  ACCESS_PASSWORD,
  ACCESS_ROLES as ROLES,
  startAccessScene,
  type AccessRole as Role,
} from '../support/access-scene';
import { describeEachDatabase } from './databases';
import { expectOk, insertUser, postJson } from './helpers';

/**
 * Who may take which review step: every reviewer transition against every role. Only the administrator
 * of the application's unit (for the unit's steps) or of its department (for the department's steps)
 * applies it; everyone else is refused, and someone who cannot see the application learns nothing about
 * it. An administrator never decides on their own application, even in a scope that would allow it.
 */

const DEPARTMENT_STATES: readonly ApplicationState[] = ['deptReview', 'deptReturned', 'committee'];

/** Whether `role` sees a hospital application (department: 卫健委) in `state`. */
function sees(role: Role, state: ApplicationState): boolean {
  if (role === 'unitadmin') return state !== 'draft';
  if (role === 'deptadmin') return DEPARTMENT_STATES.includes(state);
  // selfadmin administers both, but it is their own application.
  return false;
}

const TRANSITIONS = REVIEW_TRANSITION_IDS.map((id) => {
  const transition = transitionById(id);
  if (transition === undefined) throw new Error(`unknown transition ${id}`);
  return transition;
});

describeEachDatabase('review: who may decide', (fresh) => {
  let server: RunningServer;
  let tokens: Record<Role, string>;
  /** Per transition, an application of the hospital in the state the step starts from, applied for by selfadmin. */
  const targets = new Map<TransitionId, { id: string; name: string; applicationNo: string }>();

  beforeAll(async () => {
    const scene = await startAccessScene(await fresh());
    server = scene.server;
    const { db, hospital, commission } = scene;
    await scene.addApplications(hospital, {
      seed: 91,
      states: TRANSITIONS.map((transition) => transition.from),
      employer: '重庆市示例人民医院',
      firstIndex: 9100,
    });
    const selfId = await insertUser(db, { account: 'selfadmin', password: ACCESS_PASSWORD, name: '自审者' });
    await scene.administer(selfId, hospital);
    await scene.administer(selfId, commission);
    for (const [index, transition] of TRANSITIONS.entries()) {
      const row = await db
        .selectFrom('applications')
        .select(['id', 'applicant_name', 'application_no', 'state'])
        .where('application_no', 'like', `%-${String(9100 + index).padStart(6, '0')}`)
        .executeTakeFirstOrThrow();
      expect(row.state).toBe(transition.from);
      // Every target is selfadmin's own application, in the unit and the department they administer.
      await db
        .updateTable('applications')
        .set({
          applicant_id: selfId,
          // A publicity long over, so 上报主管部门 can work for the right person.
          ...(transition.from === 'unitPublicity'
            ? { publicity_start: '2020-01-06', publicity_end: '2020-01-10' }
            : {}),
        })
        .where('id', '=', row.id)
        .execute();
      targets.set(transition.id, { id: row.id, name: row.applicant_name, applicationNo: row.application_no });
    }

    tokens = await scene.loginAll();
  }, 60_000);

  afterAll(() => server.close());

  async function current(id: string) {
    const db = server.platform.db;
    const row = await db
      .selectFrom('applications')
      .select(['state', 'version', 'publicity_start', 'publicity_end'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const events = await db
      .selectFrom('application_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('application_id', '=', id)
      .executeTakeFirstOrThrow();
    const comments = await db
      .selectFrom('application_comments')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('application_id', '=', id)
      .executeTakeFirstOrThrow();
    return { ...row, version: Number(row.version), events: Number(events.n), comments: Number(comments.n) };
  }

  function operationFor(transition: Transition, applicationId: string, baseVersion: number): ReviewOperation {
    const today = chinaDateOf(new Date());
    return {
      id: randomUUID(),
      applicationId,
      baseVersion,
      transitionId: transition.id,
      comments: transition.requiresComment
        ? [{ target: { sectionKey: 'basicInfo', rowIndex: null, fieldKey: 'name' }, text: '请核对姓名' }]
        : [],
      ...(transition.guard === 'publicityPeriod'
        ? { publicity: { start: today, end: earliestPublicityEnd(today, SHIPPED_CALENDAR) } }
        : {}),
      decidedAt: new Date().toISOString(),
    };
  }

  async function pushAs(role: Role, operation: ReviewOperation) {
    const res = await postJson(
      `${server.url}/api/sync/operations`,
      { operations: [operation] },
      tokens[role],
    );
    const text = await res.clone().text();
    const { results } = await expectOk(res, pushOperationsResponseSchema);
    const [result] = results;
    if (result === undefined) throw new Error('no result');
    return { result, text };
  }

  for (const transition of TRANSITIONS) {
    const right: Role = transition.role === 'unitAdmin' ? 'unitadmin' : 'deptadmin';
    describe(`${transition.id} (${transition.from} → ${transition.to})`, () => {
      it(`only ${right} applies it`, async () => {
        const target = targets.get(transition.id);
        if (target === undefined) throw new Error('no target');
        const before = await current(target.id);

        for (const role of ROLES.filter((candidate) => candidate !== right)) {
          const operation = operationFor(transition, target.id, before.version);
          const { result, text } = await pushAs(role, operation);
          expect(result.outcome, role).toBe('rejected');
          expect(result.message, role).toBe(NOT_ALLOWED);
          if (sees(role, transition.from)) {
            expect(result.application?.id, role).toBe(target.id);
          } else {
            expect(result.application, role).toBeNull();
            expect(text, role).not.toContain(target.name);
            expect(text, role).not.toContain(target.applicationNo);
          }
          expect(await current(target.id), role).toEqual(before);
          const stored = await server.platform.db
            .selectFrom('review_operations')
            .select(['outcome', 'message'])
            .where('id', '=', operation.id)
            .executeTakeFirst();
          expect(stored, role).toEqual({ outcome: 'rejected', message: NOT_ALLOWED });
        }

        const { result } = await pushAs(right, operationFor(transition, target.id, before.version));
        expect(result).toMatchObject({ outcome: 'applied', message: null });
        if (sees(right, transition.to)) {
          expect(result.application).toMatchObject({ state: transition.to, version: before.version + 1 });
        } else {
          // 退回个人 by the department: the application left the department, so it gets no record.
          expect(result.application).toBeNull();
        }
        const after = await current(target.id);
        expect(after).toMatchObject({
          state: transition.to,
          version: before.version + 1,
          events: before.events + 1,
        });
        expect(after.comments).toBe(before.comments + (transition.requiresComment ? 1 : 0));
      });
    });
  }

  it('tells a department deciding on another department’s application nothing about it', async () => {
    const row = await server.platform.db
      .selectFrom('applications')
      .select(['id', 'version', 'applicant_name', 'application_no', 'id_number'])
      .where('state', '=', 'deptReview')
      .orderBy('application_no')
      .executeTakeFirstOrThrow();
    const deptApprove = transitionById('deptApprove');
    if (deptApprove === undefined) throw new Error('no deptApprove');
    const before = await current(row.id);
    const { result, text } = await pushAs('eduadmin', operationFor(deptApprove, row.id, Number(row.version)));
    expect(result).toEqual({ id: result.id, outcome: 'rejected', message: NOT_ALLOWED, application: null });
    for (const secret of [row.applicant_name, row.application_no, row.id_number])
      expect(text).not.toContain(secret);
    // The same answer as for an id that does not exist.
    const missing = await pushAs('eduadmin', operationFor(deptApprove, randomUUID(), 1));
    expect({ ...missing.result, id: '' }).toEqual({ ...result, id: '' });
    expect(await current(row.id)).toEqual(before);
  });
});

// Not in a describe per database: the list of steps the matrix covers must be every reviewer step.
it('covers every reviewer step of the workflow', () => {
  expect(
    TRANSITIONS.map((transition) => transition.role).every(
      (role) => role === 'unitAdmin' || role === 'deptAdmin',
    ),
  ).toBe(true);
  expect(TRANSITIONS).toHaveLength(9);
});
