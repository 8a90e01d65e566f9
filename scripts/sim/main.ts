import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../src-server/db/database';
import { chinaDateOf } from '../../src-shared/domain/calendar';
import { cacheDifferences, checkDecisions, leakLines } from './checks';
import { decisionFacts, scopeTruth } from './database-facts';
import { callJson, HttpStats, okBody } from './http-client';
import { SIM_PASSWORD } from './identities';
import { freePort, ServerInstance } from './instances';
import { runPool } from './pool';
import { openSimDatabase, type SimDatabase } from './postgres';
import { buildProvince } from './province';
import { failuresOf, printFigures } from './report';
import { ReviewerClient, type SendMode } from './reviewers';

/**
 * `npm run sim [-- --units 200]`: a province on two server instances and one PostgreSQL, built and
 * reviewed through the HTTP API, with twin sends, resends and one instance killed mid-run; then the
 * database is checked against what the clients were told. Exits 1 on any duplicate, loss, leak, replay
 * mismatch, cache difference or 5xx answer. See README "Province simulation".
 */

const USAGE = `npm run sim -- [--units 50] [--applications-per-unit 4] [--departments 3] [--concurrency 8] [--max-minutes 30]`;

function options() {
  const { values } = parseArgs({
    options: {
      units: { type: 'string', default: '50' },
      'applications-per-unit': { type: 'string', default: '4' },
      departments: { type: 'string', default: '3' },
      concurrency: { type: 'string', default: '8' },
      'max-minutes': { type: 'string', default: '30' },
    },
    strict: true,
  });
  const whole = (name: keyof typeof values, min: number, max: number) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`--${name} must be a whole number from ${min} to ${max}\n${USAGE}`);
    }
    return value;
  };
  return {
    units: whole('units', 1, 1000),
    applicationsPerUnit: whole('applications-per-unit', 1, 50),
    departments: whole('departments', 1, 20),
    concurrency: whole('concurrency', 1, 32),
    maxMinutes: whole('max-minutes', 1, 240),
  };
}

/** Every few operations one goes as a twin, every few as a resend; the rest singly. */
function modeOf(group: number): SendMode {
  if (group % 4 === 1) return 'twin';
  if (group % 4 === 3) return 'resend';
  return 'single';
}

