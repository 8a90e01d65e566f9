import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { holidayFieldLabel, holidayYearSchema } from '../../src-shared/contracts/calendar';
import { chineseMessages } from '../../src-shared/contracts/validation-messages';
import { readHolidayYears, replaceHolidayYear } from '../calendar/holiday-table';
import { databaseFromEnv } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import type { Database } from '../db/schema';
import { AdminCommandError, createTitleOffice } from './title-office';

/**
 * The admin commands behind `npm run admin -- <command>` (cli.ts): what the platform's operators do
 * outside the client. They work on the database the server would use (DATABASE_URL, SQLITE_FILE or
 * DATA_DIR, as for `npm run server`), and bring its schema up to date first.
 */

export const ADMIN_USAGE = `用法:
  npm run admin -- create-title-office --name <职改办名称> --admin <管理员账号>
    创建职改办(单位树的根,审核主管部门的注册),并指定一个已注册的账号为其管理员。只能创建一个。
  npm run admin -- import-holidays <文件.json>
    导入一年的节假日安排(国务院办公厅通知,格式同 src-shared/domain/holidays/2026.json),替换该年原有的安排。`;

/** Who the holiday table names as having replaced a year through this command. */
export const IMPORTED_BY = '管理命令 import-holidays';

export interface AdminOutput {
  log(message: string): void;
  error(message: string): void;
}

/** What a command does once its arguments are understood; it answers the success message. */
type Task = (db: Kysely<Database>) => Promise<string>;

/** Runs one command; the answer is the exit code: 0 done, 1 refused (the message says why), 2 wrong usage. */
export async function runAdminCommand(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  out: AdminOutput = console,
): Promise<number> {
  const [command, ...rest] = argv;
  let task: Task;
  try {
    if (command === 'create-title-office') task = createTitleOfficeTask(rest);
    else if (command === 'import-holidays') task = await importHolidaysTask(rest);
    else throw new UsageError(command === undefined ? '' : `未知命令:${command}`);
  } catch (error) {
    if (error instanceof UsageError) {
      out.error(error.message === '' ? ADMIN_USAGE : `${error.message}\n${ADMIN_USAGE}`);
      return 2;
    }
    if (error instanceof AdminCommandError) {
      out.error(error.message);
      return 1;
    }
    throw error;
  }

  // The database alone: these commands store no files, so PostgreSQL needs no FILES_DIR here.
  const database = databaseFromEnv(env, { dataDir: env.DATA_DIR ?? './.data' });
  const db = openDatabase(database);
  try {
    await migrateToLatest(db, database.kind);
    out.log(await task(db));
    return 0;
  } catch (error) {
    if (error instanceof AdminCommandError) {
      out.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await db.destroy();
  }
}

/** Arguments the command cannot work with; answered with the usage and exit code 2. */
class UsageError extends Error {}

/** parseArgs's refusal (an unknown option, a missing value) as a usage error. */
function parsed<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function createTitleOfficeTask(args: readonly string[]): Task {
  const { values } = parsed(() =>
    parseArgs({
      args: [...args],
      options: { name: { type: 'string' }, admin: { type: 'string' } },
      strict: true,
    }),
  );
  const { name, admin } = values;
  if (!name?.trim() || !admin?.trim()) {
    throw new UsageError('请用 --name 指定职改办名称,用 --admin 指定管理员账号');
  }
  return async (db) => {
    const created = await createTitleOffice(db, { name, adminAccount: admin });
    return `已创建职改办“${created.name}”(${created.unitId}),管理员:${created.adminName}(${admin})`;
  };
}

/**
 * Reads and checks the file before the database is opened: a file with mistakes changes nothing, and
 * the message lists every mistake (where, and what is wrong), not only the first.
 */
async function importHolidaysTask(args: readonly string[]): Promise<Task> {
  const { positionals } = parsed(() =>
    parseArgs({ args: [...args], options: {}, strict: true, allowPositionals: true }),
  );
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) {
    throw new UsageError('请指定一个节假日安排文件,例如 npm run admin -- import-holidays 2027.json');
  }
  const name = path.basename(file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AdminCommandError(
      code === 'ENOENT' ? `找不到文件:${file}` : `无法读取文件 ${file}(${code ?? String(error)})`,
    );
  }
  let data: unknown;
  try {
    // A BOM is what Windows Notepad puts in front of UTF-8; it is not part of the JSON.
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AdminCommandError(`${name} 不是有效的JSON文件,未导入(${detail})`);
  }
  const checked = holidayYearSchema.safeParse(data, { error: chineseMessages });
  if (!checked.success) {
    const lines = checked.error.issues.map((issue) => `  ${holidayFieldLabel(issue.path)}:${issue.message}`);
    throw new AdminCommandError(`${name} 中的节假日安排有误,未导入:\n${[...new Set(lines)].join('\n')}`);
  }
  const entry = checked.data;
  return async (db) => {
    const existed = (await readHolidayYears(db)).some((known) => known.year === entry.year);
    await replaceHolidayYear(db, entry, IMPORTED_BY, new Date());
    const days = entry.holidays.reduce((sum, holiday) => sum + holiday.daysOff.length, 0);
    return (
      `已${existed ? '替换' : '导入'}${entry.year}年节假日安排(${entry.notice}):` +
      `${entry.holidays.length}个节日,共${days}天假期;客户端下次同步时更新`
    );
  };
}
