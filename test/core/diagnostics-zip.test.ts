import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchAppCall } from '../../src-main/core/app-api/dispatch';
import { createAppCore } from '../../src-main/core/app-core';
import { APP_VERSION } from '../../src-main/core/app-version';
import { openApplicationCache, type ApplicationCache } from '../../src-main/core/cache/application-cache';
import { applicationCacheFile } from '../../src-main/core/cache/cache-location';
import { knownPersonNames } from '../../src-main/core/cache/known-person-names';
import {
  buildDiagnosticsZip,
  diagnosticsFileName,
  DIAGNOSTICS_FILE_NAME,
} from '../../src-main/core/log/diagnostics-zip';
import { logFailure } from '../../src-main/core/log/failure-capture';
import { crashDumpDirOf, createFileLog, LOG_FILE_NAME, logDirOf } from '../../src-main/core/log/file-log';
import { AppSettingsStore, USER_SETTINGS_FILE } from '../../src-main/core/settings/app-settings-store';
import { MemoryTokenVault } from '../../src-main/core/session/token-vault';
import { DEMO_ACCOUNTS } from '../../src-server/demo/accounts';
import { DEFAULT_APP_SETTINGS } from '../../src-shared/contracts';
import type { ApplicationRecord } from '../../src-shared/contracts/applications';
import { maskName } from '../../src-shared/domain/masking';
import { listCached } from '../support/cached-list';
import { startDemoServer } from '../support/demo-server';

/**
 * 帮助 → 导出诊断信息: the zip holds the logs and diagnostics.json with the version, and no personal data of
 * the demo people, even from a log file written before the scrubbing existed and from settings that carry
 * a token, and without the names of the people the caches on this PC hold or of the signed-in user.
 * Real files in a temp data folder, real cache files, the zip read back with fflate.
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

/** Each name occurs nowhere in the zip, and its masked form (as the lists show it) does. */
function expectNamesHidden(files: Record<string, string>, names: readonly string[]): void {
  const all = Object.values(files).join('\n');
  for (const name of names) {
    expect(all, name).not.toContain(name);
    expect(all, name).toContain(maskName(name));
  }
}

