import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { IMPORTED_BY, runAdminCommand } from '../../src-server/admin/run';
import { readHolidayTable } from '../../src-server/calendar/holiday-table';
import { NOTICE_2027 } from '../support/holiday-notices';
import { createTitleOffice } from '../../src-server/admin/title-office';
import { createServer } from '../../src-server/app';
import type { PlatformServer } from '../../src-server/app';
import { describeEachDatabase } from './databases';
import type { DatabaseConfig } from './databases';
import { insertUser, testConfig } from './helpers';

/**
 * `npm run admin -- create-title-office`: the 职改办 is made by the operators, not registered.
 * `npm run admin -- import-holidays <file>`: a year of the statutory calendar from a file.
 */

const root = path.resolve(import.meta.dirname, '../..');

/** The environment that points the command at this database, as an operator would set it. */
function envFor(database: DatabaseConfig): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of ['DATABASE_URL', 'SQLITE_FILE', 'DATA_DIR', 'DEMO', 'FILES_DIR']) delete env[name];
  if (database.kind === 'sqlite') env.SQLITE_FILE = database.file;
  else env.DATABASE_URL = database.url;
  return env;
}

/** Runs a command in this process, collecting what it prints. */
async function run(database: DatabaseConfig, args: string[]) {
  const out = { stdout: '', stderr: '' };
  const code = await runAdminCommand(args, envFor(database), {
    log: (message) => (out.stdout += `${message}\n`),
    error: (message) => (out.stderr += `${message}\n`),
  });
  return { code, ...out };
}

/** Runs src-server/admin/cli.ts as its own process, as `npm run admin -- ...args` does. */
function spawnCli(database: DatabaseConfig, args: string[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'src-server/admin/cli.ts'), ...args],
    { cwd: root, env: envFor(database), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout, stderr })),
  );
}

