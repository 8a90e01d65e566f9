import { randomInt, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppFailure } from '../../src-shared/contracts/errors';
import type { ApplicationContent, ContentProblem } from '../../src-shared/domain/catalog';
import { validateApplicationContent } from '../../src-shared/domain/catalog-validation';
import type { TransitionId } from '../../src-shared/domain/workflow';
import { isUniqueViolation } from '../db/errors';
import type { ApplicationRow, Database } from '../db/schema';
import type { DeclareRoute } from '../http/route';
import { findUserById } from '../identity/users';
import { administeredUnits } from '../units/registrations';
import { requireAccountIdentity, withAccountIdentity } from './applicant-identity';
import { applicantView, attachmentReferences, contentColumns } from './records';
import type { AttachmentReference } from './records';
import {
  recordApplicationEvent,
  replaceAttachmentRows,
  STALE_VERSION,
  transitionApplication,
  updateApplication,
} from './writes';

/**
 * The applicant API (申报人): save a draft, submit it to the applicant's unit, resubmit after a return,
 * withdraw while the unit has not decided. There are no desktop screens for it; the demo data, the
 * tests and other clients use it.
 */

const NOT_FOUND = '未找到该申报书';
const OWN_UNIT =
  '申报人本人不得担任审核自己申报书的单位管理员:您是该单位的管理员,请由其他管理员处理或更换申报单位';
const UNIT_INVALID = '请选择已审核通过的工作单位';
const NOT_A_UNIT = '主管部门和职改办不受理申报书,请选择您所在的工作单位提交';
const ATTACHMENT_INVALID = '附件不存在或不是您上传的文件,请重新上传';

export function applicantRoutes(route: DeclareRoute) {
  route('saveApplicationDraft', async ({ id, baseVersion, unitId, content: sent }, { db, session, now }) => {
    const at = now().toISOString();
    const user = await findUserById(db, session.userId);
    if (user === undefined) throw new AppFailure('UNAUTHENTICATED');
    const content = withAccountIdentity(sent, user);
    const problems = validateApplicationContent(content, { forSubmit: false, today: now() });
    if (problems.length > 0) throw contentFailure(problems);
    const unit = await reviewingUnit(db, unitId, session.userId);

    return db.transaction().execute(async (trx) => {
      const references = await checkedAttachments(trx, session.userId, content, id);
      requireAccountIdentity(content, user);
      if (id === undefined) {
        const row = await insertDraft(trx, {
          applicantId: user.id,
          unitId: unit.id,
          departmentId: unit.departmentId,
          content,
          at,
          now: now(),
        });
        await replaceAttachmentRows(trx, row.id, references);
        await recordApplicationEvent(trx, row.id, {
          at,
          action: 'created',
          fromState: null,
          toState: 'draft',
          actor: { id: user.id, name: user.name },
          comment: null,
        });
        return applicantView(row, unit.name);
      }
      const row = await ownApplication(trx, id, session.userId);
      if (baseVersion === undefined || Number(row.version) !== baseVersion) {
        throw new AppFailure('CONFLICT', STALE_VERSION);
      }
      // After a return the applicant edits what the unit commented on; the unit stays the same.
      if (row.state !== 'draft' && row.state !== 'unitReturned') {
        throw new AppFailure('CONFLICT', '申报书已提交,审核期间不能修改;如需修改,请先撤回或等待退回');
      }
      if (row.state !== 'draft' && row.unit_id !== unit.id) {
        throw new AppFailure('BAD_REQUEST', '退回修改时不能更换工作单位', {
          unitId: '退回修改时不能更换工作单位',
        });
      }
      const updated = await updateApplication(
        trx,
        row,
        { state: row.state, version: Number(row.version) + 1, submitCount: Number(row.submit_count) },
        {
          ...storedContent(withApplicationNo(content, row.application_no)),
          unit_id: unit.id,
          department_id: unit.departmentId,
        },
        at,
      );
      await replaceAttachmentRows(trx, row.id, references);
      await recordApplicationEvent(trx, row.id, {
        at,
        action: 'saved',
        fromState: row.state,
        toState: row.state,
        actor: { id: user.id, name: user.name },
        comment: null,
      });
      return applicantView(updated, unit.name);
    });
  });

  route('listMyApplications', async (_input, { db, session }) => {
    const rows = await db
      .selectFrom('applications as a')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .selectAll('a')
      .select('u.name as unit_name')
      .where('a.applicant_id', '=', session.userId)
      .orderBy('a.created_at', 'desc')
      .execute();
    return { applications: rows.map((row) => applicantView(row, row.unit_name)) };
  });

  const step = (transitionId: TransitionId, checkContent: boolean) =>
    async function takeStep(
      { id, baseVersion }: { id: string; baseVersion: number },
      { db, session, now }: { db: Kysely<Database>; session: { userId: string }; now: () => Date },
    ) {
      const user = await findUserById(db, session.userId);
      if (user === undefined) throw new AppFailure('UNAUTHENTICATED');
      return db.transaction().execute(async (trx) => {
        const row = await ownApplication(trx, id, session.userId);
        if (checkContent) {
          const content = JSON.parse(row.content) as ApplicationContent;
          const problems = validateApplicationContent(content, { forSubmit: true, today: now() });
          if (problems.length > 0) throw contentFailure(problems);
          // A draft saved before names were tied to the account may still carry someone else's.
          requireAccountIdentity(content, user);
        }
        // The unit's superior may have changed since the draft was saved; the submission goes to today's.
        const unit = await reviewingUnit(trx, row.unit_id, session.userId);
        const submits = transitionId === 'submit' || transitionId === 'resubmit';
        const updated = await transitionApplication(trx, row, {
          transitionId,
          role: 'applicant',
          actor: { id: user.id, name: user.name },
          now: now(),
          baseVersion,
          changes: submits ? { submitted_at: now().toISOString(), department_id: unit.departmentId } : {},
        });
        return applicantView(updated, unit.name);
      });
    };

  route('submitApplication', step('submit', true));
  route('resubmitApplication', step('resubmit', true));
  route('withdrawApplication', step('withdraw', false));
}