/** A cached application of `applicantName`, acted on and commented on by `reviewerName`. */
function cachedRecord(n: number, applicantName: string, reviewerName: string): ApplicationRecord {
  const at = '2026-03-01T08:00:00.000Z';
  return {
    id: `app-${n}`,
    applicationNo: `2026${String(n).padStart(6, '0')}`,
    year: '2026',
    state: 'unitReview',
    version: 2,
    submitCount: 1,
    unitId: 'unit-hospital',
    unitName: '重庆市示例人民医院',
    departmentId: 'dept-health',
    applicantName,
    idNumber: `50010119900101${String(n).padStart(4, '0')}`,
    qualification: '卫生/内科学/主任医师',
    applicationType: '正常晋升',
    submittedAt: at,
    updatedAt: at,
    publicity: null,
    contentJson: JSON.stringify({ basicInfo: { name: applicantName } }),
    attachments: [],
    history: [
      {
        seq: 1,
        at,
        action: 'submit',
        fromState: 'draft',
        toState: 'unitReview',
        actorName: applicantName,
        comment: null,
      },
      {
        seq: 2,
        at,
        action: 'unitReturn',
        fromState: 'unitReview',
        toState: 'unitReturned',
        actorName: reviewerName,
        comment: '请补充',
      },
    ],
    comments: [
      {
        round: 1,
        target: { sectionKey: 'basicInfo', rowIndex: null, fieldKey: null },
        text: '请补充',
        authorName: reviewerName,
        action: 'unitReturn',
        at,
      },
    ],
    previousContentJson: null,
  };
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

  it('hides the names of everyone in every cache on the PC: applicants, actors, comment authors', async () => {
    await fillLogs();
    // Two accounts on two servers: the demo accounts reviewed, the applicants applied. 欧阳娜 beside
    // 欧阳娜娜: the longer name is masked whole.
    const applicants = ['王小红', '欧阳娜娜', '欧阳娜', '张伟'];
    const reviewers = DEMO_ACCOUNTS.map((person) => person.name);
    const first = await openApplicationCache(applicationCacheFile(dataDir, 'https://zc.example.cn', 'u-1'));
    const second = await openApplicationCache(applicationCacheFile(dataDir, 'embedded', 'u-2'));
    const caches: ApplicationCache[] = [first, second];
    try {
      const records = applicants.map((name, i) =>
        cachedRecord(i + 1, name, reviewers[i % reviewers.length]!),
      );
      const moreRecords = reviewers.map((name, i) => cachedRecord(100 + i, '赵六', name));
      first.sync.applyPage({
        kind: 'changes',
        applications: records,
        removedIds: [],
        cursor: 'c1',
        remaining: 0,
      });
      second.sync.applyPage({
        kind: 'changes',
        applications: moreRecords,
        removedIds: [],
        cursor: 'c1',
        remaining: 0,
      });
      // The second account signed out (its file closed); the first is still open, as the core holds it.
      second.close();
      const everyone = [...applicants, ...reviewers, '赵六'];
      await appendFile(
        path.join(logDirOf(dataDir), LOG_FILE_NAME),
        `${everyone.map((name) => `打开了${name}的申报书`).join('\n')}\n周一同步\n`,
      );

      const names = await knownPersonNames(dataDir);
      expect(names.sort()).toEqual([...new Set(everyone)].sort());
      // A one-character name is not hidden: masking every 周 would hide the text, not the person.
      const zip = await buildDiagnosticsZip({
        dataDir,
        settings: null,
        role: 'main',
        alsoHide: ['周'],
      });
      const files = unzipped(zip.bytes);
      expectNamesHidden(files, everyone);
      expect(files[`logs/${LOG_FILE_NAME}`]).toContain('打开了***娜的申报书');
      expect(files[`logs/${LOG_FILE_NAME}`]).toContain('周一同步');
      expectNoPersonalData(files);
    } finally {
      for (const cache of caches) cache.close();
    }
  });

  it('from the signed-in core hides the user and the applicants the sync cached', async () => {
    const server = await startDemoServer();
    const core = createAppCore({
      serverUrl: server.url,
      mode: 'remote',
      dataDir,
      tokenVault: new MemoryTokenVault(),
      syncIntervalMs: 3_600_000,
      offlineProbeMs: 3_600_000,
    });
    try {
      // Renamed since the demo's history was written: only the session knows the name now, no cache does.
      const unitAdmin = DEMO_ACCOUNTS.find((person) => person.account === 'unitadmin')!;
      const newName = '司马相如';
      await server.platform.db
        .updateTable('users')
        .set({ name: newName })
        .where('account', '=', unitAdmin.account)
        .execute();
      const login = await dispatchAppCall(core.handlers, 'login', {
        identifier: unitAdmin.account,
        password: unitAdmin.password,
      });
      if (!login.ok) throw new Error(login.error.message);
      await core.workspace()?.syncAndWait();
      const unitId = core.workspace()?.user.memberships[0]?.unitId ?? '';
      const list = await listCached(core, unitId);
      expect(list.rows.length).toBeGreaterThan(0);
      const applicants = [...new Set(list.rows.map((row) => row.applicantName))];
      expect(await knownPersonNames(dataDir)).not.toContain(newName);
      await fillLogs();
      await appendFile(
        path.join(logDirOf(dataDir), LOG_FILE_NAME),
        `${[newName, ...applicants].map((name) => `${name}打开了申报书`).join('\n')}\n`,
      );

      const result = await dispatchAppCall(core.handlers, 'exportDiagnostics', undefined);
      if (!result.ok) throw new Error(result.error.message);
      const files = unzipped(Buffer.from((result.value as { zipBase64: string }).zipBase64, 'base64'));
      // 李明 too: the demo's history in the cache names him (fillLogs wrote every demo account's name).
      expectNamesHidden(files, [newName, unitAdmin.name, ...applicants]);
      expectNoPersonalData(files);
    } finally {
      await core.close();
      await server.close();
    }
  });
});
