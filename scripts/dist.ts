import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Configuration } from 'electron-builder';
import { minimatch } from 'minimatch';
import { RUNTIME_EXTERNALS } from './build-node';
import { electronPackageVersion, findElectronBinary } from './electron-binary';

/**
 * `npm run dist`: the installers for this platform (nsis on Windows, AppImage and deb on Linux, dmg on
 * macOS). Checks first that an Electron binary can be had (electron-builder needs one for the target
 * platform: a local one, a cached download, or the download site), then builds, stages the app in
 * dist/package and runs electron-builder there (see electron-builder.yml on why a staging folder).
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUILDER_CONFIG_FILE = path.join(repoRoot, 'electron-builder.yml');
export const STAGE_DIR = path.join(repoRoot, 'dist', 'package');
const RELEASE_DIR = path.join(repoRoot, 'release');

// electron-builder's own copies of its helpers, so the YAML is read exactly as electron-builder reads it.
const builderRequire = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const libRequire = createRequire(builderRequire.resolve('app-builder-lib'));

interface Yaml {
  load(text: string): unknown;
}
type Minimatch = (file: string, pattern: string, options?: { dot?: boolean }) => boolean;

// ---------------------------------------------------------------------------------------------------
// The configuration

export function readBuilderConfig(file: string = BUILDER_CONFIG_FILE): Configuration {
  const yaml = libRequire('js-yaml') as Yaml;
  const config = yaml.load(readFileSync(file, 'utf8'));
  if (typeof config !== 'object' || config === null) throw new Error(`${file} is not a YAML mapping`);
  return config as Configuration;
}

/** A platform's `target`: a name, a `{ target }` object, or a list of either. */
function targetNames(target: unknown): string[] {
  if (target === undefined || target === null) return [];
  const list: unknown[] = Array.isArray(target) ? target : [target];
  return list.map((entry: unknown) =>
    typeof entry === 'string' ? entry : String((entry as { target?: unknown }).target ?? ''),
  );
}

/** The project's own requirements of the configuration (DESIGN.md "Security", the installer brief). */
export function checkBuilderConfig(config: Configuration): string[] {
  const problems: string[] = [];
  const expect = (condition: boolean, problem: string) => {
    if (!condition) problems.push(problem);
  };
  expect(typeof config.appId === 'string' && /^[a-z][\w-]*(\.[a-z][\w-]*)+$/i.test(config.appId), 'appId');
  expect(
    typeof config.productName === 'string' && /^[\x20-\x7e]+$/.test(config.productName),
    'productName must be ASCII (it names folders, the executable and artifacts)',
  );
  expect(config.asar === true, 'asar must be true');
  expect(targetNames(config.win?.target).includes('nsis'), 'win.target must include nsis');
  const linuxTargets = targetNames(config.linux?.target).map((name) => name.toLowerCase());
  expect(linuxTargets.includes('appimage'), 'linux.target must include AppImage');
  expect(linuxTargets.includes('deb'), 'linux.target must include deb');
  expect(targetNames(config.mac?.target).includes('dmg'), 'mac.target must include dmg');

  const minimatch = libRequire('minimatch') as { minimatch: Minimatch };
  const unpack =
    config.asarUnpack === undefined || config.asarUnpack === null ? [] : [config.asarUnpack].flat();
  for (const file of [
    'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    'node_modules/better-sqlite3/lib/index.js',
  ]) {
    expect(
      unpack.some((pattern) => minimatch.minimatch(file, pattern, { dot: true })),
      `asarUnpack must cover ${file}`,
    );
  }

  const fuses = config.electronFuses ?? {};
  expect(fuses.runAsNode === false, 'electronFuses.runAsNode must be false');
  expect(
    fuses.enableNodeOptionsEnvironmentVariable === false,
    'electronFuses.enableNodeOptionsEnvironmentVariable must be false',
  );
  expect(
    fuses.enableNodeCliInspectArguments === false,
    'electronFuses.enableNodeCliInspectArguments must be false',
  );
  expect(
    fuses.enableEmbeddedAsarIntegrityValidation === true,
    'electronFuses.enableEmbeddedAsarIntegrityValidation must be true',
  );
  expect(fuses.onlyLoadAppFromAsar === true, 'electronFuses.onlyLoadAppFromAsar must be true');

  const nsis = config.nsis ?? {};
  expect(nsis.oneClick === false, 'nsis.oneClick must be false');
  expect(nsis.perMachine === false, 'nsis.perMachine must be false');
  expect(
    [nsis.installerLanguages ?? []].flat().includes('zh_CN'),
    'nsis.installerLanguages must include zh_CN',
  );
  expect(String(nsis.language) === '2052', 'nsis.language must be 2052 (Simplified Chinese)');
  expect(config.npmRebuild === true, 'npmRebuild must be true');
  expect(config.buildDependenciesFromSource === true, 'buildDependenciesFromSource must be true');
  return problems;
}

