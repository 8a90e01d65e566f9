import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ManualResetRequestView } from '../../src-shared/contracts/accounts';
import { AppFailure } from '../../src-shared/contracts/errors';
import type { Database } from '../db/schema';
import type { DeclareRoute } from '../http/route';
import { requireTitleOffice } from '../units/registrations';
import { requireCaptcha } from './captcha';

/** Only administrators of an approved 职改办 unit see and handle these requests. */
const NOT_TITLE_OFFICE = '只有职改办管理员可以处理人工找回申请';

/** The most a list answer carries; 职改办 works through the oldest pending ones first. */
const LIST_LIMIT = 200;

/**
 * 通过人工找回: someone who can use neither the phone nor the mobile app files a request; 职改办 checks it
 * by the contact given (outside the platform) and records the outcome here.
 */
export function manualResetRoutes(route: DeclareRoute) {
  route(
    'submitManualResetRequest',
    async (input, { db, now: clock }) => {
      const now = clock();
      await requireCaptcha(db, input, now);
      const requestId = randomUUID();
      const submittedAt = now.toISOString();
      await db
        .insertInto('manual_reset_requests')
        .values({
          id: requestId,
          name: input.name,
          id_number: input.idNumber,
          contact: input.contact,
          reason: input.reason,
          status: 'pending',
          submitted_at: submittedAt,
          handled_at: null,
          handled_by: null,
          note: null,
        })
        .execute();
      return { requestId, submittedAt };
    },
    { rateLimit: 'flows' },
  );

  route('listManualResetRequests', async ({ status }, { db, session }) => {
    await requireTitleOffice(db, session.userId, NOT_TITLE_OFFICE);
    let query = viewQuery(db);
    if (status !== 'all') query = query.where('r.status', '=', status);
    // Pending work oldest first, as a queue; anything else newest first.
    const rows = await query
      .orderBy('r.submitted_at', status === 'pending' ? 'asc' : 'desc')
      .orderBy('r.id')
      .limit(LIST_LIMIT)
      .execute();
    return { requests: rows.map(toView) };
  });

  route('handleManualResetRequest', async ({ id, outcome, note }, { db, session, now }) => {
    await requireTitleOffice(db, session.userId, NOT_TITLE_OFFICE);
    const result = await db
      .updateTable('manual_reset_requests')
      .set({ status: outcome, handled_at: now().toISOString(), handled_by: session.userId, note })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      const exists = await db
        .selectFrom('manual_reset_requests')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      if (exists === undefined) throw new AppFailure('NOT_FOUND', '该找回申请不存在');
      throw new AppFailure('CONFLICT', '该找回申请已处理,不能重复处理');
    }
    const row = await viewQuery(db).where('r.id', '=', id).executeTakeFirstOrThrow();
    return { request: toView(row) };
  });
}

/** A request with the account its ID number belongs to (if any) and who handled it. */
function viewQuery(db: Kysely<Database>) {
  return db
    .selectFrom('manual_reset_requests as r')
    .leftJoin('users as matched', 'matched.id_number', 'r.id_number')
    .leftJoin('users as handler', 'handler.id', 'r.handled_by')
    .select([
      'r.id',
      'r.name',
      'r.id_number',
      'r.contact',
      'r.reason',
      'r.status',
      'r.submitted_at',
      'r.handled_at',
      'r.note',
      'matched.account as matched_account',
      'handler.name as handler_name',
      'handler.account as handler_account',
    ]);
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof viewQuery>['executeTakeFirstOrThrow']>>;

function toView(row: ViewRow): ManualResetRequestView {
  return {
    id: row.id,
    name: row.name,
    idNumber: row.id_number,
    contact: row.contact,
    reason: row.reason,
    status: row.status,
    submittedAt: row.submitted_at,
    matchedAccount: row.matched_account,
    handledAt: row.handled_at,
    handledBy: row.handler_account === null ? null : `${row.handler_name ?? ''}(${row.handler_account})`,
    note: row.note,
  };
}
