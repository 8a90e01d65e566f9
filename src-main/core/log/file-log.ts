import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { formatWithOptions } from 'node:util';
import electronLog from 'electron-log/node';
import type { LogFile } from 'electron-log';
import { scrubText, scrubValue } from '../../../src-shared/logging/scrub';

/**
 * The app's log: one line per entry, `2026-11-27T06:15:08.123Z INFO [scope] message {json}`, every line
 * scrubbed (scrub.ts) before any transport sees it, so the file never holds an ID number, a phone, a
 * password or a token (DESIGN.md "Security"). Writing and rotating is electron-log's file transport (the
 * `/node` build: the same module serves Electron's main process, the web host and tests, and the core
 * process never imports `electron`); what is ours is the line, the scrubbing hook in front of every
 * transport, and the numbered files kept on rotation. Logging never throws: a full disk or a read-only
 * folder loses the line, not the call that logged it.
 */

export type LogLevel = 'info' | 'warn' | 'error';

export interface Log {
  info(scope: string, message: string, details?: unknown): void;
  warn(scope: string, message: string, details?: unknown): void;
  error(scope: string, message: string, details?: unknown): void;
}

export interface FileLog extends Log {
  /** The file written now; older ones are `<file>.1` (newest) to `<file>.<keep - 1>`. */
  readonly file: string;
}

export interface FileLogOptions {
  /** The folder of the log files, created on the first write: logDirOf(dataDir) in the app. */
  dir: string;
  /**
   * The size past which the file is rotated (electron-log's maxSize: a file is rotated before the line
   * that finds it larger, so it holds at most this plus one line); 1 MB when absent.
   */
  maxBytes?: number;
  /** How many files are kept, the current one included; 5 when absent. */
  keep?: number;
  /** The clock of the timestamps, for tests. */
  now?: () => Date;
}

export const LOG_FILE_NAME = 'zhicheng-desk.log';
export const DEFAULT_LOG_MAX_BYTES = 1024 * 1024;
export const DEFAULT_LOG_KEEP = 5;

/** The log folder inside the app's data folder (defaultDataDir, Electron's userData). */
export function logDirOf(dataDir: string): string {
  return path.join(dataDir, 'logs');
}

/**
 * Where Electron's crashReporter keeps its minidumps (app.setPath('crashDumps')): beside the logs, so that
 * 打开日志文件夹 shows them too. Never uploaded (crashReporter.start({ uploadToServer: false })).
 */
export function crashDumpDirOf(dataDir: string): string {
  return path.join(logDirOf(dataDir), 'crashes');
}

/** One scrubbed line, without the newline. */
export function formatLogLine(
  at: Date,
  level: LogLevel,
  scope: string,
  message: string,
  details?: unknown,
): string {
  const json = details === undefined ? '' : ` ${JSON.stringify(scrubValue(details))}`;
  const line = `${at.toISOString()} ${level.toUpperCase()} [${scope}] ${message}${json}`;
  // The details were scrubbed by key and value; the whole line goes through the text rules once more.
  return scrubText(line.replace(/\r?\n/g, '\\n'));
}

/** One of formatLogLine's lines read back; the details, if any, stay JSON text at the end of the message. */
export interface LogLineParts {
  at: string;
  level: LogLevel;
  scope: string;
  message: string;
}

// formatLogLine's shape: a message may be empty, a scope never holds `]`.
const LOG_LINE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z) (INFO|WARN|ERROR) \[([^\]\n]+)\](?: (.*))?$/;

/** The parts of a line formatLogLine wrote, or null for any other text. */
export function parseLogLine(line: string): LogLineParts | null {
  const match = LOG_LINE.exec(line);
  if (match === null) return null;
  const [, at = '', level = '', scope = '', message = ''] = match;
  return { at, level: level.toLowerCase() as LogLevel, scope, message };
}

/** Where a child's (or a worker thread's) output goes, line by line (relayOutput). */
export type OutputLineSink = (line: string, stream: 'stdout' | 'stderr') => void;

