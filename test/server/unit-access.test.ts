import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer } from '../../src-server/listen';
import type { RunningServer } from '../../src-server/listen';
import { describeEachDatabase } from './databases';
import { expectOk, insertUser, login, testConfig } from './helpers';
import {
  registrationForm,
  registrationListSchema,
  unitApi,
  unitIdByName,
  unitRegistrationSchema,
} from './unit-helpers';
import type { UnitApi } from './unit-helpers';

/**
 * Who may see and decide which registration: every role against every route that takes a registration
 * id, for registrations in and out of their scope. Out of scope, the answer is 403 or 404 and says
 * nothing about the registration; in scope, the answer is what the role may do.
 */

type Role = 'unitadmin' | 'deptadmin' | 'eduadmin' | 'edureg' | 'zhaoqiang' | 'newuser' | 'cqadmin';
type Target = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G';
type IdRoute = 'get' | 'licence' | 'approve' | 'reject' | 'resubmit';

const ROLES: readonly Role[] = [
  'unitadmin',
  'deptadmin',
  'eduadmin',
  'edureg',
  'zhaoqiang',
  'newuser',
  'cqadmin',
];
const ROUTES: readonly IdRoute[] = ['get', 'licence', 'approve', 'reject', 'resubmit'];

interface TargetModel {
  /** Who can see it: its registrant, its administrators, its superior's administrators. */
  visibleTo: readonly Role[];
  /** Its superior's administrators: they decide it. */
  reviewers: readonly Role[];
  registrant: Role | null;
  status: 'pending' | 'approved' | 'rejected';
  /** What must never appear in an answer to someone who cannot see it: its name and credit code. */
  secrets: string[];
}