/**
 * Reads electron-builder.yml and returns its problems (empty when fine): electron-builder's own schema
 * (misspelt or misplaced options) and the project's requirements.
 */
export async function validateBuilderConfig(file: string = BUILDER_CONFIG_FILE): Promise<string[]> {
  const config = readBuilderConfig(file);
  const problems: string[] = [];
  try {
    const { validateConfiguration } = libRequire('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: Configuration, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = builderRequire('builder-util') as {
      DebugLogger: new (enabled: boolean) => unknown;
    };
    await validateConfiguration(config, new DebugLogger(false));
  } catch (error) {
    problems.push(
      `electron-builder rejects the configuration: ${error instanceof Error ? error.message : error}`,
    );
  }
  return [...problems, ...checkBuilderConfig(config)];
}

// ---------------------------------------------------------------------------------------------------
// Can an Electron binary be had?

export type ElectronForPackaging =
  { ok: true; electronDist?: string; source: string } | { ok: false; reason: string };

function electronZipName(version: string, platform: NodeJS.Platform, arch: string): string {
  return `electron-v${version}-${platform}-${arch}.zip`;
}

/** @electron/get's cache, where an earlier download of the zip would be. */
function electronCacheDirs(env: NodeJS.ProcessEnv): string[] {
  if (env.electron_config_cache) return [env.electron_config_cache];
  const home = os.homedir();
  if (process.platform === 'win32') {
    return [path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'electron', 'Cache')];
  }
  if (process.platform === 'darwin') return [path.join(home, 'Library', 'Caches', 'electron')];
  return [path.join(env.XDG_CACHE_HOME ?? path.join(home, '.cache'), 'electron')];
}

function findCachedZip(zipName: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of electronCacheDirs(env)) {
    if (existsSync(path.join(dir, zipName))) return path.join(dir, zipName);
    let entries: string[] = [];
    try {
      entries = readdirSync(dir);
    } catch {
      continue;
    }
    for (const entry of entries) {
      const candidate = path.join(dir, entry, zipName);
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

export async function electronForPackaging(
  env: NodeJS.ProcessEnv = process.env,
): Promise<ElectronForPackaging> {
  const version = electronPackageVersion(repoRoot);
  if (version === null) return { ok: false, reason: 'the electron package is not installed' };
  const local = findElectronBinary({ root: repoRoot, env });
  if ('path' in local) {
    const dist =
      env.ELECTRON_OVERRIDE_DIST_PATH?.trim() || path.join(repoRoot, 'node_modules', 'electron', 'dist');
    return { ok: true, electronDist: dist, source: `the local Electron binary (${local.path})` };
  }
  const zipName = electronZipName(version, process.platform, process.arch);
  const cached = findCachedZip(zipName, env);
  if (cached !== null) return { ok: true, source: `the cached download ${cached}` };
  const mirror = env.ELECTRON_MIRROR ?? 'https://github.com/electron/electron/releases/download/';
  const url = `${mirror.replace(/\/?$/, '/')}v${version}/${zipName}`;
  try {
    const response = await fetch(url, {
      method: 'HEAD',
      redirect: 'follow',
      signal: AbortSignal.timeout(8_000),
    });
    if (response.ok) return { ok: true, source: url };
    return { ok: false, reason: `${local.missing}, and ${url} answered HTTP ${response.status}` };
  } catch (error) {
    const cause =
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error);
    return { ok: false, reason: `${local.missing}, and ${zipName} cannot be downloaded (${cause})` };
  }
}

// ---------------------------------------------------------------------------------------------------
// Staging

interface Manifest {
  name?: string;
  version?: string;
  productName?: string;
  description?: string;
  author?: unknown;
  license?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** Node's lookup: `name` in node_modules of `fromDir` or an ancestor, never above the repository. */
function resolvePackageDir(name: string, fromDir: string): string | null {
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.relative(repoRoot, dir) === '') return null;
    dir = path.dirname(dir);
  }
}

