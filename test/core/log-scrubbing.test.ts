import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../src-main/core/app-core';
import { dispatchAppCall } from '../../src-main/core/app-api/dispatch';
import {
  createFileLog,
  installConsoleCapture,
  LOG_FILE_NAME,
  type FileLog,
} from '../../src-main/core/log/file-log';
import { REDACTED } from '../../src-shared/logging/scrub';
import { MemoryTokenVault } from '../../src-main/core/session/token-vault';
import { DEMO_ACCOUNTS } from '../../src-server/demo/accounts';
import type { AppMethodName, Result } from '../../src-shared/contracts';
import { startRestartableServer, type RestartableServer } from '../support/review-server';

/**
 * The log file never holds an ID number, a phone, a password or a token (DESIGN.md "Security"): a whole
 * review journey against the real server on loopback, through the core's handlers and through the gate
 * that IPC and the web host use, with the file log and the console capture installed, and with the app
 * logging at every step what it plausibly would (raw inputs with the password, details with the full ID
 * number, errors with the token in them). Then every log file, the rotated ones too, is read and searched
 * for every ID number and mobile of the demo data, the password and the session token.
 */

const PASSWORD = 'Unit@2026';
const WRONG_PASSWORD = 'Wrong#Pass2026';
const unitAdmin = DEMO_ACCOUNTS.find((account) => account.account === 'unitadmin');
if (unitAdmin === undefined) throw new Error('the demo has no unitadmin');
// Small files and many of them: the journey rotates several times and no file is dropped.
const MAX_BYTES = 4096;
const KEEP = 500;

let server: RestartableServer;
let core: AppCore;
let log: FileLog;
let uninstallCapture: () => void;
let logDir: string;
const vault = new MemoryTokenVault();

beforeAll(async () => {
  server = await startRestartableServer();
  logDir = path.join(server.clientDataDir, 'logs');
  log = createFileLog({ dir: logDir, maxBytes: MAX_BYTES, keep: KEEP });
  // Silent on the terminal: the point is what reaches the file.
  uninstallCapture = installConsoleCapture(log, { passThrough: false });
  core = createAppCore({
    serverUrl: server.url,
    mode: 'remote',
    dataDir: path.join(server.clientDataDir, 'journey'),
    tokenVault: vault,
    syncIntervalMs: 3_600_000,
    offlineProbeMs: 3_600_000,
  });
  // What the Electron main forwards to the window, the app logs too.
  core.events.subscribe((event) => log.info('events', event.name, event.payload));
});

afterAll(async () => {
  uninstallCapture();
  await core.close();
  await server.close();
});

/** A renderer call as IPC and the web host make it, logged as an adapter would: raw input, then the outcome. */
async function call(method: AppMethodName, input?: unknown): Promise<Result<unknown>> {
  log.info('ipc', 'call', { method, input });
  const result = await dispatchAppCall(core.handlers, method, input);
  if (result.ok) log.info('ipc', 'answered', { method, value: result.value });
  else log.error('ipc', 'call failed', { method, input, error: result.error });
  return result;
}

