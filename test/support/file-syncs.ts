import fs from 'node:fs/promises';
import { vi } from 'vitest';

/**
 * Watches node:fs/promises for files and folders flushed to disk (FileHandle.sync), in order, so that a
 * caller's test can check that it writes durably (src-node/fs/durable-write.ts) without a way in to pass
 * a file system. Node's own module is watched, none of ours is replaced. Call `restore` after the test.
 */
export function watchFileSyncs(): { synced: string[]; restore: () => void } {
  const synced: string[] = [];
  const realOpen = fs.open.bind(fs);
  const spy = vi.spyOn(fs, 'open').mockImplementation(async (...args: Parameters<typeof fs.open>) => {
    const handle = await realOpen(...args);
    const realSync = handle.sync.bind(handle);
    handle.sync = async () => {
      await realSync();
      synced.push(String(args[0]));
    };
    return handle;
  });
  return { synced, restore: () => spy.mockRestore() };
}
