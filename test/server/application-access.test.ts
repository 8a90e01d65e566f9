import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src-server/identity/passwords';
import type { RunningServer } from '../../src-server/listen';
import { pullResponseSchema } from '../../src-shared/contracts/applications';
import {
  ACCESS_PASSWORD,
  ACCESS_ROLES as ROLES,
  startAccessScene,
  type AccessRole as Role,
} from '../support/access-scene';
import { describeEachDatabase } from './databases';
import { expectError, expectOk, getJson } from './helpers';

/**
 * Who receives which application through the pull, the detail and the attachment routes: every role
 * against applications in and out of its scope. Out of scope the answer is 404 and names nothing; an
 * administrator never receives their own application.
 */

type Target = 'A' | 'B' | 'S' | 'C' | 'D' | 'draft';

/** A: hospital 待单位审核; B: hospital 待主管部门审核; S: selfadmin's own (hospital); C, D: another unit; draft. */
const VISIBLE: Record<Role, readonly Target[]> = {
  unitadmin: ['A', 'B', 'S'],
  selfadmin: ['A', 'B'],
  otheradmin: ['C', 'D'],
  deptadmin: ['B', 'D'],
  eduadmin: [],
  newuser: [],
  cqadmin: [],
};

describeEachDatabase('applications: the authorisation matrix', (fresh) => {
  let server: RunningServer;
  let tokens: Record<Role, string>;
  const targets = {} as Record<Target, { id: string; fileId: string; name: string }>;

  beforeAll(async () => {
    const scene = await startAccessScene(await fresh());
    server = scene.server;
    const { db, hospital, other } = scene;
    await scene.addApplications(other, {
      seed: 71,
      states: ['unitReview', 'deptReview'],
      employer: '示例',
      firstIndex: 7100,
    });
    await scene.addApplications(hospital, {
      seed: 72,
      states: ['unitReview', 'deptReview', 'unitReview', 'draft'],
      employer: '示例',
      firstIndex: 7200,
    });

    const byNo = async (prefix: number, index: number) => {
      const row = await db
        .selectFrom('applications as a')
        .innerJoin('application_files as f', 'f.application_id', 'a.id')
        .select(['a.id', 'a.applicant_id', 'a.applicant_name', 'f.file_id'])
        .where('a.application_no', 'like', `%${String(prefix * 100 + index).padStart(6, '0')}`)
        .executeTakeFirstOrThrow();
      return row;
    };
    const rows = {
      C: await byNo(71, 0),
      D: await byNo(71, 1),
      A: await byNo(72, 0),
      B: await byNo(72, 1),
      S: await byNo(72, 2),
    };
    const draft = await db
      .selectFrom('applications')
      .select(['id', 'applicant_name'])
      .where('state', '=', 'draft')
      .where('application_no', 'like', '%007203')
      .executeTakeFirstOrThrow();
    for (const [target, row] of Object.entries(rows)) {
      targets[target as Target] = { id: row.id, fileId: row.file_id, name: row.applicant_name };
    }
    targets.draft = { id: draft.id, fileId: rows.A.file_id, name: draft.applicant_name };

    // S's applicant later became an administrator of the hospital: they must still never see S.
    await db
      .updateTable('users')
      .set({ account: 'selfadmin', password_hash: await hashPassword(ACCESS_PASSWORD) })
      .where('id', '=', rows.S.applicant_id)
      .execute();
    await scene.administer(rows.S.applicant_id, hospital);

    tokens = await scene.loginAll();
  }, 60_000);

  afterAll(() => server.close());

  async function pulledIds(role: Role): Promise<Set<string>> {
    const ids = new Set<string>();
    let cursor: string | undefined;
    for (;;) {
      const query = cursor === undefined ? '' : `?cursor=${encodeURIComponent(cursor)}`;
      const page = await expectOk(
        await getJson(`${server.url}/api/sync/applications${query}`, tokens[role]),
        pullResponseSchema,
      );
      if (page.kind !== 'changes') throw new Error('unexpected resync');
      for (const record of page.applications) ids.add(record.id);
      cursor = page.cursor;
      if (page.remaining === 0) return ids;
    }
  }

  for (const role of ROLES) {
    it(`${role}: pull, detail and attachments give exactly what is in scope`, async () => {
      const pulled = await pulledIds(role);
      for (const target of ['A', 'B', 'S', 'C', 'D', 'draft'] as const) {
        const { id, fileId, name } = targets[target];
        const visible = VISIBLE[role].includes(target);
        expect(pulled.has(id), `${role} pull ${target}`).toBe(visible);
        const detail = await getJson(`${server.url}/api/applications/${id}`, tokens[role]);
        const attachment = await getJson(
          `${server.url}/api/applications/${id}/attachments/${fileId}`,
          tokens[role],
        );
        if (visible) {
          expect(detail.status, `${role} detail ${target}`).toBe(200);
          expect(attachment.status, `${role} attachment ${target}`).toBe(200);
        } else {
          const error = await expectError(detail, 404, 'NOT_FOUND');
          expect(JSON.stringify(error)).not.toContain(name);
          await expectError(attachment, 404, 'NOT_FOUND');
        }
      }
    });
  }

  it('does not hand out a file through an application that does not refer to it', async () => {
    const res = await getJson(
      `${server.url}/api/applications/${targets.A.id}/attachments/${randomUUID()}`,
      tokens.unitadmin,
    );
    await expectError(res, 404, 'NOT_FOUND');
  });
});
