import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Configuration } from 'electron-builder';
import { buildNode } from '../../scripts/build-node';
import {
  checkBuilderConfig,
  packedFiles,
  readBuilderConfig,
  stageApp,
  testBuildConfig,
  stageRuntimeDependencies,
  validateBuilderConfig,
} from '../../scripts/dist';
import { FONT_FILE_NAME } from '../../src-main/core/print/pdf-font';

describe('electron-builder.yml', () => {
  it('passes electron-builder’s schema and the project’s requirements', async () => {
    expect(await validateBuilderConfig()).toEqual([]);
  });

  it('has the identity, installers and hardening the release needs', () => {
    const config = readBuilderConfig();
    expect(config.appId).toBe('cn.gov.cq.rlsbj.zhicheng.desk');
    expect(config.productName).toMatch(/^[\x20-\x7e]+$/);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: true,
      shortcutName: '重庆职称审核',
    });
    expect(config.linux).toMatchObject({ category: 'Office' });
    expect(config.linux?.maintainer).toBeTruthy();
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it.each<[string, (config: Configuration) => Configuration]>([
    ['a non-ASCII productName', (c) => ({ ...c, productName: '重庆职称审核' })],
    ['no nsis target', (c) => ({ ...c, win: { target: ['portable'] } })],
    ['no deb target', (c) => ({ ...c, linux: { ...c.linux, target: ['AppImage'] } })],
    ['no dmg target', (c) => ({ ...c, mac: { ...c.mac, target: ['zip'] } })],
    ['better-sqlite3 inside the asar', (c) => ({ ...c, asarUnpack: ['**/*.dll'] })],
    ['run-as-node left on', (c) => ({ ...c, electronFuses: { ...c.electronFuses, runAsNode: true } })],
    [
      'no asar integrity',
      (c) => ({ ...c, electronFuses: { ...c.electronFuses, enableEmbeddedAsarIntegrityValidation: false } }),
    ],
    ['a one-click installer', (c) => ({ ...c, nsis: { ...c.nsis, oneClick: true } })],
  ])('notices %s', (_name, change) => {
    expect(checkBuilderConfig(change(readBuilderConfig()))).not.toEqual([]);
  });
});

describe('the test build', () => {
  it('lets Playwright attach and never takes the release’s place, with every other fuse as released', () => {
    const release = readBuilderConfig();
    const test = testBuildConfig(release);
    expect(test.electronFuses).toEqual({ ...release.electronFuses, enableNodeCliInspectArguments: true });
    expect(test.appId).not.toBe(release.appId);
    expect(test.productName).not.toBe(release.productName);
    // The release itself stays hardened.
    expect(checkBuilderConfig(release)).toEqual([]);
    expect(checkBuilderConfig(test)).not.toEqual([]);
  });
});

describe('packaging staging', () => {
  // Inside the repository like dist/package, to prove the rebuild stays inside the staging folder
  // even though the repository's node_modules is one level up.
  const stageDir = path.resolve('node_modules/.cache/zhicheng-stage-test');
  afterAll(() => rm(stageDir, { recursive: true, force: true }));

  it('holds only the run-time externals, and the Electron rebuild never reaches the dev node_modules', async () => {
    expect(await stageRuntimeDependencies(stageDir)).toEqual(['better-sqlite3', 'svg-captcha']);
    const manifest = JSON.parse(await readFile(path.join(stageDir, 'package.json'), 'utf8')) as {
      main: string;
      type: string;
      dependencies: Record<string, string>;
    };
    expect(manifest).toMatchObject({ main: 'dist/electron/main.js', type: 'module' });
    expect(Object.keys(manifest.dependencies)).toEqual(['better-sqlite3', 'svg-captcha']);

    // What electron-builder's rebuild (@electron/rebuild, projectRootPath = the staging folder as
    // project) would rebuild: its module walker is internal, hence the file import.
    const walkerFile = path.resolve('node_modules/@electron/rebuild/lib/module-walker.js');
    const { ModuleWalker } = (await import(pathToFileURL(walkerFile).href)) as {
      ModuleWalker: new (
        buildPath: string,
        projectRootPath: string,
        types: string[],
        prodDeps: Set<string>,
        onlyModules: undefined,
      ) => {
        walkModules(): Promise<void>;
        nodeModulesPaths: Promise<string[]>;
        findAllModulesIn(dir: string): Promise<void>;
        modulesToRebuild: string[];
      };
    };
    const walker = new ModuleWalker(stageDir, stageDir, ['prod', 'optional'], new Set(), undefined);
    await walker.walkModules();
    for (const dir of await walker.nodeModulesPaths) await walker.findAllModulesIn(dir);
    expect(walker.modulesToRebuild).toContain(path.join(stageDir, 'node_modules', 'better-sqlite3'));
    for (const modulePath of walker.modulesToRebuild) {
      expect(modulePath.startsWith(stageDir + path.sep)).toBe(true);
    }
  }, 60_000);
});

describe('the packaged file list', () => {
  const distDir = path.resolve('node_modules/.cache/zhicheng-packed-dist');
  const stageDir = path.resolve('node_modules/.cache/zhicheng-packed-stage');
  afterAll(async () => {
    await rm(distDir, { recursive: true, force: true });
    await rm(stageDir, { recursive: true, force: true });
  });

  it('has the native module unpacked from the asar, the font, the migrations, and nothing for developers', async () => {
    // The real Node bundles; a stub renderer build (its content does not matter to packaging).
    await buildNode({ outDir: distDir });
    await mkdir(path.join(distDir, 'renderer'), { recursive: true });
    await writeFile(path.join(distDir, 'renderer', 'index.html'), '<!doctype html>');
    await stageApp(stageDir, distDir);

    const { packed, unpacked } = await packedFiles(stageDir, readBuilderConfig());
    expect(packed).toEqual(
      expect.arrayContaining([
        'package.json',
        'dist/electron/main.js',
        'dist/electron/preload.cjs',
        'dist/electron/core-entry.js',
        'dist/server/process-entry.js',
        'dist/renderer/index.html',
        `dist/fonts/${FONT_FILE_NAME}`,
        'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      ]),
    );
    expect(unpacked).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(unpacked).not.toContain('dist/electron/main.js');
    // Only the one weight of the font (svg-captcha brings its own for the captchas), no source maps,
    // no native sources.
    expect(
      packed.filter((file) => file.endsWith('.ttf') && !file.startsWith('node_modules/svg-captcha/')),
    ).toEqual([`dist/fonts/${FONT_FILE_NAME}`]);
    expect(packed.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(packed.filter((file) => /better-sqlite3\/(deps|src)\//.test(file))).toEqual([]);
    // The migrations are code inside the server bundle, and the cache's inside the core's (not main's:
    // the cache lives in the core's own process).
    const server = await readFile(path.join(stageDir, 'dist', 'server', 'process-entry.js'), 'utf8');
    for (const migration of ['0004-applications', '0005-review']) expect(server).toContain(migration);
    const core = await readFile(path.join(stageDir, 'dist', 'electron', 'core-entry.js'), 'utf8');
    expect(core).toContain('0002-review');
    const main = await readFile(path.join(stageDir, 'dist', 'electron', 'main.js'), 'utf8');
    expect(main).not.toContain('0002-review');
  }, 120_000);
});