/**
 * Copies the native runtime dependencies and everything they depend on into the staging folder's
 * node_modules, keeping each package at the same relative place, so that electron-builder's rebuild and
 * packaging see a complete tree there and never reach into the repository's node_modules.
 */
async function copyDependencyTree(names: string[], stageDir: string): Promise<void> {
  const queue = names.map((name) => ({ name, from: repoRoot, optional: false }));
  const copied = new Set<string>();
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const dir = resolvePackageDir(next.name, next.from);
    if (dir === null) {
      if (next.optional) continue;
      throw new Error(`${next.name} is not installed; run npm ci first`);
    }
    if (copied.has(dir)) continue;
    copied.add(dir);
    const nested = path.join(dir, 'node_modules');
    await cp(dir, path.join(stageDir, path.relative(repoRoot, dir)), {
      recursive: true,
      // Nested packages are copied when something depends on them; the rest is not needed.
      filter: (source) => source !== nested && !source.startsWith(nested + path.sep),
    });
    const manifest = readManifest(dir);
    for (const name of Object.keys(manifest.dependencies ?? {}))
      queue.push({ name, from: dir, optional: false });
    for (const name of Object.keys(manifest.optionalDependencies ?? {}))
      queue.push({ name, from: dir, optional: true });
  }
}

/**
 * The staging folder's package.json and node_modules: only the packages the bundles leave external
 * (better-sqlite3 and what it depends on), so electron-builder rebuilds and packs those and nothing else.
 */
export async function stageRuntimeDependencies(stageDir: string): Promise<string[]> {
  const manifest = readManifest(repoRoot);
  const runtime = RUNTIME_EXTERNALS.filter((name) => manifest.dependencies?.[name] !== undefined);
  const stageManifest = {
    name: manifest.name,
    productName: manifest.productName,
    version: manifest.version,
    description: manifest.description,
    ...(manifest.author !== undefined ? { author: manifest.author } : {}),
    ...(manifest.license !== undefined ? { license: manifest.license } : {}),
    private: true,
    type: 'module',
    main: 'dist/electron/main.js',
    dependencies: Object.fromEntries(runtime.map((name) => [name, manifest.dependencies?.[name] ?? '*'])),
  };
  await mkdir(stageDir, { recursive: true });
  await writeFile(path.join(stageDir, 'package.json'), `${JSON.stringify(stageManifest, null, 2)}\n`);
  await copyDependencyTree(runtime, stageDir);
  return runtime;
}

/** The parts of dist/ the app is made of (scripts/build-node.ts and the renderer build). */
export const APP_PARTS = ['electron', 'server', 'renderer', 'fonts'] as const;

