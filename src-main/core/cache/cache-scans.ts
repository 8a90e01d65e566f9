import { createHash } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { CacheStore } from './cache-store';

export interface CachedAttachmentContent {
  fileId: string;
  fileName: string;
  mimeType: string;
  size: number;
  content: Buffer;
}

/**
 * Applications whose scan references one query of missingBlobs looks at: a few milliseconds of work,
 * so the event loop is never held for long (DESIGN.md "Sync").
 */
const MISSING_SCAN_SPAN = 1_000;

export interface MissingBlob {
  applicationId: string;
  fileId: string;
  sha256: string;
}

/** The scans: stored once per content hash, kept while a cached application refers to them. */
export class CacheScans {
  constructor(private readonly store: CacheStore) {}

  hasBlob(sha256: string): boolean {
    return this.store.first(
      this.store.kysely.selectFrom('attachment_blobs').where('sha256', '=', sha256).select('sha256'),
    )
      ? true
      : false;
  }

  /**
   * Stores a downloaded scan under its hash. The content must hash to `sha256`, so a truncated or wrong
   * download can never be served for every application that shares the hash. Only scans that a cached
   * application refers to are kept: a download that finishes after its application left the cache
   * would otherwise stay forever. Returns whether the scan was stored now (false when it already was,
   * or nothing refers to it).
   */
  putBlob(sha256: string, mimeType: string, content: Buffer): boolean {
    const actual = createHash('sha256').update(content).digest('hex');
    if (actual !== sha256.toLowerCase()) {
      throw new Error(`attachment content hashes to ${actual}, not ${sha256}`);
    }
    const { changes } = this.store.write(
      `insert into attachment_blobs (sha256, mime_type, content, cached_at)
       select ?, ?, ?, ?
        where exists (select 1 from application_attachments where sha256 = ?)
       on conflict (sha256) do nothing`,
      sha256,
      mimeType,
      content,
      new Date().toISOString(),
      sha256,
    );
    return changes > 0;
  }

  /**
   * A scan of a cached application, offline. Null when the application does not refer to that file or
   * the scan has not been downloaded yet. Name and type come from the application's reference: two
   * applications may share the content under different names.
   */
  getAttachment(applicationId: string, fileId: string): CachedAttachmentContent | null {
    const row = this.store.first(
      this.store.kysely
        .selectFrom('applications as app')
        .innerJoin('application_attachments as a', 'a.local_id', 'app.local_id')
        .innerJoin('attachment_blobs as b', 'b.sha256', 'a.sha256')
        .where('app.id', '=', applicationId)
        .where('a.file_id', '=', fileId)
        .select(['a.file_id', 'a.file_name', 'a.mime_type', 'a.size', 'b.content']),
    );
    if (!row) return null;
    return {
      fileId: row.file_id,
      fileName: row.file_name,
      mimeType: row.mime_type,
      size: row.size,
      content: row.content,
    };
  }

  /**
   * Scans that cached applications refer to but the cache lacks, one reference per distinct hash (one
   * download serves every application that shares it), for the prefetcher. With `among`, only the
   * scans of those applications (by id): after a delta the prefetcher asks about what the sync brought,
   * which costs what the delta does, where asking about every reference costs what the cache holds.
   *
   * Asynchronous because a look at every reference of 50,000 applications took over 100 ms in one
   * query, right at the end of a first sync: it looks at MISSING_SCAN_SPAN applications (by local id,
   * or names from `among`) per query, oldest first, and lets the event loop run between queries until
   * it has `limit`. A hash keeps the first reference found, the application cached first.
   */
  async missingBlobs(limit: number, among?: readonly string[]): Promise<MissingBlob[]> {
    const found = new Map<string, MissingBlob>();
    const take = (rows: MissingBlob[]) => {
      for (const { applicationId, fileId, sha256 } of rows) {
        if (found.size >= limit) return;
        if (!found.has(sha256)) found.set(sha256, { applicationId, fileId, sha256 });
      }
    };
    if (among === undefined) {
      const query = this.missingQuery('a.local_id > ? and a.local_id <= ?');
      const last = this.store.statement<[], { last: number | null }>(
        'select max(local_id) as last from applications',
      );
      const end = last.get()?.last ?? 0;
      for (let after = 0; after < end && found.size < limit; after += MISSING_SCAN_SPAN) {
        if (after > 0) await yieldToEventLoop();
        if (this.store.closed) break;
        take(query.all(after, after + MISSING_SCAN_SPAN));
      }
    } else {
      const query = this.missingQuery(
        'a.local_id in (select local_id from applications where id in (select value from json_each(?)))',
      );
      for (let from = 0; from < among.length && found.size < limit; from += MISSING_SCAN_SPAN) {
        if (from > 0) await yieldToEventLoop();
        if (this.store.closed) break;
        take(query.all(JSON.stringify(among.slice(from, from + MISSING_SCAN_SPAN))));
      }
    }
    return [...found.values()];
  }

  /** The missing scans of the attachment references `where` picks, each hash with its smallest local id. */
  private missingQuery(where: string) {
    // min() makes SQLite take file_id from the same row as the smallest local_id of each hash.
    return this.store.statement<unknown[], MissingBlob>(
      `select m.sha256 as sha256, app.id as applicationId, m.file_id as fileId
         from (select a.sha256, min(a.local_id) as local_id, a.file_id
                 from application_attachments a
                where ${where}
                  and not exists (select 1 from attachment_blobs b where b.sha256 = a.sha256)
                group by a.sha256) m
         join applications app on app.local_id = m.local_id
        order by m.local_id`,
    );
  }

  /** Deletes scans no cached application refers to; applyPage and finishSnapshot already do it for theirs. */
  pruneUnreferencedBlobs(): number {
    return this.store.write(
      `delete from attachment_blobs
        where not exists (select 1 from application_attachments a where a.sha256 = attachment_blobs.sha256)`,
    ).changes;
  }
}