/**
 * The unit an application goes to: an approved unit (not a 主管部门 or the 职改办, whose reviewers only
 * see what a unit reports up, so an application filed there would wait for nobody), which the applicant
 * does not administer (申报人本人不得审核自己的申报书), with its superior department if it has one.
 */
async function reviewingUnit(db: Kysely<Database>, unitId: string, applicantId: string) {
  const unit = await db
    .selectFrom('units as u')
    .leftJoin('units as p', 'p.id', 'u.parent_id')
    .select(['u.id', 'u.name', 'u.kind', 'p.id as parent_id', 'p.kind as parent_kind'])
    .where('u.id', '=', unitId)
    .where('u.status', '=', 'approved')
    .executeTakeFirst();
  if (unit === undefined) throw new AppFailure('BAD_REQUEST', UNIT_INVALID, { unitId: UNIT_INVALID });
  if (unit.kind !== 'unit') throw new AppFailure('BAD_REQUEST', NOT_A_UNIT, { unitId: NOT_A_UNIT });
  const administers = await db
    .selectFrom('units')
    .select('id')
    .where('id', '=', unit.id)
    .where('id', 'in', administeredUnits(db, applicantId))
    .executeTakeFirst();
  if (administers !== undefined) throw new AppFailure('FORBIDDEN', OWN_UNIT);
  return {
    id: unit.id,
    name: unit.name,
    departmentId: unit.parent_kind === 'department' ? unit.parent_id : null,
  };
}

async function ownApplication(
  db: Kysely<Database>,
  id: string,
  applicantId: string,
): Promise<ApplicationRow> {
  const row = await db
    .selectFrom('applications')
    .selectAll()
    .where('id', '=', id)
    .where('applicant_id', '=', applicantId)
    .executeTakeFirst();
  if (row === undefined) throw new AppFailure('NOT_FOUND', NOT_FOUND);
  return row;
}

/**
 * The scans the content refers to must exist and be the applicant's own uploads, or already belong to
 * this application: nobody can attach another person's file by guessing its id.
 */
