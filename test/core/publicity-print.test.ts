import { SHIPPED_CALENDAR } from '../../src-shared/domain/holiday-years';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../src-main/core/app-core';
import { AppFailure, type PrintedPdf } from '../../src-shared/contracts';
import { chinaDateOf } from '../../src-shared/domain/calendar';
import { pageTexts } from '../print/poppler';
import { listCached } from '../support/cached-list';
import { startRestartableServer, type RestartableServer } from '../support/review-server';

/**
 * 公示表 and 公示名单 through the app API, from the cache of a client of the real server: approved
 * applications print, an approval still waiting offline prints with its period, an application not yet
 * approved is refused with its name, and the unit's print settings are on every form.
 */

let server: RestartableServer;
let core: AppCore;
let dataDir: string;
let unitId: string;

beforeAll(async () => {
  server = await startRestartableServer();
  dataDir = path.join(server.clientDataDir, 'print');
  core = createAppCore({
    serverUrl: server.url,
    mode: 'remote',
    dataDir,
    syncIntervalMs: 3_600_000,
    offlineProbeMs: 3_600_000,
  });
  const { user } = await core.handlers.login({ identifier: 'unitadmin', password: 'Unit@2026' });
  unitId = user?.memberships[0]?.unitId ?? '';
  await core.workspace()?.syncAndWait();
});

afterAll(async () => {
  await core.close();
  await server.close();
});

async function inState(state: 'unitPublicity' | 'unitReview') {
  const { rows } = await listCached(core, unitId, { state, pageSize: 50 });
  return rows;
}

async function textOf(printed: PrintedPdf): Promise<string> {
  return (await pageTexts(Buffer.from(printed.pdfBase64, 'base64'))).join('\n');
}

async function refusal(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof AppFailure)) throw new Error(`expected a refusal, got ${String(error)}`);
  expect(error.error.code).toBe('BAD_REQUEST');
  return error.error.message;
}

describe('printPublicity', () => {
  it('prints the 公示表 of an approved application with its period and the unit settings', async () => {
    const [approved] = await inState('unitPublicity');
    if (!approved) throw new Error('the demo has no application in 单位公示中');
    await core.handlers.savePrintSettings({
      supervisingPhone: '院人事科 023-63891234',
      publicityPlace: '门诊楼一楼公示栏',
    });

    const printed = await core.handlers.printPublicity({ applicationIds: [approved.id], document: 'forms' });
    expect(printed).toMatchObject({ formCount: 1, pageCount: 1 });
    expect(printed.fileName).toBe(`公示表-${approved.applicationNo}-${approved.applicantName}.pdf`);
    const text = await textOf(printed);
    expect(text).toContain('重庆市职称申报综合情况');
    expect(text).toContain(approved.applicantName);
    expect(text).toContain('院人事科 023-63891234');
    expect(text).toContain('门诊楼一楼公示栏');
    const detail = await core.handlers.getApplicationDetail({ id: approved.id });
    const [year, month, day] = (detail.publicity?.start ?? '').split('-');
    expect(text).toContain(`${year}年${month}月${day}日`);
  });

  it('prints a batch as one PDF, and the 公示名单 of the same applications', async () => {
    const approved = (await inState('unitPublicity')).slice(0, 3);
    expect(approved).toHaveLength(3);
    const ids = approved.map((row) => row.id);

    const forms = await core.handlers.printPublicity({ applicationIds: ids, document: 'forms' });
    expect(forms).toMatchObject({ formCount: 3, fileName: '公示表-3份.pdf' });
    expect(forms.pageCount).toBeGreaterThanOrEqual(3);
    const list = await core.handlers.printPublicity({ applicationIds: ids, document: 'list' });
    expect(list).toMatchObject({ formCount: 3, pageCount: 1, fileName: '公示名单-3人.pdf' });
    const listText = await textOf(list);
    expect(listText).toContain('重庆市示例人民医院');
    expect(listText).toContain('公示名单');
    for (const row of approved) {
      expect(await textOf(forms)).toContain(row.applicantName);
      expect(listText).toContain(row.applicantName);
    }
  });

  it('refuses an application the unit has not approved, naming it', async () => {
    const [waiting] = await inState('unitReview');
    if (!waiting) throw new Error('the demo has no application in 待单位审核');
    const message = await refusal(
      core.handlers.printPublicity({ applicationIds: [waiting.id], document: 'forms' }),
    );
    expect(message).toBe(
      `${waiting.applicantName}(${waiting.applicationNo})的申报书待单位审核,尚未审核通过,没有公示表可打印`,
    );
  });

  it('prints an approval made offline, with the period it is waiting to send', async () => {
    const [waiting] = await inState('unitReview');
    if (!waiting) throw new Error('the demo has no application in 待单位审核');
    await server.stop();
    try {
      const start = chinaDateOf(new Date());
      const end = SHIPPED_CALENDAR.addWorkingDays(start, 7);
      await core.handlers.decide({
        applicationId: waiting.id,
        transitionId: 'unitApprove',
        publicity: { start, end },
      });
      const printed = await core.handlers.printPublicity({ applicationIds: [waiting.id], document: 'forms' });
      const text = await textOf(printed);
      expect(text).toContain(waiting.applicantName);
      const [year, month, day] = end.split('-');
      expect(text).toContain(`${year}年${month}月${day}日`);
    } finally {
      await server.start();
    }
  });

  it('keeps the print settings on this computer', async () => {
    const again = createAppCore({
      serverUrl: server.url,
      mode: 'remote',
      dataDir,
      syncIntervalMs: 3_600_000,
    });
    try {
      await again.handlers.login({ identifier: 'unitadmin', password: 'Unit@2026' });
      expect(await again.handlers.getPrintSettings(undefined)).toEqual({
        supervisingPhone: '院人事科 023-63891234',
        publicityPlace: '门诊楼一楼公示栏',
      });
    } finally {
      await again.close();
    }
  });

  it('hands a PDF to the system printer where there is one, and says so where there is none', async () => {
    const [approved] = await inState('unitPublicity');
    if (!approved) throw new Error('the demo has no application in 单位公示中');
    const printed = await core.handlers.printPublicity({ applicationIds: [approved.id], document: 'forms' });
    expect((await core.handlers.getConnection(undefined)).nativePrint).toBe(false);
    await expect(
      core.handlers.printPdf({ pdfBase64: printed.pdfBase64, fileName: printed.fileName }),
    ).rejects.toMatchObject({ error: { code: 'BAD_REQUEST' } });

    // The desktop shell's printer, as the core sees it: an interface; here one that keeps what it got.
    const sent: { bytes: Buffer; fileName: string }[] = [];
    const desktop = createAppCore({
      serverUrl: server.url,
      mode: 'remote',
      dataDir: path.join(server.clientDataDir, 'desktop'),
      syncIntervalMs: 3_600_000,
      pdfPrinter: {
        print: async (pdf, fileName) => {
          sent.push({ bytes: Buffer.from(pdf), fileName });
          return 'printed';
        },
      },
    });
    try {
      expect((await desktop.handlers.getConnection(undefined)).nativePrint).toBe(true);
      expect(
        await desktop.handlers.printPdf({ pdfBase64: printed.pdfBase64, fileName: printed.fileName }),
      ).toEqual({ outcome: 'printed' });
      expect(sent).toEqual([{ bytes: Buffer.from(printed.pdfBase64, 'base64'), fileName: printed.fileName }]);
    } finally {
      await desktop.close();
    }
  });
});
