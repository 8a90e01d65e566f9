import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer } from '../../src-server/listen';
import type { RunningServer } from '../../src-server/listen';
import { fileContentSchema } from '../../src-shared/contracts/units';
import { describeEachDatabase } from './databases';
import { expectError, expectOk, getJson, login, testConfig } from './helpers';
import { SCANS, registrationForm, unitApi, unitIdByName, unitRegistrationSchema } from './unit-helpers';

/**
 * Two instances on one database whose files folders differ (an instance set up without the shared
 * folder): what one stored, the other cannot read. Every route that hands out a scan answers that with
 * the same 404 in Chinese, never a 500.
 */

const MISSING = '文件已不在服务器上,请联系上传人重新上传';

describeEachDatabase('scans the file storage lacks', (fresh) => {
  let withFiles: RunningServer;
  let elsewhere: RunningServer;
  let otherFolder: string;

  beforeAll(async () => {
    const database = await fresh();
    withFiles = await startServer(testConfig(database));
    otherFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'zhicheng-other-files-'));
    elsewhere = await startServer(testConfig(database, { filesDir: otherFolder }));
  });
  afterAll(async () => {
    await elsewhere?.close();
    await withFiles?.close();
    fs.rmSync(otherFolder, { recursive: true, force: true });
  });

  it('answers a unit licence uploaded through another instance with 404, not 500', async () => {
    const applicant = await login(withFiles.url, 'newuser', 'User@2026');
    const api = unitApi(withFiles.url);
    const fileId = await api.uploadScan(applicant);
    const commission = await unitIdByName(withFiles.platform.db, '重庆市卫生健康委员会');
    const registration = await expectOk(
      await api.submit(applicant, registrationForm(commission, fileId)),
      unitRegistrationSchema,
    );

    const reviewer = await login(elsewhere.url, 'deptadmin', 'Dept@2026');
    const there = await expectOk(await api.licence(reviewer, registration.id), fileContentSchema);
    expect(Buffer.from(there.contentBase64, 'base64')).toEqual(Buffer.from(SCANS.pdf));

    const error = await expectError(
      await unitApi(elsewhere.url).licence(reviewer, registration.id),
      404,
      'NOT_FOUND',
    );
    expect(error.message).toBe(MISSING);
  });

  it('answers an application attachment stored through another instance with 404, not 500', async () => {
    const reviewer = await login(elsewhere.url, 'unitadmin', 'Unit@2026');
    const attachment = await withFiles.platform.db
      .selectFrom('application_files as af')
      .innerJoin('applications as a', 'a.id', 'af.application_id')
      .select(['af.application_id', 'af.file_id'])
      .where('a.state', '=', 'unitReview')
      .executeTakeFirstOrThrow();
    const at = (server: RunningServer) =>
      `${server.url}/api/applications/${attachment.application_id}/attachments/${attachment.file_id}`;

    await expectOk(await getJson(at(withFiles), reviewer), fileContentSchema);
    const error = await expectError(await getJson(at(elsewhere), reviewer), 404, 'NOT_FOUND');
    expect(error.message).toBe(MISSING);
  });
});
