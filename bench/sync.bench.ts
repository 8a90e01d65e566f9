import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { dispatchAppCall } from '../src-main/core/app-api/dispatch';
import { createAppCore, type AppCore } from '../src-main/core/app-core';
import { announcesListening } from '../src-server/listen';
import {
  APPLICATION_SORT_FIELDS,
  type ListApplicationsRequest,
  type Result,
  type SyncStatus,
} from '../src-shared/contracts';
import { closedPort } from '../test/support/closed-port';
import { startChild, type BenchChild } from './child';
import { quantile, waitUntil, within, type Comparison } from './harness';
import { ensureRendererBuilt } from './renderer';
import type { StallFigures } from './stall';

/**
 * The sync goals of issue 14, each beside a reference measured in the same run. The world (the server's
 * data) is built and changed in a child process, the server runs in its own process as in the desktop,
 * and the bare-insert reference runs in another child: this process holds only what the client holds.
 * - first sync of N applications (timed from the engine's 'syncing' status after the login, to idle)
 *   against a bare insert of the same rows with the cache's own schema and pragmas: ratio ≤ 2;
 * - a delta of 10 changes (≥ 15 rounds, each started when the engine is idle) beside an empty sync,
 *   < 100 ms, and no more than 1.2 times as long at the larger cache;
 * - list p95 through the app gate (dispatch, JSON included) for a search and each sortable column, < 20 ms;
 * - the longest event-loop stall (and p99) of the process that hosts the windows while a sync of the
 *   larger size applies, beside an idle sibling process, in the Electron-like and the web-host layout.
 */

const SIZES = (process.env.BENCH_SYNC_SIZES?.split(',').map(Number) ?? [10_000, 50_000]) as [number, number];
/** The department's administrator, who receives every application its units report up. */
const REVIEWER = { identifier: 'deptadmin', password: 'Dept@2026' };
const DELTA_ROUNDS = 15;
const MINUTE = 60_000;

interface SizeResult {
  rows: Comparison[];
  deltaMs: number;
}

export async function syncBench(): Promise<Comparison[]> {
  const rows: Comparison[] = [];
  const deltas = new Map<number, number>();
  for (const size of SIZES) {
    const result = await benchSize(size, size === SIZES[SIZES.length - 1]);
    rows.push(...result.rows);
    deltas.set(size, result.deltaMs);
  }
  const small = deltas.get(SIZES[0]) ?? Number.NaN;
  const large = deltas.get(SIZES[1]) ?? Number.NaN;
  rows.push({
    name: `sync: delta of 10 at ${SIZES[1]} cached vs ${SIZES[0]}`,
    measured: large,
    reference: small,
    referenceName: `the same delta at ${SIZES[0]} cached`,
    target: 1.2,
  });
  return rows;
}

async function benchSize(size: number, withStall: boolean): Promise<SizeResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `zhicheng-bench-${size}-`));
  const world = startChild('world.ts');
  let server: ChildProcess | null = null;
  try {
    const dataDir = path.join(dir, 'server-data');
    const departmentId = await world.request<string>('prepare', { dataDir, size }, 30 * MINUTE);
    const port = await closedPort();
    server = await startServerProcess(dataDir, port);
    const serverUrl = `http://127.0.0.1:${port}`;

    const bare = startChild('bare.ts');
    let reference: { ms: number; count: number; pragmas: string[] };
    try {
      reference = await bare.request(
        'bare',
        { serverUrl, file: path.join(dir, 'bare.sqlite'), ...REVIEWER },
        10 * MINUTE,
      );
    } finally {
      await bare.stop();
    }

    const core = createAppCore({
      serverUrl,
      mode: 'remote',
      dataDir: path.join(dir, 'client'),
      syncIntervalMs: 3_600_000,
    });
    const rows: Comparison[] = [];
    let deltaMs: number;
    try {
      const first = await measureFirstSync(core);
      rows.push({
        name: `sync: first sync of ${size} applications (server on loopback in its own process)`,
        measured: first.ms,
        reference: reference.ms,
        referenceName: `bare insert of the same ${reference.count} rows`,
        target: 2,
        note: `timed from the 'syncing' status after the login; peak rss ${mb(first.peakRss)} MB, heap ${mb(first.peakHeap)} MB; bare insert pragmas: ${reference.pragmas.join('; ')}`,
      });
      const delta = await measureDelta(core, world, departmentId);
      deltaMs = delta.deltaMs;
      rows.push({
        name: `sync: delta of 10 changes at ${size} cached (median of ${DELTA_ROUNDS})`,
        measured: delta.deltaMs,
        reference: delta.emptyMs,
        referenceName: 'an empty sync',
        limit: 100,
        note: `delta p90 ${delta.deltaP90.toFixed(1)} ms, empty p90 ${delta.emptyP90.toFixed(1)} ms`,
      });
      rows.push(...(await listThroughGate(core, departmentId, size)));
    } finally {
      await core.close();
    }
    if (withStall) {
      rows.push(...(await stallElectronLike(serverUrl, path.join(dir, 'electron-client'), size)));
      // The web host runs its own (embedded) server over the same data: the standalone one stops first.
      server.kill('SIGTERM');
      await exitOf(server, 'the server process');
      server = null;
      rows.push(...(await stallWebHost(dataDir, size)));
    }
    return { rows, deltaMs };
  } finally {
    await world.stop();
    if (server !== null) {
      server.kill('SIGTERM');
      await exitOf(server, 'the server process').catch(() => server?.kill('SIGKILL'));
    }
    await rm(dir, { recursive: true, force: true });
  }
}