async function main(): Promise<number> {
  const opts = options();
  const started = Date.now();
  const run = Math.floor(started / 1000) % 100;
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'zhicheng-sim-'));
  const filesDir = path.join(workDir, 'files');
  mkdirSync(filesDir);
  const instances: ServerInstance[] = [];
  let database: SimDatabase | null = null;
  let cleaned = false;
  const cleanUp = async () => {
    if (cleaned) return;
    cleaned = true;
    await Promise.all(instances.map((instance) => instance.stop().catch(() => undefined)));
    await database
      ?.dispose()
      .catch((error: unknown) => console.error('sim: could not drop the database:', error));
    rmSync(workDir, { recursive: true, force: true });
  };
  const interrupted = (signal: string) => {
    console.error(`sim: ${signal}, cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  // A safety net for a hang anywhere: the run never outlives its time limit.
  const deadline = setTimeout(() => {
    console.error(`sim: not done after ${opts.maxMinutes} minutes, giving up`);
    void cleanUp().finally(() => process.exit(1));
  }, opts.maxMinutes * 60_000);
  deadline.unref();
  process.once('exit', () => instances.forEach((instance) => instance.killNow()));

  try {
    const log = (line: string) => console.log(`sim ${((Date.now() - started) / 1000).toFixed(1)}s: ${line}`);
    database = await openSimDatabase(process.env.DATABASE_URL?.trim() || undefined, await freePort());
    log(
      `database ready (${process.env.DATABASE_URL ? 'fresh database on DATABASE_URL' : 'throwaway cluster'})`,
    );
    const settings = { databaseUrl: database.url, filesDir, logDir: workDir };
    const [a, b] = [
      new ServerInstance('server-a', await freePort(), settings),
      new ServerInstance('server-b', await freePort(), settings),
    ];
    instances.push(a, b);
    // One after the other: the first seeds the demo data (the 职改办 the departments register under).
    await a.start();
    await b.start();
    log(`instances ${a.url} and ${b.url}`);

    const stats = new HttpStats();
    const province = await buildProvince(stats, [a.url, b.url], { run, ...opts });
    const applicationIds = province.units.flatMap((unit) => unit.applicationIds);
    log(
      `built ${province.departments.length} departments, ${province.units.length} units, ${applicationIds.length} applications`,
    );

    const login = async (account: string, server: string) =>
      (
        okBody(
          await callJson(stats, 'login', server, 'POST', '/api/auth/login', {
            body: { identifier: account, password: SIM_PASSWORD },
          }),
          `login ${account}`,
        ) as { token: string }
      ).token;
    const pair = (i: number): [string, string] => (i % 2 === 0 ? [a.url, b.url] : [b.url, a.url]);
    const unitClients = await runPool(province.units, opts.concurrency, async (unit, i) => {
      const servers = pair(i);
      return new ReviewerClient(
        unit.name,
        await login(unit.admin.account, servers[0]),
        { kind: 'unit', unitIds: new Set([unit.id]) },
        stats,
        servers,
      );
    });
    const departmentClients = await runPool(province.departments, opts.concurrency, async (department, i) => {
      const servers = pair(i);
      return new ReviewerClient(
        department.name,
        await login(department.admin.account, servers[0]),
        { kind: 'department', departmentId: department.id },
        stats,
        servers,
      );
    });
    const clients = [...unitClients, ...departmentClients];
    await runPool(clients, opts.concurrency, (client) => client.pull());
    log(`${clients.length} clients pulled`);

    // The decisions; when a third of the units are done, instance B is killed and started again.
    const today = chinaDateOf(new Date());
    let group = 0;
    let done = 0;
    let restart: Promise<void> | null = null;
    let kills = 0;
    await runPool(unitClients, opts.concurrency * 2, async (client) => {
      const operations = client.awaitingDecision().map((id, index) => client.operationFor(id, index, today));
      for (let i = 0; i < operations.length; i += 2) {
        await client.push(operations.slice(i, i + 2), modeOf(group++));
      }
      await client.pull();
      done += 1;
      if (restart === null && done >= Math.ceil(unitClients.length / 3)) {
        kills += 1;
        log('SIGKILL server-b');
        restart = b.kill().then(async () => {
          await new Promise((resolve) => setTimeout(resolve, 1_000));
          await b.start();
          log('server-b started again');
        });
      }
    });
    await restart;
    await runPool(clients, opts.concurrency, (client) => client.pull());
    log('final pulls done; checking the database');

    const db = openDatabase({ kind: 'postgres', url: database.url });
    let figures;
    try {
      const sent = unitClients.flatMap((client) => client.sent);
      const facts = await decisionFacts(
        db,
        applicationIds,
        sent.map((entry) => entry.operation.id),
      );
      const differences: string[] = [];
      for (const client of clients)
        differences.push(...cacheDifferences(client.name, client.cache, await scopeTruth(db, client.scope)));
      figures = {
        units: province.units.length,
        departments: province.departments.length,
        applications: applicationIds.length,
        clients: clients.length,
        seconds: (Date.now() - started) / 1000,
        stats,
        sent,
        findings: checkDecisions(sent, facts),
        leaks: leakLines(clients.flatMap((client) => client.leaks)),
        cacheDifferences: differences,
        kills,
      };
    } finally {
      await db.destroy();
    }
    printFigures(figures);
    const failures = failuresOf(figures);
    if (failures.length > 0) printLogTails(instances);
    console.log(failures.length === 0 ? '\nsim: OK' : `\nsim: FAILED (${failures.join(', ')})`);
    return failures.length === 0 ? 0 : 1;
  } catch (error) {
    printLogTails(instances);
    throw error;
  } finally {
    clearTimeout(deadline);
    await cleanUp();
  }
}

function printLogTails(instances: readonly ServerInstance[]) {
  for (const instance of instances)
    console.error(`--- end of ${instance.name}'s log ---\n${instance.logTail()}`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('sim: failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
