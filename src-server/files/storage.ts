import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { removeStaleTemporaries, writeFileDurably } from '../../src-node/fs/durable-write';

/**
 * Where the bytes of uploaded files live; the `files` table holds what is known about them. An interface,
 * like the SMS gateway, so that a deployment can put scans in an object store later; the platform ships
 * a folder on disk.
 */
export interface FileStorage {
  /** Stores the content under a new id (unique, opaque, not guessable) and returns the id. */
  put(content: Uint8Array): Promise<string>;
  /** The content stored under the id; throws StoredFileMissing when there is none. */
  get(id: string): Promise<Buffer>;
  /** Removes the content, if any: used when the row that would name it could not be written. */
  delete(id: string): Promise<void>;
  /**
   * Removes what uploads cut off by a kill or a power cut left (never a stored file), and answers how
   * many: run once as the server starts. A storage that can leave nothing behind needs none.
   */
  removeUnfinished?(): Promise<number>;
}

/**
 * The storage has no content under this id although a row names it: a restored database, a cleaned
 * folder, or an instance pointed at another folder than the rest. Routes answer it with a 404
 * (readStoredFile), unlike a storage that fails, which stays a server error.
 */
export class StoredFileMissing extends Error {
  constructor(readonly fileId: string) {
    super(`File ${fileId} is missing from the file storage`);
    this.name = 'StoredFileMissing';
  }
}

/** Ids are UUIDs made here; anything else cannot name a file and must not reach the file system. */
const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * One file per id in a folder, spread over 256 subfolders by the id's first two characters so that no
 * folder grows huge. Several server instances may share the folder (a network mount): ids never collide,
 * and a file appears under its name only once it is complete.
 */
export function directoryFileStorage(dir: string): FileStorage {
  const root = path.resolve(dir);
  const pathOf = (id: string) => {
    if (!ID_PATTERN.test(id)) throw new Error(`Not a file id: ${JSON.stringify(id)}`);
    return path.join(root, id.slice(0, 2), id);
  };
  return {
    async put(content) {
      const id = randomUUID();
      const target = pathOf(id);
      // Durably: a crash never leaves a truncated scan under a real id, and once put returns (and a row
      // names the id) the scan survives a power cut.
      await writeFileDurably(target, content, { mode: 0o640 });
      return id;
    },
    async get(id) {
      if (!ID_PATTERN.test(id)) throw new StoredFileMissing(id);
      try {
        return await fs.readFile(pathOf(id));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StoredFileMissing(id);
        throw error;
      }
    },
    async delete(id) {
      await fs.rm(pathOf(id), { force: true });
    },
    async removeUnfinished() {
      let removed = 0;
      // One look at each of the 256 folders, once per start: not worth doing at every sweep.
      for (let prefix = 0; prefix < 256; prefix += 1) {
        removed += await removeStaleTemporaries(path.join(root, prefix.toString(16).padStart(2, '0')));
      }
      return removed;
    },
  };
}
