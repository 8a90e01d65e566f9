import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { transitionApplication } from '../../src-server/applications/writes';
import { openDatabase } from '../../src-server/db/database';
import type { Database } from '../../src-server/db/schema';
import { iterateApplications } from '../../src-server/demo/applications/generator';
import { insertGeneratedApplications, storeDemoScans } from '../../src-server/demo/demo-applications';
import { directoryFileStorage } from '../../src-server/files/storage';
import { hashPassword } from '../../src-server/identity/passwords';
import { startServer } from '../../src-server/listen';
import { serveParent } from '../child';

/**
 * The server's world, built and changed in a process of its own so that the measured client's heap holds
 * nothing of it: `prepare` writes a demo database where the demo department has `size` applications;
 * `change` moves `count` of them on, as a second server instance writing beside the running one would.
 */

const DEPARTMENT_NAME = '重庆市卫生健康委员会';
const UNITS = 50;

let writer: Kysely<Database> | null = null;
/** The world this process prepared: `change` writes there. */
let preparedDir: string | null = null;

serveParent(
  async (command, raw) => {
    const args = raw as { dataDir: string; size: number; departmentId: string; count: number };
    if (command === 'prepare') {
      preparedDir = args.dataDir;
      return keptOrPrepared(args.dataDir, args.size);
    }
    if (command === 'change') {
      if (preparedDir === null) throw new Error('change before prepare');
      return change(preparedDir, args.departmentId, args.count);
    }
    throw new Error(`unknown command ${command}`);
  },
  async () => {
    await writer?.destroy();
  },
);

function serverDatabaseFile(dataDir: string): string {
  return path.join(dataDir, 'server', 'platform.sqlite');
}

/**
 * Building a world of 50,000 takes minutes (tens on a loaded machine). With BENCH_WORLDS set to a folder,
 * each size's world is kept there once built and copied for later runs. Delete the folder after changing
 * the demo generator; the server's own migrations bring a kept database up to date when it starts.
 */
async function keptOrPrepared(dataDir: string, size: number): Promise<string> {
  const keptRoot = process.env.BENCH_WORLDS;
  if (keptRoot === undefined || keptRoot === '') return prepareServer(dataDir, size);
  const kept = path.join(keptRoot, `world-${size}`);
  if (existsSync(kept)) {
    await cp(kept, dataDir, { recursive: true });
    const db = openDatabase({ kind: 'sqlite', file: serverDatabaseFile(dataDir) });
    try {
      const department = await db
        .selectFrom('units')
        .select('id')
        .where('name', '=', DEPARTMENT_NAME)
        .executeTakeFirstOrThrow();
      return department.id;
    } finally {
      await db.destroy();
    }
  }
  const departmentId = await prepareServer(dataDir, size);
  await mkdir(keptRoot, { recursive: true });
  await cp(dataDir, `${kept}.tmp`, { recursive: true });
  await rename(`${kept}.tmp`, kept);
  return departmentId;
}

async function prepareServer(dataDir: string, size: number): Promise<string> {
  const server = await startServer(
    {
      database: { kind: 'sqlite', file: serverDatabaseFile(dataDir) },
      filesDir: path.join(dataDir, 'server', 'files'),
      demo: true,
      sessionIdleMinutes: 480,
    },
    { port: 0 },
  );
  try {
    const db = server.platform.db;
    const department = await db
      .selectFrom('units')
      .select('id')
      .where('name', '=', DEPARTMENT_NAME)
      .executeTakeFirstOrThrow();
    const now = new Date();
    const at = now.toISOString();
    const scans = await storeDemoScans(db, directoryFileStorage(path.join(dataDir, 'server', 'files')), at);
    const applicantPasswordHash = await hashPassword('Bench@2026');
    const perUnit = Math.ceil(size / UNITS);
    for (let index = 0; index < UNITS; index += 1) {
      const count = Math.min(perUnit, size - index * perUnit);
      if (count <= 0) break;
      const unitId = randomUUID();
      const name = `重庆市第${index + 1}示例医院`;
      await db
        .insertInto('units')
        .values({
          id: unitId,
          kind: 'unit',
          name,
          credit_code: null,
          parent_id: department.id,
          status: 'approved',
          created_at: at,
          updated_at: at,
        })
        .execute();
      await insertGeneratedApplications(
        db,
        {
          unitId,
          departmentId: department.id,
          unitAdmin: { id: null, name: '单位管理员' },
          deptAdmin: { id: null, name: '王芳' },
          applicantPasswordHash,
        },
        scans,
        iterateApplications({
          seed: size + index,
          count,
          now,
          employer: name,
          firstIndex: 100_000 + index * perUnit,
          states: ['deptReview', 'deptReview', 'deptReturned', 'committee'],
        }),
      );
    }
    return department.id;
  } finally {
    await server.close();
  }
}

/** Returns `count` applications of the department to their units: a delta for the reviewer's next sync. */
async function change(dataDir: string, departmentId: string, count: number): Promise<number> {
  writer ??= openDatabase({ kind: 'sqlite', file: serverDatabaseFile(dataDir) });
  const db = writer;
  const changing = await db
    .selectFrom('applications')
    .selectAll()
    .where('department_id', '=', departmentId)
    .where('state', '=', 'deptReview')
    .orderBy('application_no')
    .limit(count)
    .execute();
  if (changing.length < count) throw new Error(`only ${changing.length} applications left to change`);
  await db.transaction().execute(async (trx) => {
    for (const row of changing) {
      await transitionApplication(trx, row, {
        transitionId: 'deptReturnToUnit',
        role: 'deptAdmin',
        actor: { id: null, name: '王芳' },
        now: new Date(),
        baseVersion: Number(row.version),
        comment: '请补充继续教育学时证明',
      });
    }
  });
  return changing.length;
}