/**
 * How a host writes into its log what its core or server printed (each line of a child's or a thread's
 * stdout and stderr: relayOutput). A line of ours (consoleLog's, formatLogLine's shape) is written once,
 * with its own level and message, its scope under `<source>/`, and the host's timestamp only; wrapped
 * whole it would carry two timestamps and the relay's level, and an ERROR would read as a WARN. Any other
 * line (a library's output, a stack trace's continuation, the server's JSON lines) goes as it is under
 * `source`: WARN from stderr, INFO from stdout. Both through `log`, which scrubs them: a host never takes a
 * child's word that a line was scrubbed.
 */
export function relayLogLines(log: Log, source: string): OutputLineSink {
  return (line, stream) => {
    const ours = parseLogLine(line);
    if (ours !== null) log[ours.level](`${source}/${ours.scope}`, ours.message);
    else if (stream === 'stderr') log.warn(source, line);
    else log.info(source, line);
  };
}

// electron-log reports a file it cannot write through its default logger's console transport, which we
// never use otherwise: send those complaints to stderr, scrubbed, and not through `console`, which
// installConsoleCapture may be feeding into the very file that failed.
electronLog.transports.console.format = '{text}';
electronLog.transports.console.writeFn = ({ message }) => {
  try {
    process.stderr.write(`${scrubText(formatWithOptions({ colors: false }, ...message.data))}\n`);
  } catch {
    // Logging never fails its caller.
  }
};

let nextLogId = 1;

export function createFileLog(options: FileLogOptions): FileLog {
  const file = path.join(options.dir, LOG_FILE_NAME);
  const maxBytes = Math.max(1, options.maxBytes ?? DEFAULT_LOG_MAX_BYTES);
  const keep = Math.max(1, Math.floor(options.keep ?? DEFAULT_LOG_KEEP));
  const now = options.now ?? (() => new Date());

  const logger = electronLog.create({ logId: `zhicheng-desk-${nextLogId++}` });
  // Only the file: our console sink is consoleLog, and no renderer or remote endpoint takes these lines.
  const transport = logger.transports.file;
  for (const other of Object.values(logger.transports)) {
    // Some are missing outside Electron (ipc).
    if (other && other !== transport) other.level = false;
  }
  transport.level = 'info';
  transport.sync = true;
  transport.maxSize = maxBytes;
  transport.resolvePathFn = () => file;
  // The hook below made the whole line; the transport writes it as it is.
  transport.transforms = [({ data }: { data: unknown[] }) => String(data[0])];
  transport.archiveLogFn = (current) => shiftLogFiles(current.path, keep);
  // The scrubbing sits in front of every transport, so turning one on later cannot bypass it.
  logger.hooks.push((message) => {
    // Every time, not once: someone may have removed the folder since (a cleanup, "clear local data").
    mkdirSync(options.dir, { recursive: true });
    // electron-log measures the file once and then adds what it wrote; after a rotation it measures the
    // file only after the first line is in it and counts that line twice, rotating at half the size. A
    // look at the file before each line keeps the size true (also after the folder was removed). reset() is
    // the library's own (its rotation calls it), missing only from its types; a version without it would
    // bring back the early rotation, not lose a line.
    (transport.getFile() as LogFile & { reset?: () => void }).reset?.();
    const [scope, text, details] = message.data as [string, string, unknown];
    const level = message.level === 'error' || message.level === 'warn' ? message.level : 'info';
    return { ...message, data: [formatLogLine(now(), level, scope, text, details)] };
  });

  const write = (level: LogLevel, scope: string, message: string, details: unknown) => {
    try {
      logger[level](scope, message, details);
    } catch {
      // Nowhere to report it: the console may be captured into this very log.
    }
  };

  return {
    file,
    info: (scope, message, details) => write('info', scope, message, details),
    warn: (scope, message, details) => write('warn', scope, message, details),
    error: (scope, message, details) => write('error', scope, message, details),
  };
}

/**
 * Rotation as electron-log's archiveLogFn: the full file becomes `.1`, `.1` becomes `.2`, and so on, the
 * oldest beyond `keep` files dropped. Windows refuses to rename onto an existing file: the oldest goes
 * first, then each moves up one. A failure leaves the file where it is (it grows, nothing is lost).
 */
