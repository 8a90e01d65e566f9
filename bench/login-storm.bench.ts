import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ServerClient } from '../src-main/core/server-client/server-client';
import { hashPassword, verifyPassword } from '../src-server/identity/passwords';
import { idNumberCheckChar } from '../src-shared/domain/validation';
import { startDemoServer } from '../test/support/demo-server';
import { medianMs, type Comparison } from './harness';

const CLIENTS = 300;
const PASSWORD = 'Storm@2026';

/**
 * A login storm: 300 users of the core's client sign in at the same moment against one server with
 * the default hash queue. Refused ones (503 SERVER_BUSY) come back after Retry-After with jitter.
 * The figure is the longest wait of an admitted login against what the queue allows: a full queue
 * plus the running hashes, drained `concurrency` at a time, each taking the queue's own average slot
 * time at the end of the storm (on a loaded machine a hash during the storm takes far longer than one
 * timed alone, which is printed beside it).
 */
export async function loginStormBench(): Promise<Comparison[]> {
  const server = await startDemoServer({ rateLimits: { login: { max: 100_000, windowSeconds: 60 } } });
  try {
    const passwordHash = await hashPassword(PASSWORD);
    const accounts = await insertUsers(server, passwordHash);
    const hashMs = await medianMs(() => verifyPassword(PASSWORD, passwordHash), 10);
    const { concurrency, queueLength } = server.platform.loginHashQueue.settings;

    let busy = 0;
    const started = performance.now();
    const results = await Promise.all(
      accounts.map(async (account) => {
        let attemptStart = performance.now();
        const client = new ServerClient(server.url, {
          timeoutMs: 120_000,
          busyRetries: 20,
          sleep: async (ms) => {
            busy += 1;
            await new Promise((resolve) => setTimeout(resolve, ms));
            attemptStart = performance.now();
          },
        });
        try {
          await client.call('login', { identifier: account, password: PASSWORD });
          const end = performance.now();
          return { ok: true, total: end - started, lastAttempt: end - attemptStart };
        } catch {
          return { ok: false, total: performance.now() - started, lastAttempt: 0 };
        }
      }),
    );
    const slotMs = server.platform.loginHashQueue.averageSlotMs;
    const bound = (Math.ceil(queueLength / concurrency) + 1) * slotMs;
    const completed = results.filter((result) => result.ok);
    const totals = completed.map((result) => result.total).sort((a, b) => a - b);
    const longestAdmitted = Math.max(...completed.map((result) => result.lastAttempt));
    const at = (q: number) => totals[Math.min(totals.length - 1, Math.floor(q * totals.length))] ?? NaN;
    console.log(
      `login storm: ${completed.length}/${CLIENTS} completed, ${busy} answers 503 SERVER_BUSY, ` +
        `queue ${concurrency} hashing + ${queueLength} waiting, median hash alone ${hashMs.toFixed(0)} ms, slot in the storm ${slotMs.toFixed(0)} ms, ` +
        `time to signed in p50 ${at(0.5).toFixed(0)} ms, p99 ${at(0.99).toFixed(0)} ms, max ${at(1).toFixed(0)} ms`,
    );
    return [
      {
        name: `login storm: logins completed of ${CLIENTS} at once`,
        measured: completed.length,
        reference: Number.NaN,
        referenceName: '',
        limit: CLIENTS,
        unit: '',
        higherIsBetter: true,
      },
      {
        name: `login storm: longest admitted login (${CLIENTS} at once)`,
        measured: longestAdmitted,
        reference: bound,
        referenceName: 'the queue bound ((queue/concurrency + 1) hashes)',
        target: 2,
      },
    ];
  } finally {
    await server.close();
  }
}

/** The storm's users, sharing one password hash so that setting them up costs no scrypt each. */
async function insertUsers(server: Awaited<ReturnType<typeof startDemoServer>>, passwordHash: string) {
  const at = new Date().toISOString();
  const rows = Array.from({ length: CLIENTS }, (_, i) => {
    const body = `50010219800101${String(i).padStart(3, '0')}`;
    return {
      id: randomUUID(),
      account: `storm${i}`,
      name: '压测用户',
      id_number: body + idNumberCheckChar(body),
      mobile: `1390000${String(i).padStart(4, '0')}`,
      password_hash: passwordHash,
      created_at: at,
      updated_at: at,
    };
  });
  await server.platform.db.insertInto('users').values(rows).execute();
  return rows.map((row) => row.account);
}
