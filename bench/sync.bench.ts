import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import SqliteDatabase from 'better-sqlite3';
import { createAppCore, type AppCore } from '../src-main/core/app-core';
import { openApplicationCache } from '../src-main/core/cache/application-cache';
import { ServerClient } from '../src-main/core/server-client/server-client';
import { transitionApplication } from '../src-server/applications/writes';
import { iterateApplications } from '../src-server/demo/applications/generator';
import { insertGeneratedApplications, storeDemoScans } from '../src-server/demo/demo-applications';
import { directoryFileStorage } from '../src-server/files/storage';
import { hashPassword } from '../src-server/identity/passwords';
import { announcesListening, startServer } from '../src-server/listen';
import type { ApplicationRecord } from '../src-shared/contracts';
import { closedPort } from '../test/support/closed-port';
import type { Comparison } from './harness';

/**
 * The sync targets of step 4, each beside a reference measured in the same run:
 * - the first sync of N applications from the server on loopback (in its own process, as in the app)
 *   into an empty cache, against a bare better-sqlite3 bulk insert of the same rows;
 * - a delta of 10 changed applications against caches of 10,000 and 50,000 (and the ratio between them);
 * - the list query (filter + search + sort + page) over the cache, p95;
 * - the longest event-loop stall of the client process during the first sync;
 * - the client's peak memory during the 50,000 sync (for information).
 */

const SIZES = (process.env.BENCH_SYNC_SIZES?.split(',').map(Number) ?? [10_000, 50_000]) as [number, number];
const DEPARTMENT_NAME = '重庆市卫生健康委员会';
const UNITS = 50;
/** The department's administrator, who receives every application its units report up. */
const REVIEWER = { identifier: 'deptadmin', password: 'Dept@2026' };

export async function syncBench(): Promise<Comparison[]> {
  const rows: Comparison[] = [];
  const deltas = new Map<number, number>();
  for (const size of SIZES) {
    const result = await benchSize(size);
    rows.push(...result.rows);
    deltas.set(size, result.deltaMs);
  }
  const small = deltas.get(SIZES[0]) ?? Number.NaN;
  const large = deltas.get(SIZES[1]) ?? Number.NaN;
  rows.push({
    name: `delta of 10 against ${SIZES[1]} cached`,
    measured: large,
    reference: small,
    referenceName: `the same delta against ${SIZES[0]} cached`,
    // "Not growing with the cache size": within noise of the smaller cache.
    target: 1.5,
  });
  return rows;
}

