import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { AppFailure } from '../../src-shared/contracts/errors';
import type { UnitRegistration } from '../../src-shared/contracts/units';
import { compareUnitNames } from '../../src-shared/domain/pinyin-key';
import { UNIT_STATUS_LABELS } from '../../src-shared/domain/units';
import { isUniqueViolation } from '../db/errors';
import type { Database } from '../db/schema';
import { readStoredFile } from '../files/read';
import type { DeclareRoute, RouteInput } from '../http/route';
import { findUserById } from '../identity/users';
import {
  administeredUnits,
  ALLOWED_PARENT_KINDS,
  loadRegistration,
  recordUnitEvent,
  registrationAccess,
  registrationQuery,
  visibleTo,
  withHistory,
} from './registrations';

/** The most a search answers: the form shows a short pick list that narrows as one types. */
const SEARCH_LIMIT = 20;
/**
 * The most matches a search reads before it orders them in pinyin and keeps SEARCH_LIMIT: the database
 * compares names by code point (and PostgreSQL's and SQLite's collations differ), so the order is the
 * shared one in JavaScript. The superiors are the 职改办 and the city's departments, some hundreds; the
 * cap only bounds an empty query on an unexpectedly large table.
 */
const SEARCH_POOL = 2000;
/** The most a list answers; a department handles its queue oldest first. */
const LIST_LIMIT = 200;

const NOT_FOUND = '未找到该注册申请';
const CREDIT_CODE_REGISTERED = '该统一社会信用代码已注册';
const CREDIT_CODE_PENDING = '该统一社会信用代码已有待审核的注册申请';
const LICENCE_NOT_YOURS = '请重新上传营业执照/法人证书扫描件';
const PARENT_INVALID: Record<'unit' | 'department', string> = {
  unit: '请选择已审核通过的主管部门作为上级主管部门',
  department: '请选择职改办或已审核通过的主管部门作为上级主管部门',
};

type RegistrationForm = RouteInput<'submitUnitRegistration'>;

/**
 * 单位注册 (manual 3.1) and 下级单位注册审核: a person registers a unit or a department under its superior,
 * whose administrators approve or reject it; approval makes the registrant the unit's administrator.
 */
