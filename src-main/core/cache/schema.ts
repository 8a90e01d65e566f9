import type { Generated } from 'kysely';
import type { ApplicationState } from '../../../src-shared/domain/workflow';

/**
 * The local cache's tables as Kysely sees them (migrations/ creates them). Text ISO-8601 timestamps as the
 * server sends them, integers for flags, ids as the server's strings.
 *
 * What comes from the server (applications, documents, attachments, blobs) can always be fetched again;
 * what the reviewer made here (comment_drafts, outbox) exists nowhere else, so nothing that syncs ever
 * deletes it and no foreign key ties it to a cached application.
 */
export interface CacheDatabase {
  applications: ApplicationsTable;
  application_documents: ApplicationDocumentsTable;
  application_attachments: ApplicationAttachmentsTable;
  attachment_blobs: AttachmentBlobsTable;
  sync_state: SyncStateTable;
  comment_drafts: CommentDraftsTable;
  outbox: OutboxTable;
  holiday_table: HolidayTableTable;
  comment_phrases: CommentPhrasesTable;
}

/** The narrow row the list reads: every column the list filters, sorts or shows, and nothing large. */
export interface ApplicationsTable {
  /** The cache's own key for the application (see the migration for why); never leaves the cache. */
  local_id: Generated<number>;
  /** The server's id. */
  id: string;
  application_no: string;
  applicant_name: string;
  /** The name's pinyin sort key (pinyin-key.ts), which 姓名 sorts by; 0006. */
  applicant_name_key: string;
  /** In full; masked when a list row is built. */
  id_number: string;
  qualification: string;
  application_type: string;
  state: ApplicationState;
  version: number;
  submit_count: number;
  unit_id: string;
  unit_name: string;
  /** The unit name's pinyin sort key, which 所在单位 sorts by; 0006. */
  unit_name_key: string;
  department_id: string | null;
  year: string;
  submitted_at: string | null;
  updated_at: string;
  publicity_start: string | null;
  publicity_end: string | null;
  /**
   * lower(name|application_no|id_number|full pinyin|initials) (applicationSearchText): one LIKE serves
   * the list's search box.
   */
  search_text: string;
  /** sync_state.snapshot_generation when the row was last written; a snapshot sweeps older rows. */
  generation: number;
}

/** The large parts of an application, read only when it is opened. */
export interface ApplicationDocumentsTable {
  local_id: number;
  content_json: string;
  /** The server's attachment list in its order (application_attachments has the same rows, for lookups). */
  attachments_json: string;
  history_json: string;
  /** Every round's review comments (StoredComment[]), so the dialog shows what was asked before. */
  comments_json: string;
  /** The content at the latest return, to show what the applicant changed since; null before any. */
  previous_content_json: string | null;
}

export interface ApplicationAttachmentsTable {
  local_id: number;
  file_id: string;
  sha256: string;
  file_name: string;
  mime_type: string;
  size: number;
  section_key: string;
  field_key: string;
  row_index: number | null;
}

/** Scans by content hash: one copy however many applications (or re-submissions) refer to it. */
export interface AttachmentBlobsTable {
  sha256: string;
  mime_type: string;
  content: Buffer;
  cached_at: string;
}

/** Exactly one row (id 1). */
export interface SyncStateTable {
  id: number;
  /** Where the next pull starts; null before the first page and at the start of a snapshot. */
  cursor: string | null;
  last_synced_at: string | null;
  snapshot_generation: number;
  /** 1 between beginSnapshot and finishSnapshot, also across a restart. */
  snapshot_in_progress: number;
  /** Whose cache this is, recorded on the first open that names them. */
  server_url: string | null;
  user_id: string | null;
}

/**
 * A comment the reviewer is writing, until it is sent with a decision. `target` says what it is about:
 * the whole application, a section, a row of a section or a single field (review/comment-targets.ts
 * spells the key), so one text column can be the primary key; SQLite lets NULLs repeat in a composite
 * primary key, which separate nullable row/field columns would need.
 */
export interface CommentDraftsTable {
  application_id: string;
  target: string;
  text: string;
  updated_at: string;
}

export type OutboxStatus = 'pending' | 'sending' | 'applied' | 'conflict' | 'rejected';

/** A decision made offline-first: durable here before the UI says "saved", then sent in `seq` order. */
export interface OutboxTable {
  /** The operation id (UUID) the server uses to recognise a replay. */
  id: string;
  /** Queue order; rowids may be renumbered by VACUUM, so the order is a column of its own. */
  seq: number;
  application_id: string;
  operation: string;
  payload_json: string;
  /** The application version the decision was made against. */
  base_version: number;
  created_at: string;
  status: OutboxStatus;
  attempts: number;
  /** Backoff: a transient failure is retried no earlier than this. */
  next_attempt_at: string | null;
  last_error: string | null;
  /** The server's final answer (conflict / rejected; applied ones are deleted), as JSON without the record. */
  result_json: string | null;
  /** Why the server refused it (conflict, rejected), in Chinese, for the reviewer. */
  message: string | null;
}

/** The server's holiday table as last synced (0003); exactly one row (id 1), none before the first sync. */
export interface HolidayTableTable {
  id: number;
  /** HolidayYear[] as the server sent them. */
  years_json: string;
  /** The server's updatedAt of the table. */
  updated_at: string | null;
  /** When this copy was taken. */
  synced_at: string;
}

/** The reviewer's 常用意见 (0005); exactly one row (id 1), none before the first sync or edit. */
export interface CommentPhrasesTable {
  id: number;
  /** The list as this client shows it: the server's, or the edit made here (pending). */
  phrases_json: string;
  /** The server's list the edit was made from (the same as phrases_json when nothing is pending). */
  base_json: string;
  /** The server's version of base_json (0: the presets, before the account's first save). */
  base_version: number;
  /** Counts the edits made here, so a sync can tell whether the list changed while it was sending. */
  revision: number;
  /** 1 while an edit made here has not reached the server. */
  pending: number;
  /** Why the pending edit cannot be sent as it is, in Chinese; null when nothing is wrong. */
  problem: string | null;
  /** When the server's list was last taken; null before the first sync. */
  synced_at: string | null;
}