/** dist/package: the built app as electron-builder packs it. */
export async function stageApp(
  stageDir: string = STAGE_DIR,
  distDir: string = path.join(repoRoot, 'dist'),
): Promise<void> {
  await rm(stageDir, { recursive: true, force: true });
  for (const part of APP_PARTS) {
    const from = path.join(distDir, part);
    if (!existsSync(from)) throw new Error(`dist/${part} is missing; the build did not produce it`);
    await cp(from, path.join(stageDir, 'dist', part), { recursive: true });
  }
  await stageRuntimeDependencies(stageDir);
}

/**
 * The files electron-builder will put in the app from a staged folder, by the configuration's `files`
 * (plus the production dependencies, which it adds itself) and `asarUnpack` globs: what the packaging
 * test checks without the Electron binary that a real `--dir` build needs.
 */
export async function packedFiles(
  stageDir: string,
  config: Configuration,
): Promise<{ packed: string[]; unpacked: string[] }> {
  const patterns = (config.files ?? []) as string[];
  const includes = patterns.filter((pattern) => !pattern.startsWith('!'));
  const excludes = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1));
  const unpack = ([] as string[]).concat(config.asarUnpack ?? []);
  const manifest = readManifest(stageDir);
  const dependencies = Object.keys(manifest.dependencies ?? {}).map((name) => `node_modules/${name}/**`);
  const matches = (file: string, globs: readonly string[]) =>
    globs.some((glob) => minimatch(file, glob, { dot: true }));
  const all = (await readdir(stageDir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path.relative(stageDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
    );
  const packed = all
    .filter((file) => matches(file, [...includes, ...dependencies]) && !matches(file, excludes))
    .sort();
  return { packed, unpacked: packed.filter((file) => matches(file, unpack)) };
}

// ---------------------------------------------------------------------------------------------------
// The command

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: repoRoot,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

/**
 * The build Playwright's `_electron` can drive: the same app, but with Node's inspector arguments allowed
 * (Playwright attaches through them), under its own id and name so it never replaces the release on a
 * machine, and unpacked only. Never shipped.
 */
export function testBuildConfig(config: Configuration): Configuration {
  return {
    ...config,
    appId: `${config.appId ?? 'app'}.test`,
    productName: `${config.productName ?? 'App'}Test`,
    electronFuses: { ...config.electronFuses, enableNodeCliInspectArguments: true },
    directories: { ...config.directories, output: path.join(RELEASE_DIR, 'test') },
  };
}

async function dist(testBuild: boolean): Promise<void> {
  const electron = await electronForPackaging();
  if (!electron.ok) {
    console.error(`Cannot package the desktop app: ${electron.reason}.`);
    process.exit(1);
  }
  console.log(`Electron for packaging: ${electron.source}`);

  const problems = await validateBuilderConfig();
  if (problems.length > 0) throw new Error(`electron-builder.yml:\n  ${problems.join('\n  ')}`);

  await run('npm', ['run', 'build']);
  await stageApp();

  // This machine's npm config sets nodedir=/usr, which npm exports to scripts as npm_config_nodedir;
  // node-gyp would then build better-sqlite3 against Node's headers instead of Electron's.
  for (const key of Object.keys(process.env)) {
    if (key.toLowerCase() === 'npm_config_nodedir') delete process.env[key];
  }
  const release = readBuilderConfig();
  const config = testBuild ? testBuildConfig(release) : release;
  const { build, Platform } = await import('electron-builder');
  const artifacts = await build({
    projectDir: STAGE_DIR,
    targets: Platform.current().createTarget(testBuild ? 'dir' : undefined),
    config: {
      ...config,
      directories: {
        ...config.directories,
        output: testBuild ? path.join(RELEASE_DIR, 'test') : RELEASE_DIR,
      },
      electronVersion: electronPackageVersion(repoRoot) ?? undefined,
      ...(electron.electronDist !== undefined ? { electronDist: electron.electronDist } : {}),
    },
  });
  console.log(`Packaged:\n  ${artifacts.map((file) => path.relative(repoRoot, file)).join('\n  ')}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `npm run dist -- --test-build`: the unpacked build for the _electron tests.
  dist(process.argv.includes('--test-build')).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
