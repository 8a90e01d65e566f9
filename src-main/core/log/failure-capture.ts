import os from 'node:os';
import { lastAppMethod } from '../app-api/last-call';
import { APP_VERSION } from '../app-version';
import type { Log } from './file-log';

/**
 * Failures nobody would otherwise see (an unhandled rejection, an uncaught exception, a renderer or utility
 * process that died, a screen that threw), written to the log with what it takes to act on them: the
 * version, the OS, which process, and the last app method a window called. The log scrubs every line
 * (file-log.ts), so an ID number in an error's message never reaches the file.
 */

/** The processes of the app: Electron's main, the core, the embedded server, a window, the web host. */
export type ProcessRole = 'main' | 'core' | 'server' | 'renderer' | 'web-host';

export interface FailureContext {
  process: ProcessRole;
  version: string;
  os: string;
  /** The last app method called in the process that logs (the core sees them; main and the host do not). */
  lastAppMethod: string | null;
}

export function failureContext(role: ProcessRole): FailureContext {
  return {
    process: role,
    version: APP_VERSION,
    os: `${os.platform()} ${os.release()} ${os.arch()}`,
    lastAppMethod: lastAppMethod(),
  };
}

/** One ERROR line in scope `failure`: what happened, the context, and the error or details. */
export function logFailure(log: Log, role: ProcessRole, what: string, details: unknown): void {
  log.error('failure', what, { ...failureContext(role), details });
}

/**
 * Logs unhandled rejections and uncaught exceptions of this process (or worker thread). An uncaught
 * exception is watched with `uncaughtExceptionMonitor`, which leaves Node's and Electron's own handling as
 * it was (the process still ends; the line is written first, the file log being synchronous). An unhandled
 * rejection is logged and the process goes on: a forgotten `.catch` on a background promise should not
 * take the reviewer's window and unsent work down with it. Answers the function that removes both.
 */
export function installProcessFailureCapture(log: Log, role: ProcessRole): () => void {
  const onRejection = (reason: unknown) => logFailure(log, role, 'unhandled promise rejection', reason);
  const onException = (error: unknown) => logFailure(log, role, 'uncaught exception', error);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtExceptionMonitor', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtExceptionMonitor', onException);
  };
}

/** Electron's RenderProcessGoneDetails, as far as the log needs it. */
export interface RenderProcessGoneDetails {
  reason: string;
  exitCode: number;
}

/** Electron's Details of `child-process-gone` (a GPU, utility or other helper process). */
export interface ChildProcessGoneDetails {
  type: string;
  reason: string;
  exitCode: number;
  serviceName?: string;
  name?: string;
}

/** A window's renderer process ended (app `render-process-gone`); `clean-exit` is not a failure. */
export function logRenderProcessGone(log: Log, details: RenderProcessGoneDetails): void {
  if (details.reason === 'clean-exit') return;
  logFailure(log, 'renderer', 'renderer process gone', {
    reason: details.reason,
    exitCode: details.exitCode,
  });
}

/**
 * A helper process ended (app `child-process-gone`): the core and the embedded server are utility
 * processes named by their serviceName; the line is written from main, about the process that died.
 */
export function logChildProcessGone(log: Log, details: ChildProcessGoneDetails): void {
  if (details.reason === 'clean-exit') return;
  logFailure(log, 'main', `child process gone: ${details.type}`, {
    reason: details.reason,
    exitCode: details.exitCode,
    serviceName: details.serviceName ?? null,
    name: details.name ?? null,
  });
}