export function shiftLogFiles(file: string, keep: number): void {
  try {
    if (keep <= 1) {
      rmSync(file, { force: true });
      return;
    }
    rmSync(`${file}.${keep - 1}`, { force: true });
    for (let index = keep - 2; index >= 1; index -= 1) {
      if (exists(`${file}.${index}`)) renameSync(`${file}.${index}`, `${file}.${index + 1}`);
    }
    renameSync(file, `${file}.1`);
  } catch {
    // As for writing: the log never fails its caller.
  }
}

/** A log that drops everything, for code that takes a Log and a caller that wants none. */
export const nullLog: Log = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Scrubbed lines on stderr (not through console, which installConsoleCapture may be feeding into a log). */
export const consoleLog: Log = {
  info: (scope, message, details) => writeStderr('info', scope, message, details),
  warn: (scope, message, details) => writeStderr('warn', scope, message, details),
  error: (scope, message, details) => writeStderr('error', scope, message, details),
};

function writeStderr(level: LogLevel, scope: string, message: string, details: unknown): void {
  try {
    process.stderr.write(`${formatLogLine(new Date(), level, scope, message, details)}\n`);
  } catch {
    // As for the file: logging never fails its caller.
  }
}

type ConsoleMethod = (...args: unknown[]) => void;

export interface ConsoleCaptureOptions {
  /** Whether console.error/warn still print as before; true when absent. */
  passThrough?: boolean;
  /** The console to patch; the global one when absent. */
  target?: Pick<Console, 'error' | 'warn'>;
}

/**
 * Makes console.error and console.warn also write to `log` (scrubbed), so the existing
 * `console.error('[core] push failed', error)` calls reach the log file unchanged: a leading `[scope]` becomes
 * the scope ('console' otherwise), the rest of the first string the message, further arguments the details.
 * Answers the function that puts the console back.
 */
export function installConsoleCapture(log: Log, options: ConsoleCaptureOptions = {}): () => void {
  const target = options.target ?? console;
  const passThrough = options.passThrough ?? true;
  const originals = { error: target.error, warn: target.warn };
  let busy = false;

  const capture =
    (level: 'error' | 'warn', original: ConsoleMethod): ConsoleMethod =>
    (...args) => {
      if (passThrough) original.apply(target, args);
      if (busy) return;
      busy = true;
      try {
        const entry = consoleEntry(args);
        log[level](entry.scope, entry.message, entry.details);
      } catch {
        // Logging never fails its caller.
      } finally {
        busy = false;
      }
    };

  const patched = {
    error: capture('error', originals.error as ConsoleMethod),
    warn: capture('warn', originals.warn as ConsoleMethod),
  };
  target.error = patched.error;
  target.warn = patched.warn;
  return () => {
    // Only put back what is still ours, so uninstalling out of order does not undo a later capture.
    if (target.error === patched.error) target.error = originals.error;
    if (target.warn === patched.warn) target.warn = originals.warn;
  };
}

const SCOPE_PREFIX = /^\[([^\]\n]{1,40})\]\s*/;
const FORMAT_SPECIFIER = /%[sdifjoOc%]/;

function consoleEntry(args: unknown[]): { scope: string; message: string; details: unknown } {
  const [first, ...rest] = args;
  if (typeof first !== 'string') {
    return { scope: 'console', message: '', details: args.length === 1 ? first : args };
  }
  // console.error('%s failed', name): format as console would, the details are then in the message.
  const text = FORMAT_SPECIFIER.test(first) ? formatWithOptions({ colors: false }, first, ...rest) : first;
  const details = FORMAT_SPECIFIER.test(first) ? [] : rest;
  const scoped = SCOPE_PREFIX.exec(text);
  return {
    scope: scoped?.[1] ?? 'console',
    message: scoped === null ? text : text.slice(scoped[0].length),
    details: details.length === 0 ? undefined : details.length === 1 ? details[0] : details,
  };
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}
