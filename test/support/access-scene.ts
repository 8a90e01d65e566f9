import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { filesDirOf } from '../../src-server/config';
import type { Database } from '../../src-server/db/schema';
import { startServer, type RunningServer } from '../../src-server/listen';
import type { ApplicationState } from '../../src-shared/domain/workflow';
import type { DatabaseConfig } from '../server/databases';
import { insertUser, login, testConfig } from '../server/helpers';
import { freshCreditCode, unitIdByName } from '../server/unit-helpers';
import { addGeneratedApplications, storeScans, type DemoScans } from './server-applications';

/**
 * The scene of the server's authorisation matrices (who receives an application, who may decide on it):
 * the demo server on a fresh database with, beside the demo accounts, a second hospital under the same
 * department (重庆市卫生健康委员会) with its own administrator, otheradmin, and an administrator of another
 * department, eduadmin. selfadmin, an administrator who is also an applicant, each test makes its own
 * way before signing everyone in.
 */

export const ACCESS_ROLES = [
  'unitadmin',
  'selfadmin',
  'otheradmin',
  'deptadmin',
  'eduadmin',
  'newuser',
  'cqadmin',
] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

/** The password of the accounts the tests add, selfadmin's included. */
export const ACCESS_PASSWORD = 'Test@2026';

const PASSWORDS: Readonly<Record<AccessRole, string>> = {
  unitadmin: 'Unit@2026',
  deptadmin: 'Dept@2026',
  newuser: 'User@2026',
  cqadmin: 'Admin@2026',
  selfadmin: ACCESS_PASSWORD,
  otheradmin: ACCESS_PASSWORD,
  eduadmin: ACCESS_PASSWORD,
};

export interface AccessScene {
  server: RunningServer;
  db: Kysely<Database>;
  now: Date;
  /** Unit ids: the demo hospital, its department, the other department, and the second hospital. */
  hospital: string;
  commission: string;
  education: string;
  other: string;
  /** Makes the user an administrator of the unit (or department). */
  administer(userId: string, unitId: string): Promise<void>;
  /** Generated applications of a unit under the commission, one per state. */
  addApplications(
    unitId: string,
    options: { seed: number; states: readonly ApplicationState[]; employer: string; firstIndex: number },
  ): Promise<void>;
  /** Signs in every role (selfadmin must exist by then) and returns their tokens. */
  loginAll(): Promise<Record<AccessRole, string>>;
}

export async function startAccessScene(database: DatabaseConfig): Promise<AccessScene> {
  const config = testConfig(database);
  const server = await startServer(config);
  try {
    return await setUp(server, filesDirOf(config));
  } catch (error) {
    await server.close();
    throw error;
  }
}

async function setUp(server: RunningServer, filesDir: string): Promise<AccessScene> {
  const db = server.platform.db;
  const now = new Date();
  const hospital = await unitIdByName(db, '重庆市示例人民医院');
  const commission = await unitIdByName(db, '重庆市卫生健康委员会');
  const education = await unitIdByName(db, '重庆市教育委员会');

  const other = randomUUID();
  await db
    .insertInto('units')
    .values({
      id: other,
      kind: 'unit',
      name: '重庆市示例中医院',
      credit_code: freshCreditCode(),
      parent_id: commission,
      status: 'approved',
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();
  const administer = async (userId: string, unitId: string) => {
    await db
      .insertInto('unit_admins')
      .values({ user_id: userId, unit_id: unitId, created_at: now.toISOString() })
      .execute();
  };
  await administer(await insertUser(db, { account: 'otheradmin', password: ACCESS_PASSWORD }), other);
  await administer(await insertUser(db, { account: 'eduadmin', password: ACCESS_PASSWORD }), education);

  const scans: DemoScans = await storeScans(db, filesDir, now);
  return {
    server,
    db,
    now,
    hospital,
    commission,
    education,
    other,
    administer,
    addApplications: (unitId, options) =>
      addGeneratedApplications(db, scans, { unitId, departmentId: commission, now, ...options }),
    async loginAll() {
      const tokens = {} as Record<AccessRole, string>;
      for (const role of ACCESS_ROLES) tokens[role] = await login(server.url, role, PASSWORDS[role]);
      return tokens;
    },
  };
}
