import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../src-main/core/app-core';
import { openApplicationCache } from '../../src-main/core/cache/application-cache';
import { NOT_TITLE_OFFICE } from '../../src-server/calendar/routes';
import { startServer, type RunningServer } from '../../src-server/listen';
import { AppFailure } from '../../src-shared/contracts';
import { pageTexts } from '../print/poppler';
import { listCached } from '../support/cached-list';
import { SHIPPED_HOLIDAY_YEARS } from '../../src-shared/domain/holiday-years';
import { notice2026With } from '../support/holiday-notices';

/**
 * The client's copy of the holiday table (DESIGN.md "公示表"): the shipped notices before the first
 * sync, the server's table after each; the 职改办 saves a year through the core; the core's own gate and
 * the 公示表 count by the copy; and a client whose copy is older than the server's is refused by the
 * server with the holiday's reason, and has the new table right after.
 */

/** A Monday, 10:00 in Chongqing. */
const START = Date.parse('2026-03-02T02:00:00.000Z');
let nowMs = START;
const now = () => new Date(nowMs);
/** 10:00 in Chongqing on `date`. */
const moveTo = (date: string) => {
  nowMs = Date.parse(`${date}T10:00:00+08:00`);
};

let dir: string;
let server: RunningServer;
const cores: AppCore[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-holidays-'));
  server = await startServer({
    database: { kind: 'sqlite', file: path.join(dir, 'platform.sqlite') },
    filesDir: path.join(dir, 'files'),
    demo: true,
    sessionIdleMinutes: 480,
    now,
  });
});

afterAll(async () => {
  for (const core of cores) await core.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

async function signedIn(identifier: string, password: string) {
  const core = createAppCore({
    serverUrl: server.url,
    mode: 'remote',
    dataDir: path.join(dir, `client-${identifier}`),
    syncIntervalMs: 3_600_000,
    offlineProbeMs: 3_600_000,
    now,
  });
  cores.push(core);
  const { user } = await core.handlers.login({ identifier, password });
  const workspace = core.workspace();
  if (user === null || workspace === null) throw new Error(`login of ${identifier} failed`);
  await workspace.syncAndWait();
  return { core, workspace, unitId: user.memberships[0]?.unitId ?? '' };
}

async function refusal(call: Promise<unknown>): Promise<AppFailure['error']> {
  const error = await call.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof AppFailure)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error.error;
}

const MOVED = '因节假日安排,公示期顺延至2026-03-09结束(原定2026-03-06),结束后才能上报主管部门';

describe('the holiday table in the client', () => {
  it('counts by the shipped notices before the first sync', async () => {
    const cache = await openApplicationCache(path.join(dir, 'fresh', 'cache.sqlite'));
    try {
      expect(cache.holidays.table()).toEqual({
        years: SHIPPED_HOLIDAY_YEARS,
        updatedAt: null,
        syncedAt: null,
      });
    } finally {
      cache.close();
    }
  });

  it('takes the server’s table at sync; only the 职改办 saves a year, which its cache has at once', async () => {
    const unit = await signedIn('unitadmin', 'Unit@2026');
    const first = await unit.core.handlers.getHolidayTable(undefined);
    expect(first).toMatchObject({ years: SHIPPED_HOLIDAY_YEARS, updatedAt: null });
    expect(first.syncedAt).not.toBeNull();

    const refused = await refusal(unit.core.handlers.saveHolidayYear(notice2026With('2026-03-04')));
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: NOT_TITLE_OFFICE });
    expect((await unit.core.handlers.getHolidayTable(undefined)).years).toEqual(SHIPPED_HOLIDAY_YEARS);
  });

  it('refuses a client with an older table with the holiday’s reason, and the client then has the new table', async () => {
    nowMs = START;
    const unit = await signedIn('unitadmin', 'Unit@2026');
    const office = await signedIn('cqadmin', 'Admin@2026');
    const { rows } = await listCached(unit.core, unit.unitId, { state: 'unitReview' });
    const application = rows[0];
    if (application === undefined) throw new Error('the demo has nothing 待单位审核');

    // Approved on Monday for Monday to Friday: five working days by every table so far.
    await unit.core.handlers.decide({
      applicationId: application.id,
      transitionId: 'unitApprove',
      publicity: { start: '2026-03-02', end: '2026-03-06' },
    });
    await unit.workspace.syncAndWait();
    expect((await unit.core.handlers.getApplicationDetail({ id: application.id })).state).toBe(
      'unitPublicity',
    );

    // The 职改办 declares Wednesday a day off; its own client counts by it at once.
    const saved = await office.core.handlers.saveHolidayYear(notice2026With('2026-03-04'));
    expect(saved.years.find((entry) => entry.year === 2026)?.holidays.at(-1)?.name).toBe('临时休假');
    expect(saved.updatedAt).not.toBeNull();
    expect(await office.core.handlers.getHolidayTable(undefined)).toEqual(saved);

    // Saturday: the unit's client has not synced since, so by its table the publicity is over.
    moveTo('2026-03-07');
    await unit.core.handlers.login({ identifier: 'unitadmin', password: 'Unit@2026' });
    expect((await unit.core.handlers.getHolidayTable(undefined)).updatedAt).toBeNull();
    await unit.core.handlers.decide({ applicationId: application.id, transitionId: 'reportUp' });
    await unit.workspace.syncAndWait();
    const state = await unit.core.handlers.getReviewState({ applicationId: application.id });
    expect(state.decision).toMatchObject({ transitionId: 'reportUp', status: 'rejected', message: MOVED });
    // The same sync brought the table that explains it.
    expect(await unit.core.handlers.getHolidayTable(undefined)).toMatchObject({
      years: saved.years,
      updatedAt: saved.updatedAt,
    });

    // Now the client's own gate says so, without asking the server.
    await unit.core.handlers.resolveConflict({ applicationId: application.id, action: 'discard' });
    const local = await refusal(
      unit.core.handlers.decide({ applicationId: application.id, transitionId: 'reportUp' }),
    );
    expect(local).toMatchObject({ code: 'BAD_REQUEST', message: MOVED });

    // The 公示表 posted again says until when it hangs.
    const printed = await unit.core.handlers.printPublicity({
      applicationIds: [application.id],
      document: 'forms',
    });
    const text = (await pageTexts(Buffer.from(printed.pdfBase64, 'base64'))).join('\n');
    expect(text).toContain('2026年03月02日');
    expect(text).toContain('2026年03月09日');
    expect(text).not.toContain('2026年03月06日');

    // After the moved end, it goes up.
    moveTo('2026-03-10');
    await unit.core.handlers.login({ identifier: 'unitadmin', password: 'Unit@2026' });
    await unit.core.handlers.decide({ applicationId: application.id, transitionId: 'reportUp' });
    await unit.workspace.syncAndWait();
    expect((await unit.core.handlers.getApplicationDetail({ id: application.id })).state).toBe('deptReview');
  });
});