describeEachDatabase('admin command: create-title-office', (fresh) => {
  let database: DatabaseConfig;
  let server: PlatformServer;

  beforeAll(async () => {
    database = await fresh();
    // A deployment: no demo data, one person who registered in the client.
    server = await createServer(testConfig(database, { demo: false }));
    await insertUser(server.db, { account: 'ChenJing', password: 'Chen@2026', name: '陈静' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('explains its usage', async () => {
    const none = await run(database, []);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('create-title-office --name');
    const missing = await run(database, ['create-title-office', '--name', '重庆市职称改革办公室']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('请用 --name 指定职改办名称,用 --admin 指定管理员账号');
    const unknown = await run(database, ['create-title-office', '--name', 'x', '--admin', 'y', '--force']);
    expect(unknown.code).toBe(2);
    const other = await run(database, ['drop-everything']);
    expect(other).toMatchObject({ code: 2, stderr: expect.stringContaining('未知命令:drop-everything') });
  });

  it('refuses an account that does not exist, or a name that is too short', async () => {
    const nobody = await run(database, [
      'create-title-office',
      '--name',
      '重庆市职称改革办公室',
      '--admin',
      'nobody',
    ]);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('找不到账号“nobody”');
    const short = await run(database, ['create-title-office', '--name', '办', '--admin', 'ChenJing']);
    expect(short).toMatchObject({ code: 1, stderr: '职改办名称应为2-100个字\n' });
    expect(await server.db.selectFrom('units').select('id').execute()).toEqual([]);
  });

  it('creates the 职改办 with its administrator from the command line, once', async () => {
    const created = await spawnCli(database, [
      'create-title-office',
      '--name',
      '重庆市职称改革办公室',
      '--admin',
      'chenjing',
    ]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('已创建职改办“重庆市职称改革办公室”');
    const office = await server.db
      .selectFrom('units')
      .innerJoin('unit_admins', 'unit_admins.unit_id', 'units.id')
      .innerJoin('users', 'users.id', 'unit_admins.user_id')
      .select(['units.kind', 'units.status', 'units.parent_id', 'users.account'])
      .executeTakeFirstOrThrow();
    expect(office).toEqual({ kind: 'titleOffice', status: 'approved', parent_id: null, account: 'ChenJing' });

    const again = await run(database, [
      'create-title-office',
      '--name',
      '另一个职改办',
      '--admin',
      'ChenJing',
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('职改办已存在(重庆市职称改革办公室),不能再创建');
    await expect(
      createTitleOffice(server.db, { name: '另一个职改办', adminAccount: 'ChenJing' }),
    ).rejects.toThrow('职改办已存在');
    expect(await server.db.selectFrom('units').select('id').execute()).toHaveLength(1);
  });
});

describeEachDatabase('admin command: import-holidays', (fresh) => {
  let database: DatabaseConfig;
  let server: PlatformServer;
  let dir: string;

  const file = (name: string, content: unknown) => {
    const written = path.join(dir, name);
    fs.writeFileSync(written, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return written;
  };
  const yearsNow = async () => (await readHolidayTable(server.db)).years.map((entry) => entry.year);

  beforeAll(async () => {
    database = await fresh();
    server = await createServer(testConfig(database, { demo: false }));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhicheng-holidays-'));
  });
  afterAll(async () => {
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('explains its usage', async () => {
    const none = await run(database, ['import-holidays']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('请指定一个节假日安排文件');
    expect(none.stderr).toContain('import-holidays <文件.json>');
    const two = await run(database, ['import-holidays', 'a.json', 'b.json']);
    expect(two.code).toBe(2);
  });

  it('changes nothing for a file with mistakes, and lists every mistake in Chinese', async () => {
    const missing = await run(database, ['import-holidays', path.join(dir, 'nope.json')]);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('找不到文件') });
    const notJson = await run(database, ['import-holidays', file('broken.json', '{"year": 2027,')]);
    expect(notJson).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('broken.json 不是有效的JSON文件,未导入'),
    });
    const wrong = await run(database, [
      'import-holidays',
      file('wrong.json', {
        ...NOTICE_2027,
        notice: '',
        holidays: [
          { name: '元旦', daysOff: ['2027-01-01', '2027-02-30'], workdays: ['2027-01-04'] },
          { name: '春节', daysOff: ['2027-01-01'], workdays: [] },
        ],
      }),
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.split('\n').filter((line) => line !== '')).toEqual([
      'wrong.json 中的节假日安排有误,未导入:',
      '  通知名称:请填写通知名称',
      '  第1个节日的放假日期(第2项):日期应为有效日期(格式YYYY-MM-DD)',
      '  第1个节日的调休上班日期:2027-01-04不是周末,无需调休上班',
      '  第2个节日的放假日期:2027-01-01重复出现',
    ]);
    expect(await yearsNow()).toEqual([2025, 2026]);
  });

  it('imports a year from the command line, and replaces it when imported again', async () => {
    const imported = await spawnCli(database, ['import-holidays', file('2027.json', NOTICE_2027)]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('已导入2027年节假日安排(国务院办公厅关于2027年部分节假日安排的通知)');
    const table = await readHolidayTable(server.db);
    expect(table.years.find((entry) => entry.year === 2027)).toEqual(NOTICE_2027);
    expect(table.updatedAt).not.toBeNull();

    const corrected = { ...NOTICE_2027, holidays: NOTICE_2027.holidays.slice(0, 1) };
    // Saved by Windows Notepad: with a byte order mark.
    const again = await run(database, [
      'import-holidays',
      file('2027-fixed.json', `\uFEFF${JSON.stringify(corrected)}`),
    ]);
    expect(again).toMatchObject({ code: 0, stdout: expect.stringContaining('已替换2027年节假日安排') });
    expect((await readHolidayTable(server.db)).years.find((entry) => entry.year === 2027)).toEqual(corrected);
    const row = await server.db
      .selectFrom('holiday_years')
      .select('updated_by')
      .where('year', '=', 2027)
      .executeTakeFirstOrThrow();
    expect(row.updated_by).toBe(IMPORTED_BY);
    expect(await yearsNow()).toEqual([2025, 2026, 2027]);
  });
});
