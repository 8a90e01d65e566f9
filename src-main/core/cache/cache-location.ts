import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where a user's cache lives: `<dataDir>/cache/<server>/<user>.sqlite`, one file per user and server,
 * so two reviewers sharing a PC never read each other's applications, and a PC that talks to a test
 * server and the real one keeps them apart.
 *
 * The server part is a hash of the URL, because a URL is not a file name. Callers pass a URL that stays
 * the same between runs: the embedded server listens on a new port at every start, so for it pass a
 * fixed key (its URL would give a new, empty cache every time).
 */
export function applicationCacheFile(dataDir: string, serverUrl: string, userId: string): string {
  const serverKey = createHash('sha256').update(normalizeServerUrl(serverUrl)).digest('hex').slice(0, 16);
  return path.join(dataDir, 'cache', serverKey, `${userFileName(userId)}.sqlite`);
}

/**
 * Deletes a user's cache ("退出并清除本地数据") with its WAL and shared-memory files; whatever of them
 * does not exist is fine. Close the cache first: Windows refuses to delete an open file.
 */
export async function removeUserCache(dataDir: string, serverUrl: string, userId: string): Promise<void> {
  const file = applicationCacheFile(dataDir, serverUrl, userId);
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    await fs.rm(file + suffix, { force: true });
  }
  // The server's folder goes too once no user is left in it; another user's cache keeps it.
  await fs.rmdir(path.dirname(file)).catch(() => undefined);
}

/** http://Example.org:80/api/ and http://example.org/api are one server. */
function normalizeServerUrl(serverUrl: string): string {
  try {
    const url = new URL(serverUrl.trim());
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return serverUrl.trim();
  }
}

/**
 * The server's user ids are UUIDs and are used as they are (lower case), which keeps the folder readable
 * for support. Anything else becomes a hash: a file name made by replacing characters could collide
 * ("a.b" and "a_b") or be a name Windows reserves ("CON"), and hex digits and dashes are neither.
 */
function userFileName(userId: string): string {
  if (/^[0-9a-f][0-9a-f-]{7,63}$/i.test(userId)) return userId.toLowerCase();
  return `user-${createHash('sha256').update(userId).digest('hex').slice(0, 32)}`;
}
