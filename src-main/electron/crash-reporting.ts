import type { App, CrashReporter } from 'electron';
import { crashDumpDirOf } from '../core/log/file-log';

/**
 * Electron's crashReporter with its minidumps kept on this computer, in <data>/logs/crashes: a unit PC
 * sends nothing anywhere, and the IT staff find the dumps beside the logs (帮助 → 打开日志文件夹).
 * Before `ready`, as Electron requires of both calls. Answers the folder.
 */
export function startLocalCrashReporter(
  app: Pick<App, 'setPath'>,
  crashReporter: Pick<CrashReporter, 'start'>,
  dataDir: string,
): string {
  const dir = crashDumpDirOf(dataDir);
  app.setPath('crashDumps', dir);
  crashReporter.start({ uploadToServer: false });
  return dir;
}