async function checkedAttachments(
  db: Kysely<Database>,
  applicantId: string,
  content: ApplicationContent,
  applicationId: string | undefined,
): Promise<AttachmentReference[]> {
  const references = attachmentReferences(content);
  const ids = [...new Set(references.map((reference) => reference.fileId))];
  if (ids.length === 0) return references;
  const owned = await db
    .selectFrom('files')
    .select('id')
    .where('id', 'in', ids)
    .where((eb) =>
      eb.or([
        eb('owner_user_id', '=', applicantId),
        ...(applicationId === undefined
          ? []
          : [
              eb(
                'id',
                'in',
                db
                  .selectFrom('application_files')
                  .select('file_id')
                  .where('application_id', '=', applicationId),
              ),
            ]),
      ]),
    )
    .execute();
  const allowed = new Set(owned.map((row) => row.id));
  const bad = references.find((reference) => !allowed.has(reference.fileId));
  if (bad !== undefined) {
    const key = [bad.sectionKey, bad.rowIndex, bad.fieldKey].filter((part) => part !== null).join('.');
    throw new AppFailure('BAD_REQUEST', ATTACHMENT_INVALID, { [key]: ATTACHMENT_INVALID });
  }
  return references;
}

/** The content as stored, with its list columns. */
function storedContent(content: ApplicationContent) {
  return { content: JSON.stringify(content), ...contentColumns(content) };
}

/** 申请书编号 is the platform's to give: whatever the applicant typed there is replaced by it. */
function withApplicationNo(content: ApplicationContent, applicationNo: string): ApplicationContent {
  const info = content.applicationInfo;
  const values = info !== undefined && !Array.isArray(info) ? info : {};
  return { ...content, applicationInfo: { ...values, applicationNo } };
}

async function insertDraft(
  trx: Kysely<Database>,
  draft: {
    applicantId: string;
    unitId: string;
    departmentId: string | null;
    content: ApplicationContent;
    at: string;
    now: Date;
  },
): Promise<ApplicationRow> {
  const year = String(draft.now.getUTCFullYear());
  // A random number, checked before use: sequential numbers would need a counter row that every new draft
  // of the city locks. (A retry after a unique violation is impossible inside a PostgreSQL transaction,
  // so the check comes first; two drafts drawing the same number at the same moment get CONFLICT.)
  let applicationNo = '';
  for (let attempt = 0; attempt < 10 && applicationNo === ''; attempt += 1) {
    const candidate = `CQ${year}-${String(randomInt(1_000_000)).padStart(6, '0')}`;
    const taken = await trx
      .selectFrom('applications')
      .select('id')
      .where('application_no', '=', candidate)
      .executeTakeFirst();
    if (taken === undefined) applicationNo = candidate;
  }
  if (applicationNo === '') throw new AppFailure('CONFLICT', '暂时无法分配申请书编号,请稍后重试');
  const content = withApplicationNo(draft.content, applicationNo);
  try {
    return await trx
      .insertInto('applications')
      .values({
        id: randomUUID(),
        application_no: applicationNo,
        applicant_id: draft.applicantId,
        unit_id: draft.unitId,
        department_id: draft.departmentId,
        state: 'draft',
        version: 1,
        submit_count: 0,
        publicity_start: null,
        publicity_end: null,
        created_at: draft.at,
        updated_at: draft.at,
        submitted_at: null,
        ...storedContent(content),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppFailure('CONFLICT', '暂时无法分配申请书编号,请稍后重试');
    throw error;
  }
}

/** The content's problems as a 400 with one message per field (`section.row.field` or `section.field`). */
function contentFailure(problems: readonly ContentProblem[]): AppFailure {
  const fields: Record<string, string> = {};
  for (const problem of problems) {
    const key = [problem.sectionKey, problem.rowIndex, problem.fieldKey]
      .filter((part) => part !== undefined && part !== '')
      .join('.');
    fields[key || '_'] ??= problem.message;
  }
  const first = problems[0]?.message ?? '';
  return new AppFailure('BAD_REQUEST', `申报书有${problems.length}处需要修改:${first}`, fields);
}