/** `npm run server` in its own process on the prepared data, as the desktop runs its embedded server. */
export async function startServerProcess(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-server/cli.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, SERVER_PORT: String(port), DEMO: 'true' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const listening = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (announcesListening(chunk.toString())) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the server process exited with ${code}`)));
  });
  try {
    await within(listening, 2 * MINUTE, "the server process's 'listening' log line");
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  child.stdout?.resume();
  return child;
}

async function exitOf(child: ChildProcess, what: string): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await within(
    new Promise<void>((resolve) => child.once('exit', () => resolve())),
    30_000,
    `${what} to exit`,
  );
}

/** Resolves at the first status `matches` accepts, from now on. */
function nextStatus(
  core: Pick<AppCore, 'events'>,
  matches: (status: SyncStatus) => boolean,
): Promise<SyncStatus> {
  return new Promise((resolve) => {
    const unsubscribe = core.events.subscribe((event) => {
      if (event.name === 'syncStatus' && matches(event.payload)) {
        queueMicrotask(() => unsubscribe());
        resolve(event.payload);
      }
    });
  });
}

const isSyncing = (status: SyncStatus) => status.phase === 'syncing';
const isDone = (status: SyncStatus) => status.phase !== 'syncing' && status.lastSyncedAt !== null;

async function measureFirstSync(core: AppCore) {
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 20);
  try {
    let startedAt = Number.NaN;
    const syncing = nextStatus(core, isSyncing).then(() => {
      startedAt = performance.now();
    });
    const done = nextStatus(core, isDone);
    const login = await dispatchAppCall(core.handlers, 'login', REVIEWER);
    if (!login.ok) throw new Error(`login failed: ${login.error.message}`);
    await within(syncing, MINUTE, "the engine's 'syncing' status after the login");
    const status = await within(done, 30 * MINUTE, 'the first sync to finish');
    const ms = performance.now() - startedAt;
    if (status.phase !== 'idle')
      throw new Error(`the first sync ended ${status.phase}: ${status.error ?? ''}`);
    return { ms, peakRss, peakHeap };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * Rounds of: wait until the engine is idle, 10 applications change on the server (the world process
 * writes them), sync; then an empty sync. Medians and p90s of both.
 */
async function measureDelta(core: AppCore, world: BenchChild, departmentId: string) {
  const workspace = core.workspace();
  if (workspace === null) throw new Error('not signed in');
  const idle = () =>
    waitUntil(() => workspace.syncStatus().phase === 'idle', MINUTE, 'the sync engine to be idle');
  const deltas: number[] = [];
  const empties: number[] = [];
  for (let round = 0; round < DELTA_ROUNDS; round += 1) {
    await idle();
    await world.request('change', { departmentId, count: 10 }, MINUTE);
    let start = performance.now();
    await within(workspace.syncAndWait(), MINUTE, 'a delta sync');
    deltas.push(performance.now() - start);
    await idle();
    start = performance.now();
    await within(workspace.syncAndWait(), MINUTE, 'an empty sync');
    empties.push(performance.now() - start);
  }
  return {
    deltaMs: quantile(deltas, 0.5),
    deltaP90: quantile(deltas, 0.9),
    emptyMs: quantile(empties, 0.5),
    emptyP90: quantile(empties, 0.9),
  };
}

/**
 * p95 of list calls as the window makes them: through the dispatch gate (validation included), with the
 * answer turned into JSON and back, as it crosses to the window. One figure for a search mix and one per
 * sortable column (both orders, several pages and state filters).
 */
async function listThroughGate(core: AppCore, departmentId: string, size: number): Promise<Comparison[]> {
  const states = ['all', 'deptReview', 'deptReturned', 'committee'] as const;
  const call = async (input: ListApplicationsRequest) => {
    const start = performance.now();
    const result = JSON.parse(
      JSON.stringify(await dispatchAppCall(core.handlers, 'listApplications', input)),
    ) as Result<unknown>;
    const ms = performance.now() - start;
    if (!result.ok) throw new Error(`listApplications failed: ${result.error.message}`);
    return ms;
  };
  const p95Of = async (inputs: (i: number) => ListApplicationsRequest, count = 60) => {
    for (let i = 0; i < 5; i += 1) await call(inputs(i));
    const samples: number[] = [];
    for (let i = 0; i < count; i += 1) samples.push(await call(inputs(i)));
    return quantile(samples, 0.95);
  };
  const base = { unitId: departmentId, pageSize: 50 } as const;
  const searches = ['王', '李娜', 'cq2026-1', '500', '示例', '张伟'];
  const rows: Comparison[] = [];
  rows.push({
    name: `list p95 at ${size}: search (${searches.join(' / ')}) through the app gate`,
    measured: await p95Of((i) => ({
      ...base,
      state: states[i % states.length] ?? 'all',
      search: searches[i % searches.length] ?? '',
      page: 1 + (i % 3),
    })),
    reference: Number.NaN,
    referenceName: '',
    limit: 20,
  });
  for (const sortField of APPLICATION_SORT_FIELDS) {
    rows.push({
      name: `list p95 at ${size}: sorted by ${sortField} through the app gate`,
      measured: await p95Of((i) => ({
        ...base,
        state: states[i % states.length] ?? 'all',
        sortField,
        sortOrder: i % 2 === 0 ? 'descend' : 'ascend',
        page: 1 + ((i * 7) % 40),
      })),
      reference: Number.NaN,
      referenceName: '',
      limit: 20,
    });
  }
  return rows;
}

/**
 * Samples `host` and an idle sibling from the host's 'syncing' status to the end of the first sync, which
 * `login` starts. The host relays the core's events (syncStatus) to this process.
 */
async function sampleFirstSync(host: BenchChild, sibling: BenchChild, login: () => Promise<Result<unknown>>) {
  await sibling.request('start', {}, MINUTE);
  let syncingSeen: () => void = () => {};
  let finished: (status: SyncStatus) => void = () => {};
  const syncing = new Promise<void>((resolve) => (syncingSeen = resolve));
  const done = new Promise<SyncStatus>((resolve) => (finished = resolve));
  host.onEvent((raw) => {
    const event = raw as { name?: string; payload?: SyncStatus };
    if (event.name !== 'syncStatus' || event.payload === undefined) return;
    if (isSyncing(event.payload)) syncingSeen();
    else if (isDone(event.payload)) finished(event.payload);
  });
  const result = await login();
  if (!result.ok) throw new Error(`login failed: ${JSON.stringify(result.error)}`);
  await within(syncing, MINUTE, "the 'syncing' status after the login");
  await host.request('start', {}, MINUTE);
  await sibling.request('start', {}, MINUTE);
  const status = await within(done, 30 * MINUTE, 'the sync to finish');
  if (status.phase !== 'idle') throw new Error(`the sync ended ${status.phase}: ${status.error ?? ''}`);
  const hostFigures = await host.request<StallFigures>('stop', {}, MINUTE);
  const siblingFigures = await sibling.request<StallFigures>('stop', {}, MINUTE);
  return { host: hostFigures, sibling: siblingFigures };
}

function stallRows(
  layout: string,
  size: number,
  figures: { host: StallFigures; sibling: StallFigures },
  where: string,
) {
  return [
    {
      name: `stall: longest event-loop stall of ${where} during a ${size} sync (${layout})`,
      measured: figures.host.maxMs,
      reference: figures.sibling.maxMs,
      referenceName: 'idle sibling process over the same period',
      limit: 50,
      note: `sampled ${(figures.host.spanMs / 1000).toFixed(1)} s`,
    },
    {
      name: `stall: p99 event-loop delay of ${where} during a ${size} sync (${layout})`,
      measured: figures.host.p99Ms,
      reference: figures.sibling.p99Ms,
      referenceName: 'idle sibling process',
    },
  ] satisfies Comparison[];
}

/** Server in its own process, the core in another, and 'main' in between only relaying. */
async function stallElectronLike(serverUrl: string, dataDir: string, size: number): Promise<Comparison[]> {
  const sibling = startChild('sampler.ts');
  const main = startChild('sampler.ts', { BENCH_CORE_SERVER_URL: serverUrl, BENCH_CORE_DATA_DIR: dataDir });
  try {
    await main.request('coreStart', {}, MINUTE);
    const figures = await sampleFirstSync(main, sibling, () => main.request('login', REVIEWER, 5 * MINUTE));
    const core = await main.request<StallFigures>('coreStop', {}, MINUTE);
    return [
      ...stallRows(
        'Electron-like: server, core and main in 3 processes',
        size,
        figures,
        "the main process (windows' host)",
      ),
      {
        name: `stall: longest event-loop stall of the core's process during a ${size} sync (what today's Electron main, which hosts the core, feels)`,
        measured: core.maxMs,
        reference: figures.sibling.maxMs,
        referenceName: 'idle sibling process',
        note: `p99 ${core.p99Ms.toFixed(1)} ms, sampled from the login, so it includes opening the cache`,
      },
    ];
  } finally {
    await main.stop();
    await sibling.stop();
  }
}

/** The web host as runWebClient composes it, over the prepared data; the sampled process serves the UI. */
async function stallWebHost(dataDir: string, size: number): Promise<Comparison[]> {
  ensureRendererBuilt();
  const sibling = startChild('sampler.ts');
  const host = startChild('web-host.ts', {
    DATA_DIR: dataDir,
    DEMO: 'true',
    WEB_PORT: '0',
    SERVER_PORT: '0',
  });
  try {
    const figures = await sampleFirstSync(host, sibling, () => host.request('login', REVIEWER, 5 * MINUTE));
    return stallRows('web host as runWebClient composes it', size, figures, 'the web host process');
  } finally {
    await host.stop();
    await sibling.stop();
  }
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}