async function benchSize(size: number): Promise<{ rows: Comparison[]; deltaMs: number }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `zhicheng-bench-${size}-`));
  let child: ChildProcess | null = null;
  try {
    const dataDir = path.join(dir, 'server-data');
    const departmentId = await prepareServer(dataDir, size);
    const port = await closedPort();
    child = await startServerProcess(dataDir, port);
    const serverUrl = `http://127.0.0.1:${port}`;

    const reference = await bareInsert(serverUrl, path.join(dir, 'bare.sqlite'));

    const core = createAppCore({
      serverUrl,
      mode: 'remote',
      dataDir: path.join(dir, 'client'),
      syncIntervalMs: 3_600_000,
    });
    try {
      const first = await measureFirstSync(core);
      const deltaMs = await measureDelta(core, dataDir, departmentId);
      const listP95 = await listQueryP95(core, departmentId);
      const rows: Comparison[] = [
        {
          name: `first sync of ${size} applications of a department (server on loopback)`,
          measured: first.ms,
          reference: reference.ms,
          referenceName: `bare better-sqlite3 bulk insert of the same ${reference.count} rows`,
          target: 2,
        },
        {
          name: `longest event-loop stall of the client while syncing ${size}`,
          measured: first.maxStallMs,
          reference: 50,
          referenceName: 'the 50 ms limit',
          target: 1,
        },
        {
          name: `delta of 10 changed applications against ${size} cached`,
          measured: deltaMs,
          reference: 100,
          referenceName: 'the 100 ms limit',
          target: 1,
        },
        {
          name: `list query p95 (filter + search + sort + page) over ${size} cached`,
          measured: listP95,
          reference: 20,
          referenceName: 'the 20 ms limit',
          target: 1,
        },
      ];
      if (size === SIZES[1]) {
        console.log(
          `peak memory of the client during the ${size} sync: rss ${mb(first.peakRss)} MB ` +
            `(${mb(first.peakRss - first.startRss)} MB above the ${mb(first.startRss)} MB before), ` +
            `heap ${mb(first.peakHeap)} MB`,
        );
      }
      return { rows, deltaMs };
    } finally {
      await core.close();
    }
  } finally {
    child?.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A demo database where the demo department (重庆市卫生健康委员会, deptadmin) has `size` applications reported up
 * by 50 units: the size DOMAIN.md plans for a large competent department. Written in-process.
 */
async function prepareServer(dataDir: string, size: number): Promise<string> {
  const server = await startServer(
    {
      database: { kind: 'sqlite', file: path.join(dataDir, 'server', 'platform.sqlite') },
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

/** `npm run server` in its own process on the prepared data, as the desktop runs its embedded server. */
async function startServerProcess(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-server/cli.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, SERVER_PORT: String(port), DEMO: 'true' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (announcesListening(chunk.toString())) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  child.once('exit', (code, signal) => {
    if (child.killed) return;
    console.error(`the benchmark's server process exited unexpectedly (${code ?? signal})`);
  });
  return child;
}

/**
 * The reference: the same rows the sync stores, fetched beforehand, inserted with prepared statements in
 * one transaction into a cache of the same schema: what writing the data costs with nothing around it.
 */
async function bareInsert(serverUrl: string, file: string): Promise<{ ms: number; count: number }> {
  const client = new ServerClient(serverUrl, { timeoutMs: 120_000 });
  const { token } = await client.call('login', REVIEWER);
  const records: ApplicationRecord[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await client.call('pullApplications', cursor === undefined ? {} : { cursor }, token);
    if (page.kind !== 'changes') throw new Error('unexpected resync');
    records.push(...page.applications);
    cursor = page.cursor;
    if (page.remaining === 0) break;
  }
  await client.call('logout', {}, token);
  (await openApplicationCache(file)).close();
  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const application = db.prepare(
    `insert into applications (id, application_no, applicant_name, id_number, qualification, application_type,
       state, version, submit_count, unit_id, unit_name, department_id, year, submitted_at, updated_at,
       publicity_start, publicity_end, search_text, generation)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
  );
  const document = db.prepare(
    'insert into application_documents (local_id, content_json, attachments_json, history_json) values (?, ?, ?, ?)',
  );
  const attachment = db.prepare(
    `insert into application_attachments (local_id, file_id, sha256, file_name, mime_type, size,
       section_key, field_key, row_index) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const start = performance.now();
  db.transaction(() => {
    for (const r of records) {
      const { lastInsertRowid: localId } = application.run(
        r.id,
        r.applicationNo,
        r.applicantName,
        r.idNumber,
        r.qualification,
        r.applicationType,
        r.state,
        r.version,
        r.submitCount,
        r.unitId,
        r.unitName,
        r.departmentId,
        r.year,
        r.submittedAt,
        r.updatedAt,
        r.publicity?.start ?? null,
        r.publicity?.end ?? null,
        `${r.applicantName}|${r.applicationNo}|${r.idNumber}`.toLowerCase(),
      );
      document.run(localId, r.contentJson, JSON.stringify(r.attachments), JSON.stringify(r.history));
      for (const a of r.attachments) {
        attachment.run(
          localId,
          a.fileId,
          a.sha256,
          a.fileName,
          a.mimeType,
          a.size,
          a.sectionKey,
          a.fieldKey,
          a.rowIndex,
        );
      }
    }
  })();
  const ms = performance.now() - start;
  db.close();
  return { ms, count: records.length };
}

async function measureFirstSync(core: AppCore) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 20);
  const idle = new Promise<void>((resolve) => {
    const unsubscribe = core.events.subscribe((event) => {
      if (event.name === 'syncStatus' && event.payload.phase !== 'syncing' && event.payload.lastSyncedAt) {
        queueMicrotask(() => unsubscribe());
        resolve();
      }
    });
  });
  const start = performance.now();
  histogram.enable();
  await core.handlers.login(REVIEWER);
  await idle;
  const ms = performance.now() - start;
  histogram.disable();
  clearInterval(sampler);
  return { ms, maxStallMs: histogram.max / 1e6, startRss, peakRss, peakHeap };
}

/** Median over 5 rounds of: 10 applications change on the server, then the client syncs. */
async function measureDelta(core: AppCore, dataDir: string, departmentId: string): Promise<number> {
  const workspace = core.workspace();
  if (workspace === null) throw new Error('not signed in');
  // The server process owns the database; this process writes beside it, as a second instance would.
  const { openDatabase } = await import('../src-server/db/database');
  const db = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'server', 'platform.sqlite') });
  try {
    const samples: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      const changing = await db
        .selectFrom('applications')
        .selectAll()
        .where('department_id', '=', departmentId)
        .where('state', '=', 'deptReview')
        .orderBy('application_no')
        .limit(10)
        .execute();
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
      const start = performance.now();
      await workspace.syncAndWait();
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
  } finally {
    await db.destroy();
  }
}

/** p95 of a mix of list queries a reviewer makes: filters, searches, sorts and pages. */
async function listQueryP95(core: AppCore, departmentId: string): Promise<number> {
  const states = ['all', 'deptReview', 'deptReturned', 'committee'] as const;
  const searches = ['', '王', '李娜', 'cq2026-1', '500'];
  const sorts = ['submittedAt', 'applicationNo', 'applicantName', 'submitCount'] as const;
  const samples: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    const start = performance.now();
    await core.handlers.listApplications({
      unitId: departmentId,
      state: states[i % states.length] ?? 'all',
      search: searches[i % searches.length] ?? '',
      sortField: sorts[i % sorts.length] ?? 'submittedAt',
      sortOrder: i % 2 === 0 ? 'descend' : 'ascend',
      page: 1 + (i % 7),
      pageSize: 50,
    });
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length * 0.95)] ?? Number.NaN;
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}
