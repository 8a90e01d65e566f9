import { readdir, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { nameHider } from '../../../src-shared/logging/name-hider';
import { scrubText, scrubValue, sensitiveKeyKind } from '../../../src-shared/logging/scrub';
import { APP_VERSION } from '../app-version';
import { knownPersonNames } from '../cache/known-person-names';
import { crashDumpDirOf, LOG_FILE_NAME, logDirOf } from './file-log';
import type { ProcessRole } from './failure-capture';

/**
 * 帮助 → 导出诊断信息: one zip for the unit's IT staff, built the same way by the core (the renderer's
 * button, both hosts) and by Electron's main (the menu). It holds the log files, scrubbed once more in
 * case a file predates the scrubbing, and diagnostics.json: versions, OS, the data folder's layout with
 * sizes, the crash dumps by name (not their contents: a minidump is a copy of memory), and the settings
 * without any secret. Nothing else from the data folder: the cache and the database hold personal data.
 * People's names, which no pattern finds, are hidden as the lists mask them: everyone in the caches on
 * this PC (knownPersonNames), and whom the caller adds (the signed-in user, whom no cache need name).
 */

export const DIAGNOSTICS_FILE_NAME = 'diagnostics.json';

export interface DiagnosticsOptions {
  dataDir: string;
  /** The settings as the core holds them (LoadedSettings); secrets are removed here. */
  settings: unknown;
  /** The process that builds the zip. */
  role: ProcessRole;
  /** Names to mask besides the caches' people, wherever they occur (see nameHider). */
  alsoHide?: readonly string[];
  now?: Date;
}

export interface DiagnosticsZipFile {
  fileName: string;
  bytes: Uint8Array;
}

/** 重庆职称审核-诊断信息-20261206-2130.zip, in local time (what the user's clock shows). */
export function diagnosticsFileName(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const date = `${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}`;
  return `重庆职称审核-诊断信息-${date}-${two(at.getHours())}${two(at.getMinutes())}.zip`;
}

export async function buildDiagnosticsZip(options: DiagnosticsOptions): Promise<DiagnosticsZipFile> {
  const now = options.now ?? new Date();
  const logDir = logDirOf(options.dataDir);
  const hideNames = nameHider([...(await knownPersonNames(options.dataDir)), ...(options.alsoHide ?? [])]);
  const files: Zippable = {};
  for (const name of await logFileNames(logDir)) {
    const text = await readFile(path.join(logDir, name), 'utf8').catch(() => null);
    if (text !== null) files[`logs/${name}`] = strToU8(hideNames(scrubText(text)));
  }
  const diagnostics = {
    createdAt: now.toISOString(),
    app: { name: '重庆职称审核', version: APP_VERSION, builtBy: options.role },
    os: { platform: os.platform(), release: os.release(), arch: os.arch() },
    versions: {
      node: process.versions.node,
      electron: process.versions.electron ?? null,
      chrome: process.versions.chrome ?? null,
    },
    dataFolder: await folderLayout(options.dataDir, 2),
    crashDumps: await filesUnder(crashDumpDirOf(options.dataDir)),
    settings: scrubValue(withoutSecrets(options.settings)),
  };
  // The data folder's layout and the settings should name nobody, but a folder or a printer may.
  files[DIAGNOSTICS_FILE_NAME] = strToU8(hideNames(`${JSON.stringify(diagnostics, null, 2)}\n`));
  return { fileName: diagnosticsFileName(now), bytes: zipSync(files, { level: 6, mtime: now }) };
}

/** The current log and its rotated files (zhicheng-desk.log, .1, .2, ...). */
async function logFileNames(logDir: string): Promise<string[]> {
  const names = await readdir(logDir).catch(() => [] as string[]);
  return names.filter((name) => name === LOG_FILE_NAME || name.startsWith(`${LOG_FILE_NAME}.`)).sort();
}

/** A copy without the values of secret or personal keys (a token, a password, a phone), at any depth. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const kind = sensitiveKeyKind(key);
    if (kind === 'secret' || kind === 'personal') continue;
    out[key] = withoutSecrets(item);
  }
  return out;
}

interface FolderEntry {
  name: string;
  bytes: number;
  files: number;
  entries?: FolderEntry[];
}

/** Each entry of the folder with its total size, `depth` levels down; names scrubbed (a folder per user). */
async function folderLayout(dir: string, depth: number): Promise<FolderEntry[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: FolderEntry[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const total = await folderTotal(full);
      out.push({
        name: scrubText(entry.name),
        ...total,
        ...(depth > 1 ? { entries: await folderLayout(full, depth - 1) } : {}),
      });
    } else if (entry.isFile()) {
      const size = await stat(full).then(
        (s) => s.size,
        () => 0,
      );
      out.push({ name: scrubText(entry.name), bytes: size, files: 1 });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

async function folderTotal(dir: string): Promise<{ bytes: number; files: number }> {
  const files = await filesUnder(dir);
  return { bytes: files.reduce((sum, file) => sum + file.bytes, 0), files: files.length };
}

/** Files under a folder by relative path and size (the crash dumps: their names, not their contents). */
async function filesUnder(dir: string): Promise<{ name: string; bytes: number }[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  const out: { name: string; bytes: number }[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out.push({
      name: path.relative(dir, full),
      bytes: await stat(full).then(
        (s) => s.size,
        () => 0,
      ),
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
