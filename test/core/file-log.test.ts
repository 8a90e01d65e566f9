import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { relayOutput } from '../../src-main/core/embedded-server';
import {
  LOG_FILE_NAME,
  consoleLog,
  createFileLog,
  formatLogLine,
  installConsoleCapture,
  logDirOf,
  nullLog,
  parseLogLine,
  relayLogLines,
  type Log,
} from '../../src-main/core/log/file-log';
import { REDACTED } from '../../src-shared/logging/scrub';

/**
 * The log file in the user data folder (DESIGN.md "Security"): one scrubbed line per entry, rotated by size
 * keeping N files, a console whose errors and warnings reach it, and a disk that fails without failing
 * the caller. Real files in a temp folder.
 */

const ID = '500103198503120020';
const MOBILE = '13800000001';
const AT = new Date('2026-11-27T06:15:08.123Z');

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-log-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function lines(file: string): Promise<string[]> {
  return (await readFile(file, 'utf8')).split('\n').filter((line) => line !== '');
}

describe('formatLogLine', () => {
  it('writes time, level, scope, message and the details as JSON, scrubbed, on one line', () => {
    const line = formatLogLine(AT, 'info', 'sync', `pulled page\nfor ${ID}`, { count: 3, mobile: MOBILE });
    expect(line).toBe(
      '2026-11-27T06:15:08.123Z INFO [sync] pulled page\\nfor 5****************0 {"count":3,"mobile":"138****0001"}',
    );
    expect(formatLogLine(AT, 'error', 'ipc', 'call failed')).toBe(
      '2026-11-27T06:15:08.123Z ERROR [ipc] call failed',
    );
  });
});

describe('parseLogLine', () => {
  it("reads formatLogLine's lines back, and nothing else", () => {
    const CHILD_AT = new Date('2026-12-06T10:00:00.000Z');
    expect(
      parseLogLine(formatLogLine(CHILD_AT, 'error', 'failure', 'uncaught exception', { code: 1 })),
    ).toEqual({
      at: '2026-12-06T10:00:00.000Z',
      level: 'error',
      scope: 'failure',
      message: 'uncaught exception {"code":1}',
    });
    expect(parseLogLine(formatLogLine(CHILD_AT, 'info', 'sync', ''))).toMatchObject({
      level: 'info',
      message: '',
    });
    for (const other of [
      '{"level":40,"msg":"slow query"}',
      'WARN [core] no timestamp',
      '2026-12-06T10:00:00.000Z DEBUG [core] not one of our levels',
      '2026-12-06T10:00:00.000Z ERROR core without brackets',
      '    at main (file:///app/core.js:1:2)',
    ])
      expect(parseLogLine(other)).toBeNull();
  });
});

