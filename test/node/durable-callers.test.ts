import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_APP_SETTINGS } from '../../src-shared/contracts';
import { AppSettingsStore } from '../../src-main/core/settings/app-settings-store';
import { PrintSettingsStore } from '../../src-main/core/settings/print-settings-store';
import { SafeStorageTokenVault, type SafeStorageLike } from '../../src-main/electron/safe-storage-vault';
import { windowStateFile, writeWindowState } from '../../src-main/electron/window-state';
import { createServer } from '../../src-server/app';
import { directoryFileStorage } from '../../src-server/files/storage';
import { createAppCore } from '../../src-main/core/app-core';
import { STALE_TEMPORARY_MS } from '../../src-node/fs/durable-write';
import { watchFileSyncs } from '../support/file-syncs';

/**
 * Every file the desktop and the server replace goes through the durable write: the new content is
 * flushed before it takes the file's name, and the folder after, so a power cut cannot leave the
 * settings, the window state, the session token or an uploaded scan empty or missing.
 */

let dir: string;
let watch: ReturnType<typeof watchFileSyncs>;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zd-durable-callers-'));
  watch = watchFileSyncs();
});
afterEach(async () => {
  watch.restore();
  await rm(dir, { recursive: true, force: true });
});

/** The target's temporary file was flushed, then the target's folder, and nothing temporary is left. */
async function expectWrittenDurably(file: string) {
  const folder = path.dirname(file);
  const temporary = watch.synced.findIndex(
    (synced) => synced.startsWith(`${file}.`) && synced.endsWith('.tmp'),
  );
  expect(temporary, `no flush of a temporary file for ${file}`).toBeGreaterThanOrEqual(0);
  expect(watch.synced.indexOf(folder, temporary)).toBeGreaterThan(temporary);
  expect((await readdir(folder)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
}

const platform = process.platform;
const skipOnWindows = platform === 'win32';

describe.skipIf(skipOnWindows)('durable writes of the desktop and the server', () => {
  it('the 设置 screen’s settings.json', async () => {
    const store = new AppSettingsStore({ dataDir: dir, env: {} });
    await store.save({ ...DEFAULT_APP_SETTINGS, syncIntervalMinutes: 30 });
    await expectWrittenDurably(path.join(dir, 'settings.json'));
  });

  it('the 公示表’s print-settings.json', async () => {
    const settings = { supervisingPhone: '院人事科 023-63891234', publicityPlace: '门诊楼一楼公示栏' };
    await new PrintSettingsStore(dir).save(settings);
    await expectWrittenDurably(path.join(dir, 'print-settings.json'));
    expect(await new PrintSettingsStore(dir).load()).toEqual(settings);
  });

  it('the window state', async () => {
    const file = windowStateFile(dir);
    await writeWindowState(file, { bounds: { x: 0, y: 0, width: 1280, height: 800 }, maximized: false });
    await expectWrittenDurably(file);
  });

  it('the session token, readable by its user only', async () => {
    const safeStorage = {
      isAsyncEncryptionAvailable: vi.fn(async () => true),
      getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
      encryptStringAsync: vi.fn(async (text: string) => Buffer.from(`ENC:${text}`)),
      decryptStringAsync: vi.fn(),
    } as unknown as SafeStorageLike;
    const file = path.join(dir, 'session-token.bin');
    await new SafeStorageTokenVault({ file, safeStorage, platform: 'linux' }).save('tok_9f2c1d7e4b');
    await expectWrittenDurably(file);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('an uploaded scan in the server’s file storage', async () => {
    const storage = directoryFileStorage(path.join(dir, 'files'));
    const content = Buffer.from('%PDF-1.7 scan');
    const id = await storage.put(content);
    const file = path.join(dir, 'files', id.slice(0, 2), id);
    await expectWrittenDurably(file);
    expect(await readFile(file)).toEqual(content);
    expect((await stat(file)).mode & 0o777).toBe(0o640 & ~process.umask());
  });
});

/** A temporary file as a write killed before its rename leaves it, `ageMs` old. */
async function leftBehind(file: string, ageMs: number): Promise<string> {
  const temporary = `${file}.${crypto.randomUUID()}.tmp`;
  await mkdir(path.dirname(temporary), { recursive: true });
  await writeFile(temporary, 'half of it');
  const then = new Date(Date.now() - ageMs);
  await utimes(temporary, then, then);
  return temporary;
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

describe('what a killed write left behind is removed at the next start', () => {
  it('by the client, beside its settings', async () => {
    const stale = await leftBehind(path.join(dir, 'settings.json'), STALE_TEMPORARY_MS + 60_000);
    const fresh = await leftBehind(path.join(dir, 'print-settings.json'), 1_000);
    const core = createAppCore({ dataDir: dir, serverUrl: 'http://127.0.0.1:1', mode: 'embedded' });
    try {
      await vi.waitFor(async () => expect(await exists(stale)).toBe(false));
      // Another process may still be writing a recent one.
      expect(await exists(fresh)).toBe(true);
    } finally {
      await core.close();
    }
  });

  it('by the server, among the stored scans', async () => {
    const filesDir = path.join(dir, 'files');
    const stored = await directoryFileStorage(filesDir).put(Buffer.from('%PDF-1.7 scan'));
    const cutOff = path.join(filesDir, 'ab', 'ab2f6c1e-4b7a-4a57-9c55-1d2f8d9e0a11');
    const stale = await leftBehind(cutOff, STALE_TEMPORARY_MS + 60_000);
    const fresh = await leftBehind(cutOff, 1_000);
    const server = await createServer({
      database: { kind: 'sqlite', file: path.join(dir, 'platform.sqlite') },
      filesDir,
      demo: false,
      sessionIdleMinutes: 480,
    });
    try {
      await vi.waitFor(async () => expect(await exists(stale)).toBe(false));
      expect(await exists(fresh)).toBe(true);
      expect(await readFile(path.join(filesDir, stored.slice(0, 2), stored), 'utf8')).toBe('%PDF-1.7 scan');
    } finally {
      await server.close();
    }
  });
});
