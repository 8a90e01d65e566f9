import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchAppCall } from '../../src-main/core/app-api/dispatch';
import { createAppCore } from '../../src-main/core/app-core';
import { APP_VERSION } from '../../src-main/core/app-version';
import {
  buildDiagnosticsZip,
  diagnosticsFileName,
  DIAGNOSTICS_FILE_NAME,
} from '../../src-main/core/log/diagnostics-zip';
import { logFailure } from '../../src-main/core/log/failure-capture';
import { crashDumpDirOf, createFileLog, LOG_FILE_NAME, logDirOf } from '../../src-main/core/log/file-log';
import { AppSettingsStore, USER_SETTINGS_FILE } from '../../src-main/core/settings/app-settings-store';
import { DEMO_ACCOUNTS } from '../../src-server/demo/accounts';
import { DEFAULT_APP_SETTINGS } from '../../src-shared/contracts';

/**
 * 帮助 → 导出诊断信息: the zip holds the logs and diagnostics.json with the version, and no personal data of
 * the demo people, even from a log file written before the scrubbing existed and from settings that carry
 * a token. Real files in a temp data folder, the zip read back with fflate.
 */

const SESSION_TOKEN = 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00';
const SECRETS = DEMO_ACCOUNTS.flatMap((person) => [person.idNumber, person.mobile, person.password]);

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-diagnostics-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Every demo person's ID number, mobile and password in the log, as failures would put them there. */
async function fillLogs(): Promise<void> {
  const log = createFileLog({ dir: logDirOf(dataDir) });
  for (const person of DEMO_ACCOUNTS) {
    logFailure(log, 'core', 'uncaught exception', {
      error: new Error(
        `${person.name}${person.idNumber} 手机${person.mobile} 登录失败 password=${person.password}`,
      ),
      login: { identifier: person.idNumber, password: person.password },
    });
  }
  // A rotated file from before the log was scrubbed: the zip scrubs it on the way in.
  const older = DEMO_ACCOUNTS.map(
    (person) => `2026-01-01T00:00:00.000Z ERROR [core] ${person.name}(${person.idNumber}) ${person.mobile}`,
  ).join('\n');
  await writeFile(path.join(logDirOf(dataDir), `${LOG_FILE_NAME}.1`), `${older}\n`);
  // A minidump is listed by name, never packed: it is a copy of a process's memory.
  await mkdir(path.join(crashDumpDirOf(dataDir), 'completed'), { recursive: true });
  await writeFile(
    path.join(crashDumpDirOf(dataDir), 'completed', 'a1b2.dmp'),
    `memory ${DEMO_ACCOUNTS[0]!.idNumber}`,
  );
}

function unzipped(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
}

function expectNoPersonalData(files: Record<string, string>): void {
  const all = Object.entries(files)
    .map(([name, text]) => `${name}\n${text}`)
    .join('\n');
  for (const secret of [...SECRETS, SESSION_TOKEN]) expect(all).not.toContain(secret);
}

describe('the diagnostic zip', () => {
  it('holds the scrubbed logs and diagnostics.json, settings without secrets, dumps by name only', async () => {
    await fillLogs();
    const settings = {
      settings: { server: { mode: 'remote', url: 'https://zc.example.cn' }, syncIntervalMinutes: 5 },
      sessionToken: SESSION_TOKEN,
      proxy: { url: 'http://proxy.local:8080', authToken: SESSION_TOKEN, password: 'Proxy#2026' },
    };
    const at = new Date(2026, 11, 6, 9, 5);
    const zip = await buildDiagnosticsZip({ dataDir, settings, role: 'core', now: at });
    expect(zip.fileName).toBe('重庆职称审核-诊断信息-20261206-0905.zip');
    expect(diagnosticsFileName(new Date(2027, 0, 31, 23, 59))).toBe(
      '重庆职称审核-诊断信息-20270131-2359.zip',
    );

    const files = unzipped(zip.bytes);
    expect(Object.keys(files).sort()).toEqual([
      DIAGNOSTICS_FILE_NAME,
      `logs/${LOG_FILE_NAME}`,
      `logs/${LOG_FILE_NAME}.1`,
    ]);
    expect(files[`logs/${LOG_FILE_NAME}`]).toContain('uncaught exception');
    expect(files[`logs/${LOG_FILE_NAME}.1`]).toContain('5****************0');
    expectNoPersonalData(files);

    const diagnostics = JSON.parse(files[DIAGNOSTICS_FILE_NAME]!) as {
      app: { version: string };
      os: { platform: string };
      versions: { node: string; electron: string | null };
      dataFolder: { name: string; bytes: number; files: number }[];
      crashDumps: { name: string; bytes: number }[];
      settings: Record<string, unknown>;
    };
    expect(diagnostics.app.version).toBe(APP_VERSION);
    expect(diagnostics.os.platform).toBe(os.platform());
    expect(diagnostics.versions.node).toBe(process.versions.node);
    expect(diagnostics.versions.electron).toBeNull();
    const logs = diagnostics.dataFolder.find((entry) => entry.name === 'logs');
    expect(logs?.files).toBe(3);
    expect(logs?.bytes).toBeGreaterThan(0);
    expect(diagnostics.crashDumps).toEqual([
      { name: path.join('completed', 'a1b2.dmp'), bytes: expect.any(Number) as number },
    ]);
    expect(diagnostics.settings).toEqual({
      settings: { server: { mode: 'remote', url: 'https://zc.example.cn' }, syncIntervalMinutes: 5 },
      proxy: { url: 'http://proxy.local:8080' },
    });
  });

  it('comes from the core through the app API, with the settings the core holds', async () => {
    await fillLogs();
    // The user's own settings.json (the store refuses a file with fields it does not know, a token
    // included, so the stripping of secrets is shown with a richer object in the test above).
    await writeFile(
      path.join(dataDir, USER_SETTINGS_FILE),
      JSON.stringify({ ...DEFAULT_APP_SETTINGS, syncIntervalMinutes: 15 }),
    );
    const core = createAppCore({
      serverUrl: 'http://127.0.0.1:1',
      mode: 'remote',
      dataDir,
      settings: new AppSettingsStore({ dataDir }),
    });
    try {
      const result = await dispatchAppCall(core.handlers, 'exportDiagnostics', undefined);
      if (!result.ok) throw new Error(result.error.message);
      const value = result.value as { fileName: string; zipBase64: string };
      expect(value.fileName).toMatch(/^重庆职称审核-诊断信息-\d{8}-\d{4}\.zip$/);
      const files = unzipped(Buffer.from(value.zipBase64, 'base64'));
      expect(files[`logs/${LOG_FILE_NAME}`]).toContain('"process":"core"');
      const diagnostics = JSON.parse(files[DIAGNOSTICS_FILE_NAME]!) as {
        app: { version: string };
        settings: { settings: { syncIntervalMinutes: number } };
      };
      expect(diagnostics.app.version).toBe(APP_VERSION);
      expect(diagnostics.settings.settings.syncIntervalMinutes).toBe(15);
      expectNoPersonalData(files);
    } finally {
      await core.close();
    }
  });
});