describe('relayLogLines', () => {
  const CHILD_AT = new Date('2026-12-06T10:00:00.000Z');

  it("writes a child's own line once, with its level, its scope under the source and the host's timestamp", async () => {
    const log = createFileLog({ dir, now: () => AT });
    const relay = relayLogLines(log, 'core');
    relay(formatLogLine(CHILD_AT, 'error', 'failure', 'uncaught exception', { process: 'core' }), 'stderr');
    relay(formatLogLine(CHILD_AT, 'info', 'sync', 'pulled 3'), 'stderr');
    relay(formatLogLine(CHILD_AT, 'warn', 'outbox', 'retrying'), 'stdout');
    expect(await lines(log.file)).toEqual([
      '2026-11-27T06:15:08.123Z ERROR [core/failure] uncaught exception {"process":"core"}',
      '2026-11-27T06:15:08.123Z INFO [core/sync] pulled 3',
      '2026-11-27T06:15:08.123Z WARN [core/outbox] retrying',
    ]);
  });

  it('relays any other line as it is: WARN from stderr, INFO from stdout', async () => {
    const log = createFileLog({ dir, now: () => AT });
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    // As Electron's main and the web host wire a child: relayOutput line by line into relayLogLines.
    relayOutput({ stdout, stderr }, relayLogLines(log, 'server'));
    stderr.write('TypeError: boom\n    at main (file:///app/server.js:1:2)\n');
    await vi.waitFor(async () => expect(await lines(log.file)).toHaveLength(2));
    stdout.write('{"level":40,"msg":"slow query"}\n');
    await vi.waitFor(async () => expect(await lines(log.file)).toHaveLength(3));
    expect(await lines(log.file)).toEqual([
      '2026-11-27T06:15:08.123Z WARN [server] TypeError: boom',
      '2026-11-27T06:15:08.123Z WARN [server]     at main (file:///app/server.js:1:2)',
      '2026-11-27T06:15:08.123Z INFO [server] {"level":40,"msg":"slow query"}',
    ]);
  });

  it('scrubs what it relays, whether or not the child had', async () => {
    const log = createFileLog({ dir, now: () => AT });
    const relay = relayLogLines(log, 'core');
    // A line of our shape that was never scrubbed: the host does not take the child's word for it.
    relay(
      `2026-12-06T10:00:00.000Z ERROR [failure] 保存失败 ${ID} 手机 ${MOBILE} password=Unit@2026`,
      'stderr',
    );
    relay(`raw library output for ${ID}`, 'stderr');
    const written = await lines(log.file);
    expect(written).toHaveLength(2);
    expect(written[0]).toMatch(
      /^2026-11-27T06:15:08\.123Z ERROR \[core\/failure\] 保存失败 5\*{16}0 手机 138\*{4}0001 /,
    );
    expect(written[1]).toBe('2026-11-27T06:15:08.123Z WARN [core] raw library output for 5****************0');
    for (const line of written)
      for (const secret of [ID, MOBILE, 'Unit@2026']) expect(line).not.toContain(secret);
  });
});

