import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLicencePdf } from '../../src-server/demo/licence-pdf';
import { dispatchAppCall } from '../../src-main/core/app-api/dispatch';
import { createAppCore, type AppCore } from '../../src-main/core/app-core';
import type { AppMethodName, Result } from '../../src-shared/contracts';
import { creditCodeCheckChar } from '../../src-shared/domain/validation';
import { startDemoServer, type DemoServer } from '../support/demo-server';

/**
 * Manual 3.1 through two cores against the real server: the forwarded app methods carry path
 * parameters, query strings and large bodies the way the server's routes expect them.
 */
let server: DemoServer;

beforeAll(async () => {
  server = await startDemoServer();
});

afterAll(() => server.close());

async function call<T>(core: AppCore, method: AppMethodName, input?: unknown): Promise<T> {
  const result = (await dispatchAppCall(core.handlers, method, input)) as Result<T>;
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function signedIn(identifier: string, password: string): Promise<AppCore> {
  const core = createAppCore({ serverUrl: server.url, dataDir: server.clientDataDir, mode: 'embedded' });
  await call(core, 'login', { identifier, password });
  return core;
}

describe('unit registration through the core', () => {
  it('registers, is rejected, resubmits, is approved, and the registrant administers the unit', async () => {
    const registrant = await signedIn('newuser', 'User@2026');
    const reviewer = await signedIn('deptadmin', 'Dept@2026');

    const { departments } = await call<{ departments: { id: string; name: string }[] }>(
      registrant,
      'searchSuperiors',
      { kind: 'unit', query: '卫生健康' },
    );
    const parent = departments.find((d) => d.name === '重庆市卫生健康委员会');
    expect(parent).toBeDefined();

    const pdf = demoLicencePdf('示例');
    const licence = await call<{ fileId: string; mimeType: string }>(registrant, 'uploadLicence', {
      fileName: '营业执照.pdf',
      contentBase64: Buffer.from(pdf).toString('base64'),
    });
    expect(licence.mimeType).toBe('application/pdf');

    const first17 = `91500000MA${String(Date.now() % 10_000_000).padStart(7, '0')}`;
    const form = {
      name: '重庆市示例科技有限公司',
      creditCode: first17 + creditCodeCheckChar(first17),
      kind: 'unit',
      nature: '民营企业',
      industry: '信息传输、软件和信息技术服务业',
      districtCode: '500108',
      parentId: parent?.id ?? '',
      address: '重庆市南岸区示例路1号',
      leaderName: '周强',
      contactPhone: '023-12345678',
      licenceFileId: licence.fileId,
    };
    const submitted = await call<{ id: string; status: string }>(registrant, 'submitUnitRegistration', form);
    expect(submitted.status).toBe('pending');

    const pending = await call<{ registrations: { id: string }[] }>(
      reviewer,
      'listSubordinateRegistrations',
      {
        status: 'pending',
      },
    );
    expect(pending.registrations.map((r) => r.id)).toContain(submitted.id);

    const scan = await call<{ contentBase64: string }>(reviewer, 'getRegistrationLicence', {
      id: submitted.id,
    });
    expect(Buffer.from(scan.contentBase64, 'base64').equals(Buffer.from(pdf))).toBe(true);

    const rejected = await call<{ status: string; rejectReason: string }>(
      reviewer,
      'rejectUnitRegistration',
      {
        id: submitted.id,
        reason: '单位地址不完整',
      },
    );
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: '单位地址不完整' });

    await call(registrant, 'resubmitUnitRegistration', {
      ...form,
      id: submitted.id,
      address: '重庆市南岸区示例路1号5楼',
    });
    const approved = await call<{ status: string; history: { action: string }[] }>(
      reviewer,
      'approveUnitRegistration',
      { id: submitted.id },
    );
    expect(approved.status).toBe('approved');
    expect(approved.history.map((h) => h.action)).toEqual([
      'submitted',
      'rejected',
      'resubmitted',
      'approved',
    ]);

    const session = await call<{ user: { memberships: { unitName: string; role: string }[] } }>(
      registrant,
      'getSession',
    );
    expect(session.user.memberships).toContainEqual(
      expect.objectContaining({ unitName: '重庆市示例科技有限公司', role: 'unitAdmin' }),
    );
  });

  it('passes the server’s field errors on', async () => {
    const registrant = await signedIn('newuser', 'User@2026');
    const result = await dispatchAppCall(registrant.handlers, 'uploadLicence', {
      fileName: 'scan.png',
      contentBase64: Buffer.from('not an image at all').toString('base64'),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    if (!result.ok) expect(result.error.message).toMatch(/PDF、JPG或PNG/);
  });

  it('sends a search with a lone surrogate in it (as a paste can carry) and finds nothing', async () => {
    // encodeURIComponent throws on a lone surrogate; the query string is sent with U+FFFD instead,
    // as the path's parameters are (found by the fuzz suite, seed 39140476).
    const registrant = await signedIn('newuser', 'User@2026');
    const found = await call<{ departments: unknown[] }>(registrant, 'searchSuperiors', {
      kind: 'unit',
      query: '卫生\ud800',
    });
    expect(found.departments).toEqual([]);
  });
});
