import { existsSync } from 'node:fs';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { FONT_FILE_NAME, resolveFontFile } from '../src-main/core/print/pdf-font';

/**
 * The Node-side bundles, offline and in about a second:
 *   dist/electron/main.js      the Electron main process (ESM)
 *   dist/electron/core-entry.js  the core's utilityProcess (cache, sync, drafts, the 公示表), forked by main (ESM)
 *   dist/electron/preload.cjs  the sandboxed preload: one CommonJS file that may require only 'electron'
 *   dist/server/process-entry.js  the embedded platform server, forked by main (ESM)
 *   dist/web/cli.js            the web host (`npm run web`), with what only some starts need (the demo seed,
 *                              the PDF stack) split into dist/web/chunks/ and loaded when first needed
 *   dist/web/core-worker.js    the web host's core thread (cache, sync, drafts, the 公示表), sharing chunks with cli.js
 *   dist/fonts/                the one font file the 公示表 is drawn with (not the package's nine weights)
 * Native and optional modules stay outside the bundles and are loaded from node_modules at run time.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Loaded from node_modules at run time, never bundled: native code (rebuilt per runtime), pg's optional
 * native driver, and svg-captcha, which reads its font file from its own package folder.
 */
export const RUNTIME_EXTERNALS = ['better-sqlite3', 'pg-native', 'svg-captcha'];

/** Electron 45 runs Node 22 and Chromium 140. */
const NODE_TARGET = 'node22';
const PRELOAD_TARGET = 'chrome140';

/**
 * An ES module bundle still contains CommonJS packages (express, pg, ...) that call `require` for Node
 * built-ins and read `__dirname`; ESM has neither, so the bundle defines them once at the top.
 */
export const ESM_REQUIRE_SHIM = [
  "import { createRequire as __zdCreateRequire } from 'node:module';",
  "import { fileURLToPath as __zdFileURLToPath } from 'node:url';",
  "import { dirname as __zdDirname } from 'node:path';",
  'const require = __zdCreateRequire(import.meta.url);',
  'const __filename = __zdFileURLToPath(import.meta.url);',
  'const __dirname = __zdDirname(__filename);',
].join('\n');

export interface BuildNodeOptions {
  /** Defaults to the repository's dist/. */
  outDir?: string;
  /** Print bundle sizes. */
  verbose?: boolean;
}

export interface BuildNodeResult {
  main: string;
  preload: string;
  coreEntry: string;
  serverEntry: string;
  /** The web host's entry (`node dist/web/cli.js`). */
  webCli: string;
  /** The fonts folder the main process hands the core (app-paths.ts `fontsDir`). */
  fontsDir: string;
}

export async function buildNode(options: BuildNodeOptions = {}): Promise<BuildNodeResult> {
  const outDir = options.outDir ?? path.join(repoRoot, 'dist');
  const serverSource = path.join(repoRoot, 'src-server', 'process-entry.ts');
  if (!existsSync(serverSource)) {
    throw new Error(`The embedded server's entry is missing: ${path.relative(repoRoot, serverSource)}`);
  }
  const result: BuildNodeResult = {
    main: path.join(outDir, 'electron', 'main.js'),
    preload: path.join(outDir, 'electron', 'preload.cjs'),
    coreEntry: path.join(outDir, 'electron', 'core-entry.js'),
    serverEntry: path.join(outDir, 'server', 'process-entry.js'),
    webCli: path.join(outDir, 'web', 'cli.js'),
    fontsDir: path.join(outDir, 'fonts'),
  };
  // Only our folders: dist/renderer belongs to the renderer build.
  await Promise.all([
    rm(path.join(outDir, 'electron'), { recursive: true, force: true }),
    rm(path.join(outDir, 'server'), { recursive: true, force: true }),
    rm(path.dirname(result.webCli), { recursive: true, force: true }),
    rm(result.fontsDir, { recursive: true, force: true }),
  ]);
  await mkdir(result.fontsDir, { recursive: true });
  await copyFile(resolveFontFile(), path.join(result.fontsDir, FONT_FILE_NAME));

  const common: BuildOptions = {
    absWorkingDir: repoRoot,
    bundle: true,
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
    legalComments: 'none',
    metafile: options.verbose === true,
  };
  const nodeEsm: BuildOptions = {
    ...common,
    platform: 'node',
    format: 'esm',
    target: NODE_TARGET,
    banner: { js: ESM_REQUIRE_SHIM },
  };

  // The processes every start waits for (the web host, and the embedded server both hosts fork).
  const startsLean: BuildOptions = {
    ...nodeEsm,
    // Dynamic imports become chunks that a start evaluates only when it reaches them: a reused data
    // folder never loads the demo seed, and nobody loads the PDF stack or pg before they are needed.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    // Every start parses the whole entry file: without whitespace and with simpler syntax it is about a
    // third smaller. Names stay, so stack traces in the logs remain readable.
    minifyWhitespace: true,
    minifySyntax: true,
    external: RUNTIME_EXTERNALS,
  };

  const builds = await Promise.all([
    build({
      ...nodeEsm,
      entryPoints: [path.join(repoRoot, 'src-main', 'electron', 'main.ts')],
      outfile: result.main,
      external: ['electron', ...RUNTIME_EXTERNALS],
    }),
    build({
      ...nodeEsm,
      entryPoints: [path.join(repoRoot, 'src-main', 'electron', 'core-entry.ts')],
      outfile: result.coreEntry,
      // A utility process has no `electron` module worth loading; the core never imports it.
      external: RUNTIME_EXTERNALS,
    }),
    build({
      ...common,
      entryPoints: [path.join(repoRoot, 'src-main', 'electron', 'preload.ts')],
      outfile: result.preload,
      // The sandboxed preload's `require` knows 'electron' and little else: bundle everything but it.
      platform: 'node',
      format: 'cjs',
      target: PRELOAD_TARGET,
      external: ['electron'],
    }),
    build({
      ...startsLean,
      entryPoints: { 'process-entry': serverSource },
      outdir: path.dirname(result.serverEntry),
    }),
    build({
      ...startsLean,
      entryPoints: {
        cli: path.join(repoRoot, 'src-main', 'web', 'cli.ts'),
        'core-worker': path.join(repoRoot, 'src-main', 'web', 'core-worker.ts'),
      },
      outdir: path.dirname(result.webCli),
    }),
  ]);

  if (options.verbose) {
    for (const { metafile } of builds) {
      for (const [file, output] of Object.entries(metafile?.outputs ?? {})) {
        if (!file.endsWith('.map')) console.log(`${file}  ${(output.bytes / 1024).toFixed(0)} KB`);
      }
    }
  }
  return result;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  buildNode({ verbose: true }).then(
    () => console.log(`Node bundles built in ${Date.now() - started} ms`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
