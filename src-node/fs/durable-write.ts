import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Replaces a file so that a crash or a power cut leaves it with either its old content or the new one,
 * never empty, truncated or missing, and so that once the promise resolves the new content survives a
 * power cut. Renaming a temporary file over the target is not enough on its own: file systems with
 * delayed allocation (ext4, XFS, APFS) may put the rename on disk before the data, so after a power cut
 * the renamed file is empty; and the rename itself sits in the directory's cache until the directory is
 * flushed. Hence: write a temporary file beside the target, fsync it, close it, rename it over the
 * target, fsync the directory.
 *
 * Windows: the file's fsync (FlushFileBuffers) works, but a directory cannot be flushed from Node (open
 * gives a read-only handle, FlushFileBuffers on it fails with EPERM), so that step is skipped there.
 * NTFS journals the rename itself; after a power cut the target holds the old or the new content.
 */

/** The few calls on an open file the write needs; node:fs/promises' FileHandle has them. */
export interface DurableFileHandle {
  writeFile(data: string | Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The file system calls the write makes, node:fs/promises by default: tests pass one that records the
 * order of the calls or fails one of them, as a full or failing disk would.
 */
export interface DurableFileSystem {
  /** Like node's: the first folder it created, or undefined when the folder was there. */
  mkdir(dir: string, options: { recursive: true }): Promise<string | undefined>;
  open(file: string, flags: 'wx' | 'r', mode?: number): Promise<DurableFileHandle>;
  rename(from: string, to: string): Promise<void>;
  rm(file: string, options: { force: true }): Promise<void>;
}

export interface DurableWriteOptions {
  /** The new file's permission bits before the umask; Node's default 0o666 when not given. */
  mode?: number;
  fileSystem?: DurableFileSystem;
  platform?: NodeJS.Platform;
}

/**
 * Error codes of a file system that cannot flush a directory at all (some network mounts): the rename
 * has happened and there is nothing more to do. Anything else (EIO) is a failing disk and is thrown.
 */
const DIRECTORY_SYNC_UNSUPPORTED = new Set(['EINVAL', 'ENOTSUP', 'EOPNOTSUPP']);

/** `<file>.<uuid>.tmp`: left beside the target only when the process died between write and rename. */
function temporaryNameOf(file: string): string {
  return `${file}.${randomUUID()}.tmp`;
}

const TEMPORARY_NAME = /\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp$/;

/**
 * A temporary file is stale once nothing can still be writing it: a write takes well under a second,
 * so one untouched for an hour belongs to a process that was killed (or a PC switched off) mid-write.
 */
export const STALE_TEMPORARY_MS = 60 * 60_000;

/**
 * Removes what writeFileDurably left in `dir` (not below it) when a process was killed between write and
 * rename: nothing reads those files, and each can be as large as a scan. Only files named as the write
 * names them and untouched for `olderThanMs`, so another process's write in progress is never touched.
 * Answers how many it removed; a missing folder has none.
 */
export async function removeStaleTemporaries(
  dir: string,
  options: { olderThanMs?: number; now?: number } = {},
): Promise<number> {
  const olderThan = (options.now ?? Date.now()) - (options.olderThanMs ?? STALE_TEMPORARY_MS);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let removed = 0;
  for (const name of names.filter((candidate) => TEMPORARY_NAME.test(candidate))) {
    const file = path.join(dir, name);
    try {
      const stat = await fs.lstat(file);
      if (!stat.isFile() || stat.mtimeMs > olderThan) continue;
      await fs.rm(file, { force: true });
      removed += 1;
    } catch (error) {
      // Gone meanwhile (another instance swept it): nothing to do.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return removed;
}

/** Writes `data` to `file` durably (see above), creating its folder if needed. Strings are written as UTF-8. */
export async function writeFileDurably(
  file: string,
  data: string | Uint8Array,
  options: DurableWriteOptions = {},
): Promise<void> {
  const fileSystem = options.fileSystem ?? fs;
  const platform = options.platform ?? process.platform;
  const dir = path.dirname(file);
  const created = await fileSystem.mkdir(dir, { recursive: true });
  // A name of its own per write ('wx' refuses an existing one), so two writes at once (two processes,
  // two saves in a row) never write into the same temporary file.
  const temporary = temporaryNameOf(file);
  try {
    const handle = await fileSystem.open(temporary, 'wx', options.mode ?? 0o666);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fileSystem.rename(temporary, file);
  } catch (error) {
    // Nothing half-written is left behind; the target still holds its old content.
    await fileSystem.rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  if (platform === 'win32') return;
  for (const folder of foldersToSync(dir, created)) await syncDirectory(fileSystem, folder);
}

/**
 * The target's folder, which now names the new file, and, when that folder was just created (the first
 * scan under a new prefix, a fresh data folder), every folder that names a created one: without them a
 * power cut could lose the new folder and the file in it.
 */
function foldersToSync(dir: string, created: string | undefined): string[] {
  const folders = [dir];
  if (created === undefined) return folders;
  const top = path.dirname(path.resolve(created));
  let folder = path.resolve(dir);
  while (folder !== top && path.dirname(folder) !== folder) {
    folder = path.dirname(folder);
    folders.push(folder);
  }
  return folders;
}

/** Flushes the directory's entries, so the rename itself survives a power cut. */
async function syncDirectory(fileSystem: DurableFileSystem, dir: string): Promise<void> {
  let handle: DurableFileHandle;
  try {
    handle = await fileSystem.open(dir, 'r');
  } catch (error) {
    if (isUnsupported(error)) return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    if (!isUnsupported(error)) throw error;
  } finally {
    await handle.close();
  }
}

function isUnsupported(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && DIRECTORY_SYNC_UNSUPPORTED.has(code);
}
