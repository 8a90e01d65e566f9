import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { filesDirOf } from '../../src-server/config';
import { directoryFileStorage } from '../../src-server/files/storage';
import { startServer } from '../../src-server/listen';
import type { RunningServer } from '../../src-server/listen';
import { LICENCE_MAX_BYTES } from '../../src-shared/domain/units';
import { describeEachDatabase } from './databases';
import type { DatabaseConfig } from './databases';
import { expectError, expectOk, login, postJson, testConfig } from './helpers';
import { SCANS, storedFileSchema, unitApi } from './unit-helpers';
import type { UnitApi } from './unit-helpers';

const WRONG_TYPE = '只能上传PDF、JPG或PNG格式的营业执照/法人证书扫描件';
const TOO_LARGE = '文件不能超过10MB,请压缩或重新扫描后上传';

describeEachDatabase('营业执照/法人证书 upload: /api/files/licence', (fresh) => {
  let database: DatabaseConfig;
  let server: RunningServer;
  let api: UnitApi;
  let token: string;

  beforeAll(async () => {
    database = await fresh();
    server = await startServer(testConfig(database));
    api = unitApi(server.url);
    token = await login(server.url, 'newuser', 'User@2026');
  });
  afterAll(async () => {
    await server?.close();
  });

  const fileCount = async () => {
    const row = await server.platform.db
      .selectFrom('files')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it('accepts PDF, PNG and JPEG by their content, whatever the name says', async () => {
    const storage = directoryFileStorage(filesDirOf(testConfig(database)));
    // The stored name takes the extension of the content's type.
    for (const [typed, content, mimeType, fileName] of [
      ['营业执照.pdf', SCANS.pdf, 'application/pdf', '营业执照.pdf'],
      ['法人证书.png', SCANS.png, 'image/png', '法人证书.png'],
      ['扫描件.JPG', SCANS.jpeg, 'image/jpeg', '扫描件.jpg'],
      ['scan-without-extension', SCANS.png, 'image/png', 'scan-without-extension.png'],
      ['named-wrong.pdf', SCANS.jpeg, 'image/jpeg', 'named-wrong.jpg'],
    ] as const) {
      const stored = await expectOk(await api.upload(token, typed, content), storedFileSchema);
      expect(stored).toEqual({ fileId: expect.any(String), fileName, mimeType, size: content.length });
      expect(await storage.get(stored.fileId)).toEqual(content);
      const row = await server.platform.db
        .selectFrom('files')
        .selectAll()
        .where('id', '=', stored.fileId)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        mime_type: mimeType,
        sha256: createHash('sha256').update(content).digest('hex'),
      });
    }
  });

  it('keeps only the file name of a path', async () => {
    const stored = await expectOk(
      await api.upload(token, 'C:\\Users\\张伟\\..\\扫描\\营业执照.pdf', SCANS.pdf),
      storedFileSchema,
    );
    expect(stored.fileName).toBe('营业执照.pdf');
    const unix = await expectOk(await api.upload(token, '../../etc/passwd', SCANS.pdf), storedFileSchema);
    expect(unix.fileName).toBe('passwd.pdf');
  });

  it('stores a name made from the detected type, whatever was typed', async () => {
    const other = await login(server.url, 'unitadmin', 'Unit@2026');
    for (const [typed, stored] of [
      ['scan.exe', 'scan.pdf'],
      ['scan.html', 'scan.pdf'],
      ['scan\u202efdp.exe', 'scanfdp.pdf'],
      ['scan.pdf.html', 'scan_pdf.pdf'],
    ] as const) {
      const file = await expectOk(await api.upload(other, typed, SCANS.pdf), storedFileSchema);
      expect(file.fileName).toBe(stored);
      const row = await server.platform.db
        .selectFrom('files')
        .select('file_name')
        .where('id', '=', file.fileId)
        .executeTakeFirstOrThrow();
      expect(row.file_name).toBe(stored);
    }
  });

  it('refuses a name with a NUL character before storing anything, saying so on the field', async () => {
    const before = await fileCount();
    const res = await api.upload(token, 'scan.pdf\u0000.html', SCANS.pdf);
    const error = await expectError(res, 400, 'BAD_REQUEST');
    expect(error.fields?.fileName).toMatch(/空字符/);
    expect(await fileCount()).toBe(before);
  });

  it('refuses files that only start like a scan, storing nothing', async () => {
    const before = await fileCount();
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]);
    for (const [content, message] of [
      [Buffer.concat([SCANS.pdf, Buffer.from('<html><script>alert(1)</script></html>')]), 'PDF'],
      [Buffer.from('%PDF-1.4\n<html><script>alert(1)</script></html>\n'), 'PDF'],
      [Buffer.concat([SCANS.png, zip]), 'PNG'],
      [Buffer.concat([SCANS.jpeg, zip]), 'JPG'],
      [SCANS.pdf.subarray(0, SCANS.pdf.length - 20), 'PDF'],
    ] as const) {
      const error = await expectError(await api.upload(token, '营业执照.pdf', content), 400, 'BAD_REQUEST');
      expect(error.message).toBe(
        `文件内容不是有效的${message}${message === 'PDF' ? '文件' : '图片'}(可能已损坏或夹带了其他内容),请重新扫描后上传`,
      );
      expect(error.fields).toEqual({ licenceFileId: error.message });
    }
    expect(await fileCount()).toBe(before);
  });

  it('refuses a renamed text file, an empty file and unreadable content, storing nothing', async () => {
    const before = await fileCount();
    const renamed = await expectError(
      await api.upload(token, '营业执照.png', Buffer.from('这不是图片,只是改了扩展名的文本文件')),
      400,
      'BAD_REQUEST',
    );
    expect(renamed).toMatchObject({ message: WRONG_TYPE, fields: { licenceFileId: WRONG_TYPE } });
    // Starts like nothing we accept, even if it is some other real format (a ZIP here).
    const zip = await expectError(
      await api.upload(token, '营业执照.pdf', Buffer.from('PK\u0003\u0004rest-of-a-zip', 'latin1')),
      400,
      'BAD_REQUEST',
    );
    expect(zip.message).toBe(WRONG_TYPE);

    const empty = await expectError(await api.upload(token, '营业执照.pdf', ''), 400, 'BAD_REQUEST');
    expect(empty).toMatchObject({
      message: '上传的文件是空的,请重新选择',
      fields: { licenceFileId: '上传的文件是空的,请重新选择' },
    });

    const garbled = await expectError(
      await api.upload(token, '营业执照.pdf', '%%%不是base64'),
      400,
      'BAD_REQUEST',
    );
    expect(garbled.message).toBe('文件内容无法读取,请重新选择文件');

    const nameless = await expectError(await api.upload(token, '  ', SCANS.pdf), 400, 'BAD_REQUEST');
    expect(nameless.fields).toEqual({ fileName: '请选择文件' });
    expect(await fileCount()).toBe(before);
  });

  it('refuses a scan over 10 MB, and a body too large to read, with the same message', async () => {
    const before = await fileCount();
    // One byte over: the JSON fits the route's limit, the decoded file does not.
    const oneOver = Buffer.alloc(LICENCE_MAX_BYTES + 1);
    SCANS.pdf.copy(oneOver);
    const over = await expectError(
      await api.upload(token, '营业执照.pdf', oneOver),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expect(over).toMatchObject({ message: TOO_LARGE, fields: { licenceFileId: TOO_LARGE } });

    // Far over: refused while reading, before any of it is decoded.
    const huge = Buffer.alloc(11 * 1024 * 1024);
    SCANS.pdf.copy(huge);
    const tooLarge = await expectError(
      await api.upload(token, '营业执照.pdf', huge),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expect(tooLarge).toMatchObject({ message: TOO_LARGE, fields: { licenceFileId: TOO_LARGE } });
    expect(await fileCount()).toBe(before);
  });

  it('accepts exactly 10 MB', async () => {
    const limit = Buffer.alloc(LICENCE_MAX_BYTES);
    SCANS.pdf.copy(limit);
    const stored = await expectOk(await api.upload(token, '营业执照.pdf', limit), storedFileSchema);
    expect(stored.size).toBe(LICENCE_MAX_BYTES);
  });

  it('needs a session, and keeps the 1 MB limit on every other route', async () => {
    await expectError(await api.upload('', '营业执照.pdf', SCANS.pdf), 401, 'UNAUTHENTICATED');
    const error = await expectError(
      await postJson(`${server.url}/api/unit-registrations`, { name: 'x'.repeat(2 * 1024 * 1024) }, token),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expect(error.message).toBe('提交的内容过大,请不要超过 1 MB');
  });
});