export function unitRoutes(route: DeclareRoute) {
  route('searchSuperiors', async ({ kind, query }, { db }) => {
    let search = db
      .selectFrom('units')
      .select(['id', 'name', 'credit_code', 'kind'])
      .where('status', '=', 'approved')
      .where('kind', 'in', ALLOWED_PARENT_KINDS[kind]);
    if (query !== '') {
      const pattern = `%${query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      search = search.where((eb) =>
        eb.or([
          sql<boolean>`lower(name) like ${pattern} escape '\\'`,
          sql<boolean>`lower(coalesce(credit_code, '')) like ${pattern} escape '\\'`,
        ]),
      );
    }
    const matches = await search
      .orderBy(sql`case when kind = 'titleOffice' then 0 else 1 end`)
      .orderBy('name')
      .orderBy('id')
      .limit(SEARCH_POOL)
      .execute();
    // The 职改办 first, then departments by name in pinyin.
    const titleOfficeFirst = (kind: string) => (kind === 'titleOffice' ? 0 : 1);
    const rows = matches
      .sort(
        (a, b) =>
          titleOfficeFirst(a.kind) - titleOfficeFirst(b.kind) ||
          compareUnitNames(a.name, b.name) ||
          (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      )
      .slice(0, SEARCH_LIMIT);
    return {
      departments: rows.map((row) => ({
        id: row.id,
        name: row.name,
        creditCode: row.credit_code,
        kind: row.kind,
      })),
    };
  });

  route('submitUnitRegistration', async (form, { db, session, now: clock }) => {
    const at = clock().toISOString();
    const registrant = await findUserById(db, session.userId);
    if (registrant === undefined) throw new AppFailure('UNAUTHENTICATED');
    await checkForm(db, form, session.userId);
    await refuseTakenCreditCode(db, form.creditCode, null);
    const id = randomUUID();
    try {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('units')
          .values({
            id,
            ...formColumns(form),
            contact_name: registrant.name,
            status: 'pending',
            registered_by: registrant.id,
            submitted_at: at,
            created_at: at,
            updated_at: at,
          })
          .execute();
        await recordUnitEvent(trx, id, {
          at,
          action: 'submitted',
          actorId: registrant.id,
          actorName: registrant.name,
        });
      });
    } catch (error) {
      // Someone registered the same code between the check above and this insert.
      if (isUniqueViolation(error)) await refuseTakenCreditCode(db, form.creditCode, id);
      throw error;
    }
    return loadRegistration(db, id);
  });

  route('resubmitUnitRegistration', async ({ id, ...form }, { db, session, now: clock }) => {
    const at = clock().toISOString();
    const access = await registrationAccess(db, id, session.userId);
    if (access === null) throw new AppFailure('NOT_FOUND', NOT_FOUND);
    if (!access.registered) throw new AppFailure('FORBIDDEN', '只有提交注册申请的本人可以修改后重新提交');
    if (access.status !== 'rejected') throw notRejected();
    const registrant = await findUserById(db, session.userId);
    if (registrant === undefined) throw new AppFailure('UNAUTHENTICATED');
    await checkForm(db, form, session.userId);
    await refuseTakenCreditCode(db, form.creditCode, id);
    try {
      await db.transaction().execute(async (trx) => {
        // The conditions again, in the statement: the registration may have changed since the checks.
        const result = await trx
          .updateTable('units')
          .set({
            ...formColumns(form),
            contact_name: registrant.name,
            status: 'pending',
            reject_reason: null,
            reviewed_by: null,
            reviewed_at: null,
            submitted_at: at,
            updated_at: at,
          })
          .where('id', '=', id)
          .where('registered_by', '=', session.userId)
          .where('status', '=', 'rejected')
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) throw notRejected();
        await recordUnitEvent(trx, id, {
          at,
          action: 'resubmitted',
          actorId: registrant.id,
          actorName: registrant.name,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) await refuseTakenCreditCode(db, form.creditCode, id);
      throw error;
    }
    return loadRegistration(db, id);
  });

  route('listMyUnitRegistrations', async (_input, { db, session }) => {
    const rows = await registrationQuery(db)
      .where('u.registered_by', '=', session.userId)
      .orderBy('u.submitted_at', 'desc')
      .orderBy('u.id')
      .limit(LIST_LIMIT)
      .execute();
    return { registrations: await withHistory(db, rows) };
  });

  route('listSubordinateRegistrations', async ({ status }, { db, session }) => {
    const reviewing = await administeredUnits(db, session.userId, ['department', 'titleOffice'])
      .limit(1)
      .executeTakeFirst();
    if (reviewing === undefined) {
      throw new AppFailure('FORBIDDEN', '只有主管部门或职改办的管理员可以审核下级单位注册');
    }
    let query = registrationQuery(db).where(
      'u.parent_id',
      'in',
      administeredUnits(db, session.userId, ['department', 'titleOffice']),
    );
    if (status !== 'all') query = query.where('u.status', '=', status);
    // Waiting work oldest first, as a queue; anything else newest first.
    const rows = await query
      .orderBy('u.submitted_at', status === 'pending' ? 'asc' : 'desc')
      .orderBy('u.id')
      .limit(LIST_LIMIT)
      .execute();
    return { registrations: await withHistory(db, rows) };
  });

  route('getUnitRegistration', async ({ id }, { db, session }) => {
    const row = await visibleTo(registrationQuery(db), db, session.userId)
      .where('u.id', '=', id)
      .executeTakeFirst();
    if (row === undefined) throw new AppFailure('NOT_FOUND', NOT_FOUND);
    const [registration] = await withHistory(db, [row]);
    return registration as UnitRegistration;
  });

  route('getRegistrationLicence', async ({ id }, { db, files, session, logger }) => {
    const row = await visibleTo(registrationQuery(db), db, session.userId)
      .where('u.id', '=', id)
      .executeTakeFirst();
    if (row === undefined) throw new AppFailure('NOT_FOUND', NOT_FOUND);
    const content = await readStoredFile(files, row.file_id, logger);
    return {
      fileId: row.file_id,
      fileName: row.file_name,
      mimeType: row.mime_type,
      size: Number(row.size),
      contentBase64: content.toString('base64'),
    };
  });

  route('approveUnitRegistration', async ({ id }, { db, session, now }) =>
    decide(db, id, session.userId, now().toISOString(), null),
  );

  route('rejectUnitRegistration', async ({ id, reason }, { db, session, now }) =>
    decide(db, id, session.userId, now().toISOString(), reason),
  );
}

/**
 * Approves (reason null) or rejects a pending registration. One conditional update decides: only an
 * administrator of the registration's superior, not its registrant, and only while it is pending, so two
 * reviewers deciding at once cannot both succeed. When it changes nothing, a second query says why.
 */
async function decide(
  db: Kysely<Database>,
  id: string,
  userId: string,
  at: string,
  reason: string | null,
): Promise<UnitRegistration> {
  const reviewer = await findUserById(db, userId);
  if (reviewer === undefined) throw new AppFailure('UNAUTHENTICATED');
  const decided = await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('units')
      .set({
        status: reason === null ? 'approved' : 'rejected',
        reject_reason: reason,
        reviewed_by: userId,
        reviewed_at: at,
        updated_at: at,
      })
      .where('id', '=', id)
      .where('kind', 'in', ['unit', 'department'])
      .where('status', '=', 'pending')
      .where('parent_id', 'in', administeredUnits(trx, userId))
      .where('registered_by', '<>', userId)
      .returning('registered_by')
      .executeTakeFirst();
    if (result === undefined) return false;
    if (reason === null && result.registered_by !== null) {
      // The registrant administers the approved unit; they may already administer others.
      await trx
        .insertInto('unit_admins')
        .values({ user_id: result.registered_by, unit_id: id, created_at: at })
        .onConflict((oc) => oc.columns(['user_id', 'unit_id']).doNothing())
        .execute();
    }
    await recordUnitEvent(trx, id, {
      at,
      action: reason === null ? 'approved' : 'rejected',
      actorId: reviewer.id,
      actorName: reviewer.name,
      reason,
    });
    return true;
  });
  if (decided) return loadRegistration(db, id);

  const access = await registrationAccess(db, id, userId);
  if (access === null) throw new AppFailure('NOT_FOUND', NOT_FOUND);
  if (!access.reviews) throw new AppFailure('FORBIDDEN', '只有上级主管部门的管理员可以审核该注册申请');
  if (access.registered) throw new AppFailure('FORBIDDEN', '不能审核本人提交的注册申请');
  throw new AppFailure(
    'CONFLICT',
    `该注册申请当前状态为“${UNIT_STATUS_LABELS[access.status]}”,只能审核待审核的注册申请`,
  );
}

function notRejected(): AppFailure {
  return new AppFailure('CONFLICT', '只有审核不通过的注册申请可以修改后重新提交');
}

/** The units columns the form fills in. */
function formColumns(form: RegistrationForm) {
  return {
    name: form.name,
    credit_code: form.creditCode,
    kind: form.kind,
    nature: form.nature,
    industry: form.industry,
    district_code: form.districtCode,
    parent_id: form.parentId,
    address: form.address,
    leader_name: form.leaderName,
    contact_phone: form.contactPhone,
    licence_file_id: form.licenceFileId,
  };
}

/**
 * What the schema cannot check: the scan must be one the registrant uploaded (a file id seen elsewhere
 * does not let anyone attach another person's file), and the superior must be an approved unit of a
 * kind this registration may name.
 */
async function checkForm(db: Kysely<Database>, form: RegistrationForm, userId: string): Promise<void> {
  const fields: Record<string, string> = {};
  const licence = await db
    .selectFrom('files')
    .select('id')
    .where('id', '=', form.licenceFileId)
    .where('owner_user_id', '=', userId)
    .executeTakeFirst();
  if (licence === undefined) fields.licenceFileId = LICENCE_NOT_YOURS;
  const parent = await db
    .selectFrom('units')
    .select('id')
    .where('id', '=', form.parentId)
    .where('status', '=', 'approved')
    .where('kind', 'in', ALLOWED_PARENT_KINDS[form.kind])
    .executeTakeFirst();
  if (parent === undefined) fields.parentId = PARENT_INVALID[form.kind];
  if (Object.keys(fields).length > 0) {
    const first = Object.values(fields)[0];
    throw new AppFailure('BAD_REQUEST', first, fields);
  }
}

/** Refuses a credit code that a pending or approved unit (other than `ownId`) already has. */
async function refuseTakenCreditCode(db: Kysely<Database>, creditCode: string, ownId: string | null) {
  let query = db
    .selectFrom('units')
    .select('status')
    .where('credit_code', '=', creditCode)
    .where('status', 'in', ['pending', 'approved']);
  if (ownId !== null) query = query.where('id', '<>', ownId);
  const taken = await query.executeTakeFirst();
  if (taken === undefined) return;
  const message = taken.status === 'approved' ? CREDIT_CODE_REGISTERED : CREDIT_CODE_PENDING;
  throw new AppFailure('CONFLICT', message, { creditCode: message });
}