async function succeeded<T>(method: AppMethodName, input?: unknown): Promise<T> {
  const result = await call(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** Every ID number and mobile the demo data holds: people, applications and the applications' content. */
async function personalDataOnServer(): Promise<{ idNumbers: Set<string>; mobiles: Set<string> }> {
  const db = server.platform.db;
  const idNumbers = new Set<string>();
  const mobiles = new Set<string>();
  for (const user of await db.selectFrom('users').select(['id_number', 'mobile']).execute()) {
    idNumbers.add(user.id_number);
    mobiles.add(user.mobile);
  }
  for (const application of await db.selectFrom('applications').select(['id_number', 'content']).execute()) {
    idNumbers.add(application.id_number);
    for (const [id] of application.content.matchAll(/(?<!\d)\d{17}[\dXx](?!\d)/g)) idNumbers.add(id);
    for (const [mobile] of application.content.matchAll(/(?<!\d)1[3-9]\d{9}(?!\d)/g)) mobiles.add(mobile);
  }
  return { idNumbers, mobiles };
}

async function readAllLogs(): Promise<{ files: string[]; text: string }> {
  const files = (await readdir(logDir)).filter((name) => name.startsWith(LOG_FILE_NAME)).sort();
  const texts = await Promise.all(files.map((name) => readFile(path.join(logDir, name), 'utf8')));
  return { files, text: texts.join('\n') };
}

describe('the log after a full review journey', () => {
  let token = '';
  const fetchedIdNumbers = new Set<string>();
  let returnedId = '';

  it('drives the journey with logging at every step', async () => {
    // 1. A failed login, by ID number and by phone, with a wrong password; then the right one.
    for (const identifier of [unitAdmin.idNumber, unitAdmin.mobile]) {
      const failed = await call('login', { identifier, password: WRONG_PASSWORD });
      expect(failed.ok).toBe(false);
    }
    log.warn('session', `login refused for ${unitAdmin.idNumber} with password=${WRONG_PASSWORD}`);
    const { user } = await succeeded<{ user: { memberships: { unitId: string }[] } | null }>('login', {
      identifier: 'unitadmin',
      password: PASSWORD,
    });
    const unitId = user?.memberships[0]?.unitId ?? '';
    expect(unitId).not.toBe('');
    token = (await vault.load()) ?? '';
    expect(token.length).toBeGreaterThanOrEqual(32);
    log.info('session', 'token saved', { token, vault: 'memory' });
    log.info('http', `GET ${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    log.info('http', `session ${token} refreshed for ${unitAdmin.mobile}`);

    // 2. Sync, and the pulled page as the sync engine might log it.
    await core.workspace()?.syncAndWait();
    const status = await succeeded<{ cachedCount: number }>('getSyncStatus');
    expect(status.cachedCount).toBeGreaterThan(0);
    const pulled = await server.platform.db
      .selectFrom('applications')
      .select(['id', 'application_no', 'id_number', 'applicant_name'])
      .execute();
    log.info('sync', 'pulled page', { count: pulled.length, first: pulled[0] });

    // 3. The list, and a detail with the full ID number and the applicant's phone.
    const list = await succeeded<{ rows: { id: string; state: string; applicationNo: string }[] }>(
      'listApplications',
      {
        unitId,
        state: 'all',
        search: '',
        sortField: 'submittedAt',
        sortOrder: 'descend',
        page: 1,
        pageSize: 200,
      },
    );
    const waiting = list.rows.find((row) => row.state === 'unitReview');
    const approved = list.rows.find((row) => row.state === 'unitPublicity');
    if (waiting === undefined || approved === undefined)
      throw new Error('the demo lacks 待单位审核 or 单位公示中');
    returnedId = waiting.id;
    const detail = await succeeded<{ content: unknown }>('getApplicationDetail', { id: waiting.id });
    const detailJson = JSON.stringify(detail);
    for (const [id] of detailJson.matchAll(/(?<!\d)\d{17}[\dXx](?!\d)/g)) fetchedIdNumbers.add(id);
    expect(fetchedIdNumbers.size).toBeGreaterThan(0);
    expect(detailJson).toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    log.info('review', `opened ${waiting.applicationNo}`, { detail: detailJson });
    // Straight through the handlers too, as the bench and the tests use the core.
    const direct = await core.handlers.getApplicationDetail({ id: waiting.id });
    log.info('review', 'detail from the cache', direct);

    // 4. A comment that itself holds a phone and an ID number, as reviewers write them.
    const [someId] = [...fetchedIdNumbers];
    const comment = `申请人联系电话13912345678与身份证号${someId}的出生日期不一致,请核实后重新提交`;
    await succeeded('saveCommentDraft', {
      applicationId: waiting.id,
      target: { sectionKey: '', rowIndex: null, fieldKey: null },
      text: comment,
    });
    log.info('review', `draft saved: ${comment}`);

    // 5. 审核不通过,回退 while the server is away: the push fails and waits as 待同步.
    await server.stop();
    try {
      const state = await succeeded<{ decision: { status: string } | null }>('decide', {
        applicationId: waiting.id,
        transitionId: 'unitReturn',
      });
      expect(state.decision?.status).toMatch(/pending|sending/);
      const offline = await succeeded<{ phase: string }>('syncNow');
      log.warn('sync', 'push deferred', {
        status: offline,
        review: await core.handlers.getReviewState({ applicationId: waiting.id }),
      });
      // A server call that fails for real: through the gate, and straight from the handler.
      expect((await call('getCaptcha')).ok).toBe(false);
      const unreachable = await core.handlers.getCaptcha(undefined).then(
        () => null,
        (error: unknown) => error,
      );
      expect(unreachable).toBeInstanceOf(Error);
      log.error('sync', 'push failed', { error: unreachable, token, comment });
      // What the existing console calls of the core look like, with the details a real failure carries.
      const lost = Object.assign(new Error(`fetch failed: POST ${server.url}/api/review/operations`), {
        cause: Object.assign(new Error(`connect ECONNREFUSED (Bearer ${token})`), { code: 'ECONNREFUSED' }),
        request: { headers: { Authorization: `Bearer ${token}` }, body: { comments: [{ text: comment }] } },
      });
      console.error('[core] push failed', lost);
      console.warn(`[core] offline; session token=${token}, reviewer phone ${unitAdmin.mobile}`);
      console.error('[core] unexpected failure', {
        input: { identifier: unitAdmin.idNumber, password: PASSWORD },
      });
    } finally {
      await server.start();
    }
    await core.workspace()?.syncAndWait();
    const row = await server.platform.db
      .selectFrom('applications')
      .select('state')
      .where('id', '=', waiting.id)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('unitReturned');

    // 6. 打印公示表 of an approved application.
    const printed = await succeeded<{ fileName: string; pageCount: number }>('printPublicity', {
      applicationIds: [approved.id],
      document: 'forms',
    });
    expect(printed.pageCount).toBeGreaterThan(0);

    // 7. Logout.
    await succeeded('logout');
    expect(await vault.load()).toBeNull();
    log.info('session', 'logged out', { token });
  });

  it('holds no ID number, phone, password or token, in any of its files', async () => {
    expect(token).not.toBe('');
    expect(returnedId).not.toBe('');
    const { files, text } = await readAllLogs();
    // It rotated, and kept every file.
    expect(files.length).toBeGreaterThan(2);
    expect(files.length).toBeLessThan(KEEP);
    expect(files).toContain(`${LOG_FILE_NAME}.1`);

    const { idNumbers, mobiles } = await personalDataOnServer();
    for (const id of fetchedIdNumbers) idNumbers.add(id);
    expect(idNumbers.size).toBeGreaterThan(25);
    expect(idNumbers).toContain(unitAdmin.idNumber);
    for (const id of idNumbers) {
      expect(text.toUpperCase(), 'an ID number in the log').not.toContain(id.toUpperCase());
    }
    for (const mobile of [...mobiles, '13912345678']) {
      expect(text, 'a mobile in the log').not.toContain(mobile);
    }
    // Nor anything shaped like one, of whoever.
    expect(text).not.toMatch(/(?<!\d)\d{17}[\dXx](?!\d)/);
    expect(text).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(WRONG_PASSWORD);
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.slice(0, 16));

    // Not empty: the journey is in it, with the masks where the secrets were.
    for (const expected of [
      'INFO [ipc] call',
      'ERROR [ipc] call failed',
      'INFO [sync] pulled page',
      'ERROR [sync] push failed',
      'ERROR [core] push failed',
      'WARN [core] offline',
      'ERROR [core] unexpected failure',
      'INFO [events] syncStatus',
      `"password":"${REDACTED}"`,
      `"token":"${REDACTED}"`,
      `Bearer ${REDACTED}`,
      '5****************0',
      '138****0001',
      '139****5678',
      '"method":"printPublicity"',
      '"method":"logout"',
      returnedId,
    ]) {
      expect(text).toContain(expected);
    }
  });
});
