import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  removeStaleTemporaries,
  STALE_TEMPORARY_MS,
  writeFileDurably,
  type DurableFileHandle,
  type DurableFileSystem,
} from '../../src-node/fs/durable-write';
import { spawnClient } from '../support/killed-client';

/**
 * The durable write over the real file system in a temporary folder, through a file system that records
 * each call and can fail any one of them, as a full or failing disk (or a crash) would at that point.
 */

type Step = 'mkdir' | 'open' | 'write' | 'sync' | 'close' | 'rename' | 'rm';

function faultyFileSystem(failAt?: { step: Step; path?: string; code: string }) {
  const calls: string[] = [];
  const fail = (step: Step, target: string) => {
    if (failAt?.step !== step) return;
    if (failAt.path !== undefined && failAt.path !== target) return;
    throw Object.assign(new Error(`${failAt.code}: ${step} ${target} (injected)`), { code: failAt.code });
  };
  const name = (target: string) =>
    target.endsWith('.tmp') ? 'temporary' : target === dir ? 'root' : path.basename(target);
  const fileSystem: DurableFileSystem = {
    async mkdir(dir, options) {
      calls.push(`mkdir ${name(dir)}`);
      fail('mkdir', dir);
      return fs.mkdir(dir, options);
    },
    async open(target, flags, mode) {
      calls.push(`open ${name(target)} ${flags}`);
      fail('open', target);
      const handle = await fs.open(target, flags, mode);
      const recorded: DurableFileHandle = {
        async writeFile(data) {
          calls.push(`write ${name(target)}`);
          // Half the data reaches the file before the disk fills up.
          if (failAt?.step === 'write') await handle.writeFile(data.slice(0, data.length / 2));
          fail('write', target);
          await handle.writeFile(data);
        },
        async sync() {
          calls.push(`sync ${name(target)}`);
          fail('sync', target);
          await handle.sync();
        },
        async close() {
          calls.push(`close ${name(target)}`);
          await handle.close();
          fail('close', target);
        },
      };
      return recorded;
    },
    async rename(from, to) {
      calls.push(`rename ${name(from)} ${name(to)}`);
      fail('rename', from);
      await fs.rename(from, to);
    },
    async rm(target, options) {
      calls.push(`rm ${name(target)}`);
      fail('rm', target);
      await fs.rm(target, options);
    },
  };
  return { fileSystem, calls };
}

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zd-durable-'));
  file = path.join(dir, 'settings', 'settings.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const settingsDir = () => path.dirname(file);

/**
 * Writes `content` over the settings file in a child killed once its temporary file is flushed, before
 * the rename; answers that temporary file.
 */
async function killedMidWrite(content: string): Promise<string> {
  const child = spawnClient<{ flushed: string }>('test/support/durable-write-child.ts', [file, content]);
  let temporary = '';
  for await (const line of child.lines) {
    temporary = line.flushed;
    child.kill();
  }
  await child.expectKilled('the durable write child');
  return temporary;
}

describe('writeFileDurably', () => {
  it('writes, flushes and closes the temporary file, renames it over the target, then flushes the folder', async () => {
    await writeFileDurably(file, '旧的设置');
    const { fileSystem, calls } = faultyFileSystem();
    await writeFileDurably(file, '新的设置', { fileSystem, platform: 'linux' });
    expect(calls).toEqual([
      'mkdir settings',
      'open temporary wx',
      'write temporary',
      'sync temporary',
      'close temporary',
      'rename temporary settings.json',
      'open settings r',
      'sync settings',
      'close settings',
    ]);
    expect(await readFile(file, 'utf8')).toBe('新的设置');
    expect(await readdir(settingsDir())).toEqual(['settings.json']);
  });

  it('also flushes the folder that names a folder it created', async () => {
    file = path.join(dir, 'settings', 'user', 'settings.json');
    const { fileSystem, calls } = faultyFileSystem();
    await writeFileDurably(file, '新的设置', { fileSystem, platform: 'linux' });
    expect(calls.filter((call) => call.startsWith('sync'))).toEqual([
      'sync temporary',
      'sync user',
      'sync settings',
      'sync root',
    ]);
    expect(await readFile(file, 'utf8')).toBe('新的设置');
  });

  it('replaces an existing file and writes bytes as they are', async () => {
    await writeFileDurably(file, 'old');
    const bytes = Uint8Array.from([0, 1, 2, 254, 255]);
    await writeFileDurably(file, bytes);
    expect(new Uint8Array(await readFile(file))).toEqual(bytes);
    expect(await readdir(settingsDir())).toEqual(['settings.json']);
  });

  it.each([
    ['the disk fills up while writing', { step: 'write', code: 'ENOSPC' }],
    ['flushing the file fails', { step: 'sync', code: 'EIO' }],
    ['closing the file fails', { step: 'close', code: 'EIO' }],
    ['the rename fails', { step: 'rename', code: 'EACCES' }],
  ] as const)('leaves the old file intact and no temporary file when %s', async (_name, failAt) => {
    await writeFileDurably(file, '旧的设置');
    const { fileSystem, calls } = faultyFileSystem(failAt);
    await expect(writeFileDurably(file, '新的设置', { fileSystem, platform: 'linux' })).rejects.toMatchObject(
      {
        code: failAt.code,
      },
    );
    expect(await readFile(file, 'utf8')).toBe('旧的设置');
    expect(await readdir(settingsDir())).toEqual(['settings.json']);
    expect(calls).toContain('rm temporary');
    expect(calls).not.toContain('open settings r');
  });

  it('still reports the first failure when the clean-up fails too', async () => {
    await writeFileDurably(file, '旧的设置');
    const { fileSystem } = faultyFileSystem({ step: 'rename', code: 'EXDEV' });
    const failingRm: DurableFileSystem = {
      ...fileSystem,
      rm: async () => {
        throw Object.assign(new Error('EBUSY (injected)'), { code: 'EBUSY' });
      },
    };
    await expect(writeFileDurably(file, '新的设置', { fileSystem: failingRm })).rejects.toMatchObject({
      code: 'EXDEV',
    });
    expect(await readFile(file, 'utf8')).toBe('旧的设置');
  });

  it('creates the file with the mode asked for', async () => {
    if (process.platform === 'win32') return;
    await writeFileDurably(file, 'secret', { mode: 0o600 });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('skips the folder flush on Windows, where a folder cannot be flushed', async () => {
    const { fileSystem, calls } = faultyFileSystem();
    await writeFileDurably(file, '新的设置', { fileSystem, platform: 'win32' });
    expect(calls.at(-1)).toBe('rename temporary settings.json');
    expect(await readFile(file, 'utf8')).toBe('新的设置');
  });

  it('accepts a file system that cannot flush a folder (EINVAL), the file being in place', async () => {
    const { fileSystem, calls } = faultyFileSystem({
      step: 'sync',
      path: path.join(dir, 'settings'),
      code: 'EINVAL',
    });
    await writeFileDurably(file, '新的设置', { fileSystem, platform: 'linux' });
    expect(calls).toContain('sync settings');
    expect(await readFile(file, 'utf8')).toBe('新的设置');
  });

  it('reports a folder flush that fails with a disk error', async () => {
    const { fileSystem } = faultyFileSystem({ step: 'sync', path: path.join(dir, 'settings'), code: 'EIO' });
    await expect(writeFileDurably(file, '新的设置', { fileSystem, platform: 'linux' })).rejects.toMatchObject(
      {
        code: 'EIO',
      },
    );
  });

  it('leaves the old file intact when the process is killed between the flushed write and the rename', async () => {
    await writeFileDurably(file, '旧的设置');
    const temporary = await killedMidWrite('新的设置');
    expect(await readFile(temporary, 'utf8')).toBe('新的设置');
    expect(await readFile(file, 'utf8')).toBe('旧的设置');
  });

  it('sweeps the temporary file a killed write left once it is stale, and nothing else', async () => {
    await writeFileDurably(file, '旧的设置');
    const temporary = await killedMidWrite('新的设置');
    const folder = path.dirname(file);
    // Not ours to remove: a user's own .tmp file, and a folder named like a temporary file.
    await fs.writeFile(path.join(folder, 'notes.tmp'), '草稿');
    await fs.mkdir(`${file}.0b6f3c1e-4b7a-4a57-9c55-1d2f8d9e0a11.tmp`);
    const written = (await stat(temporary)).mtimeMs;

    // Within the hour another process may still be writing it.
    expect(await removeStaleTemporaries(folder, { now: written + STALE_TEMPORARY_MS - 1_000 })).toBe(0);
    expect(await readFile(temporary, 'utf8')).toBe('新的设置');

    expect(await removeStaleTemporaries(folder, { now: written + STALE_TEMPORARY_MS + 1_000 })).toBe(1);
    expect((await readdir(folder)).sort()).toEqual(
      [
        'notes.tmp',
        'settings.json',
        path.basename(`${file}.0b6f3c1e-4b7a-4a57-9c55-1d2f8d9e0a11.tmp`),
      ].sort(),
    );
    expect(await readFile(file, 'utf8')).toBe('旧的设置');
    expect(await removeStaleTemporaries(path.join(folder, 'missing'))).toBe(0);
  });

  it('lets two writes at once each use a temporary file of their own', async () => {
    await Promise.all([writeFileDurably(file, 'first'), writeFileDurably(file, 'second')]);
    expect(['first', 'second']).toContain(await readFile(file, 'utf8'));
    expect(await readdir(settingsDir())).toEqual(['settings.json']);
  });
});
