import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../scripts/electron-binary';

let root: string;
let electronDir: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'zd-electron-binary-'));
  electronDir = path.join(root, 'node_modules', 'electron');
  await mkdir(electronDir, { recursive: true });
  await writeFile(
    path.join(electronDir, 'package.json'),
    JSON.stringify({ name: 'electron', version: '45.5.0' }),
  );
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const linux = { env: {}, platform: 'linux' as const };

describe('findElectronBinary', () => {
  it('reports a binary that was never downloaded', () => {
    const found = findElectronBinary({ root, ...linux });
    expect(found).toEqual({ missing: expect.stringContaining('path.txt is missing') });
  });

  it('reports a recorded binary that is not there', async () => {
    await writeFile(path.join(electronDir, 'path.txt'), 'electron');
    expect(findElectronBinary({ root, ...linux })).toEqual({
      missing: expect.stringContaining(path.join('node_modules', 'electron', 'dist', 'electron')),
    });
  });

  it('finds the downloaded binary', async () => {
    await writeFile(path.join(electronDir, 'path.txt'), 'electron');
    await mkdir(path.join(electronDir, 'dist'));
    await writeFile(path.join(electronDir, 'dist', 'electron'), '');
    await writeFile(path.join(electronDir, 'dist', 'version'), 'v45.5.0');
    expect(findElectronBinary({ root, ...linux })).toEqual({
      path: path.join(electronDir, 'dist', 'electron'),
    });
  });

  it('reports a binary of another version', async () => {
    await writeFile(path.join(electronDir, 'path.txt'), 'electron');
    await mkdir(path.join(electronDir, 'dist'));
    await writeFile(path.join(electronDir, 'dist', 'electron'), '');
    await writeFile(path.join(electronDir, 'dist', 'version'), '44.0.0');
    expect(findElectronBinary({ root, ...linux })).toEqual({ missing: expect.stringContaining('44.0.0') });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', async () => {
    const override = path.join(root, 'custom-electron');
    const env = { ELECTRON_OVERRIDE_DIST_PATH: override };
    expect(findElectronBinary({ root, env, platform: 'linux' })).toEqual({
      missing: expect.stringContaining('ELECTRON_OVERRIDE_DIST_PATH'),
    });
    await mkdir(override);
    await writeFile(path.join(override, 'electron'), '');
    expect(findElectronBinary({ root, env, platform: 'linux' })).toEqual({
      path: path.join(override, 'electron'),
    });
  });

  it('reports a missing electron package', async () => {
    await rm(electronDir, { recursive: true });
    expect(findElectronBinary({ root, ...linux })).toEqual({
      missing: expect.stringContaining('not installed'),
    });
  });

  it('answers for this checkout without downloading anything', () => {
    const pathFile = path.resolve('node_modules/electron/path.txt');
    const before = existsSync(pathFile);
    const found = findElectronBinary();
    expect('path' in found || found.missing.length > 0).toBe(true);
    if ('missing' in found) expect(found.missing).not.toContain('\n');
    expect(existsSync(pathFile)).toBe(before);
  });
});