describe('createFileLog', () => {
  it('creates <dataDir>/logs on the first write and appends scrubbed lines', async () => {
    const logDir = logDirOf(path.join(dir, 'data'));
    expect(logDir).toBe(path.join(dir, 'data', 'logs'));
    const log = createFileLog({ dir: logDir, now: () => AT });
    expect(log.file).toBe(path.join(logDir, LOG_FILE_NAME));
    await expect(readdir(logDir)).rejects.toThrow();

    log.info('session', 'login', { identifier: ID, password: 'Unit@2026' });
    log.warn('sync', `offline, phone ${MOBILE}`);
    log.error('ipc', 'call failed', new Error(`token=abc123 for ${ID}`));

    const written = await lines(log.file);
    expect(written).toHaveLength(3);
    expect(written[0]).toBe(
      `2026-11-27T06:15:08.123Z INFO [session] login {"identifier":"5****************0","password":"${REDACTED}"}`,
    );
    expect(written[1]).toBe('2026-11-27T06:15:08.123Z WARN [sync] offline, phone 138****0001');
    expect(written[2]).toMatch(/^2026-11-27T06:15:08\.123Z ERROR \[ipc\] call failed \{"name":"Error"/);
    const text = written.join('\n');
    for (const secret of [ID, MOBILE, 'Unit@2026', 'abc123']) expect(text).not.toContain(secret);
  });

  it('rotates (electron-log) once the file has passed the size limit, shifting .1 to .2 and keeping N files', async () => {
    const log = createFileLog({ dir, maxBytes: 250, keep: 3, now: () => AT });
    // Each line is 100 bytes with its newline. The library rotates before a line that finds the file larger
    // than the limit: 100, 200 and 300 bytes are written, the fourth line starts a new file.
    const entry = (n: number) => {
      const prefix = `2026-11-27T06:15:08.123Z INFO [t] #${String(n).padStart(3, '0')} `;
      return 'x'.repeat(99 - prefix.length);
    };
    const write = (n: number) => log.info('t', `#${String(n).padStart(3, '0')} ${entry(n)}`);
    for (let n = 1; n <= 3; n += 1) write(n);
    expect(await readdir(dir)).toEqual([LOG_FILE_NAME]);
    expect((await readFile(log.file)).byteLength).toBe(300);

    write(4);
    expect((await readdir(dir)).sort()).toEqual([LOG_FILE_NAME, `${LOG_FILE_NAME}.1`]);
    expect(await lines(log.file)).toHaveLength(1);

    for (let n = 5; n <= 12; n += 1) write(n);
    // 12 lines, three per file: 010-012 in the current file, 007-009 in .1, 004-006 in .2; 001-003 are gone.
    expect((await readdir(dir)).sort()).toEqual([LOG_FILE_NAME, `${LOG_FILE_NAME}.1`, `${LOG_FILE_NAME}.2`]);
    const numbers = async (file: string) => (await lines(file)).map((line) => /#(\d{3})/.exec(line)?.[1]);
    expect(await numbers(log.file)).toEqual(['010', '011', '012']);
    expect(await numbers(`${log.file}.1`)).toEqual(['007', '008', '009']);
    expect(await numbers(`${log.file}.2`)).toEqual(['004', '005', '006']);
  });

  it('defaults to 1 MB and 5 files', async () => {
    const log = createFileLog({ dir });
    const big = 'y'.repeat(100_000);
    for (let n = 0; n < 60; n += 1) log.info('t', big);
    const files = (await readdir(dir)).sort();
    expect(files).toEqual([LOG_FILE_NAME, ...[1, 2, 3, 4].map((n) => `${LOG_FILE_NAME}.${n}`)]);
    // At most the limit and the one line that passed it.
    const rotated = (await readFile(`${log.file}.1`)).byteLength;
    expect(rotated).toBeGreaterThan(1024 * 1024);
    expect(rotated).toBeLessThanOrEqual(1024 * 1024 + 100_100);
  });

  it('never loses an entry larger than the limit: it is written whole, and the next line starts a new file', async () => {
    const log = createFileLog({ dir, maxBytes: 50, keep: 2 });
    log.info('t', 'first');
    log.info('t', 'z'.repeat(200));
    expect(await lines(log.file)).toEqual([
      expect.stringContaining('first'),
      expect.stringContaining('z'.repeat(200)),
    ]);
    log.info('t', 'third');
    expect(await lines(log.file)).toEqual([expect.stringContaining('third')]);
    expect(await lines(`${log.file}.1`)).toHaveLength(2);
  });

  it('never throws when the disk fails: folder not creatable, file not writable, details unloggable', async () => {
    const blocker = path.join(dir, 'not-a-folder');
    await writeFile(blocker, 'a file where the log folder should be');
    const blocked = createFileLog({ dir: path.join(blocker, 'logs') });
    expect(() => blocked.error('t', 'lost')).not.toThrow();

    // The log file's name taken by a folder: the append fails (EISDIR), and so does the rotation.
    const occupied = createFileLog({ dir });
    await mkdir(occupied.file);
    expect(() => occupied.warn('t', 'lost too', { n: 1 })).not.toThrow();
    const rotating = createFileLog({ dir, maxBytes: 10, keep: 1 });
    expect(() => rotating.warn('t', 'lost as well')).not.toThrow();
    expect(await readdir(occupied.file)).toEqual([]);

    const hostile = {
      get boom(): string {
        throw new Error('getter');
      },
    };
    const ok = createFileLog({ dir: path.join(dir, 'ok') });
    expect(() => ok.info('t', 'hostile', hostile)).not.toThrow();
    expect(await lines(ok.file)).toEqual([expect.stringContaining('"[unloggable value]"')]);
  });

  it('creates the folder again when it was removed after the first write', async () => {
    const logDir = path.join(dir, 'logs');
    const log = createFileLog({ dir: logDir });
    log.info('t', 'one');
    await rm(logDir, { recursive: true });
    log.info('t', 'two');
    expect(await lines(log.file)).toEqual([expect.stringContaining('two')]);
  });
});

describe('installConsoleCapture', () => {
  function recordingLog(): Log & { entries: [string, string, string, unknown][] } {
    const entries: [string, string, string, unknown][] = [];
    return {
      entries,
      info: (scope, message, details) => entries.push(['info', scope, message, details]),
      warn: (scope, message, details) => entries.push(['warn', scope, message, details]),
      error: (scope, message, details) => entries.push(['error', scope, message, details]),
    };
  }

  function fakeConsole() {
    const printed: unknown[][] = [];
    return {
      printed,
      error: (...args: unknown[]) => void printed.push(['error', ...args]),
      warn: (...args: unknown[]) => void printed.push(['warn', ...args]),
    };
  }

  it('sends console.error and console.warn to the log as well, with [scope] as the scope', () => {
    const target = fakeConsole();
    const log = recordingLog();
    const uninstall = installConsoleCapture(log, { target });
    const failure = new Error('push failed');
    target.error('[core] push failed', failure);
    target.warn('[embedded-server] restarting', 1, 'x');
    target.error('no scope here');
    target.error({ plain: true });
    target.warn('%s of %d', 'two', 3);
    expect(log.entries).toEqual([
      ['error', 'core', 'push failed', failure],
      ['warn', 'embedded-server', 'restarting', [1, 'x']],
      ['error', 'console', 'no scope here', undefined],
      ['error', 'console', '', { plain: true }],
      ['warn', 'console', 'two of 3', undefined],
    ]);
    // Still printed as before.
    expect(target.printed).toHaveLength(5);
    expect(target.printed[0]).toEqual(['error', '[core] push failed', failure]);

    uninstall();
    target.error('[core] after uninstall');
    expect(log.entries).toHaveLength(5);
    expect(target.printed).toHaveLength(6);
  });

  it('writes scrubbed lines to the file, and can stay silent on the console', async () => {
    const target = fakeConsole();
    const log = createFileLog({ dir, now: () => AT });
    const uninstall = installConsoleCapture(log, { target, passThrough: false });
    target.error('[core] unexpected failure', new Error(`detail ${ID} failed, call ${MOBILE}`), {
      input: { password: 'Unit@2026' },
    });
    uninstall();
    expect(target.printed).toEqual([]);
    const [line] = await lines(log.file);
    expect(line).toMatch(/^2026-11-27T06:15:08\.123Z ERROR \[core\] unexpected failure \[\{"name":"Error"/);
    expect(line).toContain('5****************0');
    expect(line).toContain('138****0001');
    expect(line).toContain(`"password":"${REDACTED}"`);
    for (const secret of [ID, MOBILE, 'Unit@2026']) expect(line).not.toContain(secret);
  });

  it('patches the global console by default and restores it', () => {
    const { error, warn } = console;
    const uninstall = installConsoleCapture(nullLog, { passThrough: false });
    expect(console.error).not.toBe(error);
    console.warn('[test] swallowed by nullLog');
    uninstall();
    expect(console.error).toBe(error);
    expect(console.warn).toBe(warn);
  });

  it('does not loop when the log itself writes to the console', () => {
    const target = fakeConsole();
    let calls = 0;
    const echoing: Log = {
      info: () => undefined,
      warn: () => undefined,
      error: (scope, message) => {
        calls += 1;
        target.error(`[echo] ${scope} ${message}`);
      },
    };
    const uninstall = installConsoleCapture(echoing, { target });
    target.error('[core] once');
    uninstall();
    expect(calls).toBe(1);
    expect(target.printed).toHaveLength(2);
  });
});

describe('consoleLog', () => {
  it('writes scrubbed lines to stderr without going through console', () => {
    const writes: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => {
      writes.push(chunk);
      return true;
    }) as typeof process.stderr.write;
    try {
      consoleLog.warn('session', `token=abc for ${MOBILE}`);
    } finally {
      process.stderr.write = original;
    }
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(new RegExp(`WARN \\[session\\] token=\\[已隐藏\\] for 138\\*{4}0001\\n$`));
  });
});