describeEachDatabase('unit registrations: the authorisation matrix', (fresh) => {
  let server: RunningServer;
  let api: UnitApi;
  const tokens = {} as Record<Role, string>;
  const ids = {} as Record<Target, string>;
  const model = {} as Record<Target, TargetModel>;

  beforeAll(async () => {
    server = await startServer(testConfig(await fresh()));
    api = unitApi(server.url);
    const db = server.platform.db;
    const education = await unitIdByName(db, '重庆市教育委员会');
    // The second department's administrator, and a person who registers units under it.
    const eduAdminId = await insertUser(db, { account: 'eduadmin', password: 'Edu@2026x', name: '刘洋' });
    await db
      .insertInto('unit_admins')
      .values({ user_id: eduAdminId, unit_id: education, created_at: new Date().toISOString() })
      .execute();
    await insertUser(db, { account: 'edureg', password: 'Reg@2026x', name: '孙丽' });

    const passwords: Record<Role, string> = {
      unitadmin: 'Unit@2026',
      deptadmin: 'Dept@2026',
      eduadmin: 'Edu@2026x',
      edureg: 'Reg@2026x',
      zhaoqiang: 'Demo@2026',
      newuser: 'User@2026',
      cqadmin: 'Admin@2026',
    };
    // Password hashing is slow: every role signs in once for the whole file.
    await Promise.all(
      ROLES.map(async (role) => {
        tokens[role] = await login(server.url, role, passwords[role]);
      }),
    );

    // E: a unit under the 教育委员会, approved; A: a registration under it, pending.
    const e = await expectOk(
      await api.submit(
        tokens.edureg,
        registrationForm(education, await api.uploadScan(tokens.edureg), { name: '重庆市示例实验中学' }),
      ),
      unitRegistrationSchema,
    );
    await expectOk(await api.approve(tokens.eduadmin, e.id), unitRegistrationSchema);
    const a = await expectOk(
      await api.submit(
        tokens.edureg,
        registrationForm(education, await api.uploadScan(tokens.edureg), { name: '重庆市示例职业技术学院' }),
      ),
      unitRegistrationSchema,
    );

    ids.A = a.id;
    ids.B = await unitIdByName(db, '重庆市示例人民医院');
    ids.C = await unitIdByName(db, '重庆市示例社区卫生服务中心');
    ids.D = randomUUID();
    ids.E = e.id;
    ids.F = await unitIdByName(db, '重庆市卫生健康委员会');
    ids.G = await unitIdByName(db, '重庆市职称改革办公室');

    model.A = {
      visibleTo: ['edureg', 'eduadmin'],
      reviewers: ['eduadmin'],
      registrant: 'edureg',
      status: 'pending',
      secrets: ['重庆市示例职业技术学院', a.creditCode],
    };
    model.B = {
      visibleTo: ['unitadmin', 'deptadmin'],
      reviewers: ['deptadmin'],
      registrant: 'unitadmin',
      status: 'approved',
      secrets: ['重庆市示例人民医院', '12500000MB1600219D'],
    };
    model.C = {
      visibleTo: ['zhaoqiang', 'deptadmin'],
      reviewers: ['deptadmin'],
      registrant: 'zhaoqiang',
      status: 'pending',
      secrets: ['重庆市示例社区卫生服务中心', '12500108MB0P35261K'],
    };
    model.D = { visibleTo: [], reviewers: [], registrant: null, status: 'pending', secrets: [] };
    model.E = {
      visibleTo: ['edureg', 'eduadmin'],
      reviewers: ['eduadmin'],
      registrant: 'edureg',
      status: 'approved',
      secrets: ['重庆市示例实验中学', e.creditCode],
    };
    model.F = {
      visibleTo: ['deptadmin', 'cqadmin'],
      reviewers: ['cqadmin'],
      registrant: 'deptadmin',
      status: 'approved',
      secrets: ['重庆市卫生健康委员会', '11500000MB1541968X'],
    };
    // The 职改办 is no registration at all (the admin command made it).
    model.G = { visibleTo: [], reviewers: [], registrant: null, status: 'approved', secrets: [] };
  });
  afterAll(async () => {
    await server?.close();
  });

  const call = (role: Role, route: IdRoute, id: string) => {
    const token = tokens[role];
    switch (route) {
      case 'get':
        return api.get(token, id);
      case 'licence':
        return api.licence(token, id);
      case 'approve':
        return api.approve(token, id);
      case 'reject':
        return api.reject(token, id, '矩阵测试:不应生效');
      case 'resubmit':
        // A valid form with nothing of the target in it; the licence id names no file, so a call that got
        // past the access check would fail with 400, not pass.
        return api.resubmit(token, id, registrationForm(ids.F, randomUUID(), { name: '重庆市示例矩阵单位' }));
    }
  };

  /** The status a role in scope gets, or null when the call would change the registration. */
  function expectedInScope(role: Role, route: IdRoute, target: TargetModel): number | null {
    if (route === 'get' || route === 'licence') return 200;
    if (route === 'resubmit') {
      if (target.registrant !== role) return 403;
      return target.status === 'rejected' ? null : 409;
    }
    if (!target.reviewers.includes(role) || target.registrant === role) return 403;
    return target.status === 'pending' ? null : 409;
  }

  const snapshot = () =>
    server.platform.db
      .selectFrom('units')
      .select(['id', 'status', 'updated_at', 'reject_reason', 'reviewed_by'])
      .orderBy('id')
      .execute();

  it('answers every role on every route and id as its scope allows, and leaks nothing outside it', async () => {
    const before = await snapshot();
    let crossScope = 0;
    for (const role of ROLES) {
      for (const [name, target] of Object.entries(model) as Array<[Target, TargetModel]>) {
        for (const route of ROUTES) {
          const inScope = target.visibleTo.includes(role);
          const expected = inScope ? expectedInScope(role, route, target) : 404;
          // A decision the role may make is left for the last test: the matrix changes nothing.
          if (expected === null) continue;
          const res = await call(role, route, ids[name]);
          const text = await res.text();
          const where = `${role} ${route} ${name}: ${text.slice(0, 200)}`;
          if (!inScope) {
            crossScope += 1;
            expect([403, 404], where).toContain(res.status);
            expect(res.headers.get('content-type'), where).toMatch(/^application\/json/);
            for (const secret of target.secrets) expect(text, where).not.toContain(secret);
            continue;
          }
          expect(res.status, where).toBe(expected);
          // An answer in scope names the superior, but carries no other registration's details.
          for (const other of Object.values(model).filter((m) => m !== target && m.secrets[1])) {
            expect(text, where).not.toContain(other.secrets[1]);
          }
        }
      }
    }
    expect(crossScope).toBeGreaterThan(150);
    // Nothing changed: the matrix never made a call that a role may make to change a registration.
    expect(await snapshot()).toEqual(before);
  });

  it('lists to each reviewer the registrations under their units only', async () => {
    const names = async (role: Role) => {
      const res = await api.review(tokens[role], 'all');
      if (res.status !== 200) return res.status;
      const { registrations } = await expectOk(res, registrationListSchema);
      return registrations.map((registration) => registration.name).sort();
    };
    expect(await names('deptadmin')).toEqual(['重庆市示例人民医院', '重庆市示例社区卫生服务中心'].sort());
    expect(await names('eduadmin')).toEqual(['重庆市示例实验中学', '重庆市示例职业技术学院'].sort());
    expect(await names('cqadmin')).toEqual(['重庆市卫生健康委员会', '重庆市教育委员会'].sort());
    for (const role of ['unitadmin', 'edureg', 'zhaoqiang', 'newuser'] as const) {
      const res = await api.review(tokens[role], 'all');
      const text = await res.text();
      expect(res.status, role).toBe(403);
      for (const secret of Object.values(model).flatMap((target) => target.secrets)) {
        expect(text, role).not.toContain(secret);
      }
    }
    // 我的注册: one's own registrations, nobody else's.
    const mine = await expectOk(await api.mine(tokens.edureg), registrationListSchema);
    expect(mine.registrations.map((r) => r.id).sort()).toEqual([ids.A, ids.E].sort());
    expect((await expectOk(await api.mine(tokens.newuser), registrationListSchema)).registrations).toEqual(
      [],
    );
  });

  it('lets the reviewers decide and the registrant resubmit what is theirs', async () => {
    await expectOk(await api.approve(tokens.deptadmin, ids.C), unitRegistrationSchema);
    const rejected = await expectOk(
      await api.reject(tokens.eduadmin, ids.A, '请补充法人证书'),
      unitRegistrationSchema,
    );
    expect(rejected.status).toBe('rejected');
    // Rejected, A is the registrant's to edit, and still nobody else's.
    for (const role of ROLES.filter((r) => r !== 'edureg')) {
      const res = await call(role, 'resubmit', ids.A);
      expect([403, 404], role).toContain(res.status);
    }
    const form = registrationForm(ids.F, '', { name: '重庆市示例职业技术学院' });
    const resubmitted = await expectOk(
      await api.resubmit(tokens.edureg, ids.A, {
        ...form,
        parentId: await unitIdByName(server.platform.db, '重庆市教育委员会'),
        licenceFileId: await api.uploadScan(tokens.edureg),
      }),
      unitRegistrationSchema,
    );
    expect(resubmitted.status).toBe('pending');
  });
});
