import { parseArgs } from 'node:util';
import { databaseFromEnv } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { AdminCommandError, createTitleOffice } from './title-office';

/**
 * The admin commands behind `npm run admin -- <command>` (cli.ts): what the platform's operators do
 * outside the client. They work on the database the server would use (DATABASE_URL, SQLITE_FILE or
 * DATA_DIR, as for `npm run server`), and bring its schema up to date first.
 */

export const ADMIN_USAGE = `用法:
  npm run admin -- create-title-office --name <职改办名称> --admin <管理员账号>
    创建职改办(单位树的根,审核主管部门的注册),并指定一个已注册的账号为其管理员。只能创建一个。`;

export interface AdminOutput {
  log(message: string): void;
  error(message: string): void;
}

/** Runs one command; the answer is the exit code: 0 done, 1 refused (the message says why), 2 wrong usage. */
export async function runAdminCommand(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  out: AdminOutput = console,
): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'create-title-office') {
    out.error(command === undefined ? ADMIN_USAGE : `未知命令:${command}\n${ADMIN_USAGE}`);
    return 2;
  }
  let values: { name?: string; admin?: string };
  try {
    ({ values } = parseArgs({
      args: [...rest],
      options: { name: { type: 'string' }, admin: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    out.error(`${error instanceof Error ? error.message : String(error)}\n${ADMIN_USAGE}`);
    return 2;
  }
  if (!values.name?.trim() || !values.admin?.trim()) {
    out.error(`请用 --name 指定职改办名称,用 --admin 指定管理员账号\n${ADMIN_USAGE}`);
    return 2;
  }

  // The database alone: this command stores no files, so PostgreSQL needs no FILES_DIR here.
  const database = databaseFromEnv(env, { dataDir: env.DATA_DIR ?? './.data' });
  const db = openDatabase(database);
  try {
    await migrateToLatest(db, database.kind);
    const created = await createTitleOffice(db, { name: values.name, adminAccount: values.admin });
    out.log(`已创建职改办“${created.name}”(${created.unitId}),管理员:${created.adminName}(${values.admin})`);
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
