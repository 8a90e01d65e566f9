import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchAppCall } from '../../src-main/core/app-api/dispatch';
import { createAppCore } from '../../src-main/core/app-core';
import { APP_VERSION } from '../../src-main/core/app-version';
import { logChildProcessGone, logRenderProcessGone } from '../../src-main/core/log/failure-capture';
import { createFileLog, LOG_FILE_NAME } from '../../src-main/core/log/file-log';
import { DEMO_ACCOUNTS } from '../../src-server/demo/accounts';
import { rendererErrorReport } from '../../src-shared/contracts';
import packageJson from '../../package.json' with { type: 'json' };

/**
 * Each kind of failure reaches the log file, scrubbed, with the context to act on it (version, process,
 * the last app method): an unhandled rejection and an uncaught exception in a real Node process that
 * installs the capture as the core does, a window's error reported through the app API, and Electron's
 * render-process-gone and child-process-gone as main hands them over. The errors carry a demo person's
 * real ID number, mobile and password (the seed's), which must not reach the file.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const child = path.join(root, 'test/support/failure-child.ts');
const person = DEMO_ACCOUNTS[0]!;
const SECRETS = [person.idNumber, person.mobile, person.password];
const ERROR_TEXT = `保存失败:${person.name}(${person.idNumber}),手机 ${person.mobile},password=${person.password}`;

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-failure-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function logLines(): Promise<string[]> {
  const text = await readFile(path.join(dir, LOG_FILE_NAME), 'utf8');
  return text.split('\n').filter((line) => line !== '');
}

function expectScrubbed(line: string): void {
  for (const secret of SECRETS) expect(line).not.toContain(secret);
  // What is left of the ID number is its masked form, so the line still says which kind of value it was.
  expect(line).toContain('5****************0');
}

function runChild(mode: 'rejection' | 'exception') {
  const process_ = spawn(process.execPath, ['--import', 'tsx', child, dir, mode, ERROR_TEXT], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  process_.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stderr: string }>((resolve) =>
    process_.once('exit', (code) => resolve({ code, stderr })),
  );
}

describe('process failures in a real Node process', () => {
  it('logs an unhandled rejection with the context, scrubbed, and the process goes on to end normally', async () => {
    const { code } = await runChild('rejection');
    expect(code).toBe(0);
    const lines = await logLines();
    const line = lines.find((entry) => entry.includes('[failure] unhandled promise rejection'));
    expect(line).toBeDefined();
    expect(line).toMatch(/ ERROR \[failure\] /);
    expect(line).toContain(`"process":"core"`);
    expect(line).toContain(`"version":"${packageJson.version}"`);
    expect(line).toContain(`"lastAppMethod":"listApplications"`);
    expect(line).toContain(`"os":"${os.platform()} ${os.release()}`);
    expectScrubbed(line!);
  });

  it('logs an uncaught exception with the context, scrubbed, and leaves Node ending the process as before', async () => {
    const { code, stderr } = await runChild('exception');
    // Node's own handling still runs: the process fails and prints the error.
    expect(code).toBe(1);
    expect(stderr).toContain('保存失败');
    const line = (await logLines()).find((entry) => entry.includes('[failure] uncaught exception'));
    expect(line).toBeDefined();
    expect(line).toContain(`"process":"core"`);
    expect(line).toContain(`"version":"${APP_VERSION}"`);
    expect(line).toContain(`"lastAppMethod":"listApplications"`);
    expectScrubbed(line!);
  });
});

describe('a window error reported through the app API', () => {
  it('is validated, written by the core with the last method the window called, and scrubbed', async () => {
    const log = createFileLog({ dir });
    const core = createAppCore({
      serverUrl: 'http://127.0.0.1:1',
      mode: 'remote',
      dataDir: path.join(dir, 'data'),
      log,
    });
    try {
      const settings = await dispatchAppCall(core.handlers, 'getAppSettings', undefined);
      expect(settings.ok).toBe(true);
      const error = new TypeError(ERROR_TEXT);
      const report = rendererErrorReport('boundary', error, {
        componentStack: '\n    at ReviewDialog\n    at Home',
        screen: '/#/review',
      });
      expect(await dispatchAppCall(core.handlers, 'reportRendererError', report)).toEqual({
        ok: true,
        value: { recorded: true },
      });
      // Oversized or unknown fields are refused at the gate, as for every method.
      const oversized = { ...report, message: 'x'.repeat(2_001) };
      expect((await dispatchAppCall(core.handlers, 'reportRendererError', oversized)).ok).toBe(false);
      expect((await dispatchAppCall(core.handlers, 'reportRendererError', { ...report, extra: 1 })).ok).toBe(
        false,
      );
    } finally {
      await core.close();
    }
    const lines = await logLines();
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatch(/ ERROR \[failure\] renderer boundary /);
    expect(line).toContain(`"process":"renderer"`);
    expect(line).toContain(`"version":"${APP_VERSION}"`);
    // The report itself is not "the last thing the user did".
    expect(line).toContain(`"lastAppMethod":"getAppSettings"`);
    expect(line).toContain('ReviewDialog');
    expect(line).toContain('TypeError');
    expectScrubbed(line!);
  });

  it('cuts what a window sends to the limits the contract accepts', () => {
    const report = rendererErrorReport('unhandledrejection', { reason: 'y'.repeat(10_000) });
    expect(report.message.length).toBe(2_000);
    expect(report.name).toBe('object');
    expect(report.stack).toBeNull();
  });
});

describe("Electron's gone events, as main hands them to the log", () => {
  it('writes a crashed renderer and a killed utility process with the context; a clean exit is no failure', async () => {
    const log = createFileLog({ dir });
    logRenderProcessGone(log, { reason: 'crashed', exitCode: 133 });
    logRenderProcessGone(log, { reason: 'clean-exit', exitCode: 0 });
    logChildProcessGone(log, {
      type: 'Utility',
      reason: 'oom',
      exitCode: -536870904,
      serviceName: 'ZhichengDesk core',
      name: 'ZhichengDesk core',
    });
    logChildProcessGone(log, { type: 'GPU', reason: 'clean-exit', exitCode: 0 });
    const lines = await logLines();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/ ERROR \[failure\] renderer process gone /);
    expect(lines[0]).toContain('"reason":"crashed","exitCode":133');
    expect(lines[0]).toContain(`"process":"renderer"`);
    expect(lines[1]).toMatch(/ ERROR \[failure\] child process gone: Utility /);
    expect(lines[1]).toContain('"serviceName":"ZhichengDesk core"');
    expect(lines[1]).toContain('"reason":"oom"');
    for (const line of lines) {
      expect(line).toContain(`"version":"${APP_VERSION}"`);
      expect(line).toContain('"lastAppMethod":');
    }
  });
});
