import type { Insertable, Selectable } from 'kysely';
import type { ApplicationState } from '../../src-shared/domain/workflow';

/**
 * The platform's tables as Kysely sees them. One schema serves SQLite and PostgreSQL, so columns use
 * only portable types: text ids (UUIDs made by the server), text ISO-8601 UTC timestamps (they sort
 * as strings), and integers for flags. Later migrations add tables (applications, sync sequences)
 * and columns here.
 */

export type UnitKind = 'unit' | 'department' | 'titleOffice';
export type UnitStatus = 'pending' | 'approved' | 'rejected';

/**
 * A unit, department or the title office. A registration (manual 3.1) is the unit's row itself: it is
 * written in status pending with the form's fields, and approval makes it a unit that people administer.
 * The registration columns are null only for the title office, which the admin command creates.
 */
export interface UnitsTable {
  id: string;
  kind: UnitKind;
  name: string;
  /**
   * 统一社会信用代码; null only for the title office. Unique among pending and approved units (a partial
   * index), so a rejected registration does not block the code.
   */
  credit_code: string | null;
  /** The superior: a department for a unit, the title office or a department for a department. */
  parent_id: string | null;
  status: UnitStatus;
  created_at: string;
  updated_at: string;
  /** 单位性质, one of UNIT_NATURES. */
  nature: string | null;
  /** 所属行业, one of INDUSTRIES. */
  industry: string | null;
  /** 所在区县, the id of one of CHONGQING_DISTRICTS (a GB/T 2260 code, or a zone's key). */
  district_code: string | null;
  address: string | null;
  /** 单位负责人 */
  leader_name: string | null;
  /** 联系人: the registering person's name when they submitted. */
  contact_name: string | null;
  /** Normalised: 11 digits or 023-xxxxxxxx. */
  contact_phone: string | null;
  /** The 营业执照/法人证书 scan. */
  licence_file_id: string | null;
  /** Who registered the unit; they administer it once it is approved. */
  registered_by: string | null;
  /** The latest submission (first or re-submission): the review queue's order. */
  submitted_at: string | null;
  /** Set while the registration is rejected; cleared when it is resubmitted (the history keeps it). */
  reject_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
}

export type UnitEventAction = 'submitted' | 'resubmitted' | 'approved' | 'rejected';

/** The change history of a registration: one row per submission and per decision. */
export interface UnitEventsTable {
  unit_id: string;
  /** 1, 2, ... per unit: orders events that share a timestamp. */
  seq: number;
  at: string;
  action: UnitEventAction;
  /** Null once the user is gone; the name stays. */
  actor_id: string | null;
  /** The actor's name at the time, so the history reads the same later. */
  actor_name: string;
  reason: string | null;
}

/** An uploaded file's metadata; the bytes are in the FileStorage under the same id. */
export interface FilesTable {
  id: string;
  /** The uploader, the only person who may attach the file; null for files the demo seed wrote. */
  owner_user_id: string | null;
  /** As uploaded, without any folder part. */
  file_name: string;
  /** Detected from the content, never from the name. */
  mime_type: string;
  size: number;
  /** Hex SHA-256 of the content. */
  sha256: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  /** As typed at registration; unique and looked up case-insensitively through lower(account). */
  account: string;
  name: string;
  /** Normalised: upper-case X. */
  id_number: string;
  /** Normalised: 11 digits without +86. */
  mobile: string;
  /** `scrypt$N$r$p$salt$hash`, never the password. */
  password_hash: string;
  created_at: string;
  updated_at: string;
}

export interface UnitAdminsTable {
  user_id: string;
  unit_id: string;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  /** SHA-256 (hex) of the bearer token: a leaked database does not hand out live sessions. */
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  /** Absolute end of the session, whatever its activity. */
  expires_at: string;
  revoked_at: string | null;
}

export interface CaptchasTable {
  /** Random, handed to the client with the image. */
  id: string;
  /**
   * The characters shown, as shown. Kept readable rather than hashed: four characters of a small
   * alphabet would fall to any hash in moments, and the row lives two minutes; the demo outbox lists it.
   */
  answer: string;
  created_at: string;
  expires_at: string;
  /** Set by the first attempt, right or wrong: a captcha is good for one guess. */
  used_at: string | null;
}

export type SmsPurpose = 'register' | 'reset';

export interface SmsCodesTable {
  id: string;
  /** Normalised: 11 digits. */
  mobile: string;
  purpose: SmsPurpose;
  /** SHA-256 (hex) of `${id}:${code}`; the code itself is never stored here. */
  code_hash: string;
  created_at: string;
  expires_at: string;
  /** Wrong tries so far; the code is dead at the limit. */
  attempts: number;
  /** Used, or replaced by a newer code for the same phone and purpose. */
  consumed_at: string | null;
}

/** One row per phone: when it last got a code and how many it got on `day`, for the resend limits. */
export interface SmsPhoneQuotaTable {
  mobile: string;
  last_sent_at: string;
  /** The calendar day in China (YYYY-MM-DD) that `day_count` counts. */
  day: string;
  day_count: number;
}

/** What the outbox gateway "sent": the demo stand-in for a phone network. */
export interface SmsOutboxTable {
  id: string;
  mobile: string;
  purpose: SmsPurpose;
  text: string;
  code: string;
  sent_at: string;
}

export type TicketStep = 'register.verify' | 'reset.method' | 'reset.verify' | 'reset.password';

export interface TicketsTable {
  /** SHA-256 (hex) of the ticket handed to the client. */
  token_hash: string;
  step: TicketStep;
  /** The account a reset ticket is bound to; null for a registration, which has no account yet. */
  user_id: string | null;
  /** JSON the next step needs (the pending registration, with the password already hashed). */
  payload: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface LoginFailuresTable {
  /** `user:<id>` for an account that exists, else the normalised identifier (see login-guard.ts). */
  subject: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

export interface RateLimitsTable {
  /** Bucket, client IP and window start. */
  key: string;
  count: number;
  /** The end of the window; the row is useless afterwards. */
  expires_at: string;
}

export type ManualResetStatus = 'pending' | 'resolved' | 'rejected';

export interface ManualResetRequestsTable {
  id: string;
  name: string;
  /** Normalised, as the person typed it: it may match no account, which is for 职改办 to judge. */
  id_number: string;
  contact: string;
  reason: string;
  status: ManualResetStatus;
  submitted_at: string;
  handled_at: string | null;
  handled_by: string | null;
  note: string | null;
}

/** An application (申报书); DOMAIN.md "The application" and "Workflow". */
export interface ApplicationsTable {
  id: string;
  /** 申请书编号, unique. */
  application_no: string;
  year: string;
  applicant_id: string;
  /** The applicant's unit, which reviews first. */
  unit_id: string;
  /** The unit's superior at submission, which reviews what the unit reports up. */
  department_id: string | null;
  state: ApplicationState;
  /** Changes with every write, so a decision made against an older version is a conflict. */
  version: number;
  submit_count: number;
  /** Copied from the content on every write, for lists and search. */
  applicant_name: string;
  id_number: string;
  /** 系列/专业/资格 */
  qualification: string;
  application_type: string;
  /** ApplicationContent as JSON text; attachment fields hold file ids. */
  content: string;
  publicity_start: string | null;
  publicity_end: string | null;
  created_at: string;
  updated_at: string;
  /** The latest submission (first or re-submission). */
  submitted_at: string | null;
  /** The content as it was at the latest return (0005), so reviewers see what changed since. */
  previous_content: string | null;
}

export interface ApplicationEventsTable {
  application_id: string;
  /** 1, 2, ... per application. */
  seq: number;
  at: string;
  /** A TransitionId, or 'created' / 'saved' for the applicant's edits of a draft. */
  action: string;
  from_state: ApplicationState | null;
  to_state: ApplicationState;
  actor_id: string | null;
  /** The actor's name at the time. */
  actor_name: string;
  comment: string | null;
}

/** A scan an application's content refers to, and where. */
export interface ApplicationFilesTable {
  application_id: string;
  file_id: string;
  section_key: string;
  field_key: string;
  row_index: number | null;
}

/** One change counter per sync scope (`unit:<id>` or `department:<id>`). */
export interface SyncScopesTable {
  scope: string;
  seq: number;
}

/** When an application last changed in a scope, and whether it is still there (0 is a tombstone). */
export interface SyncScopeEntriesTable {
  scope: string;
  application_id: string;
  seq: number;
  visible: number;
}

/** A reviewer's comment, kept for every round (0005). */
export interface ApplicationCommentsTable {
  id: string;
  application_id: string;
  /** 1, 2, ... per application, in the order the comments were made. */
  seq: number;
  /** The application's submit_count when the comment was made. */
  round: number;
  /** '' for the application as a whole. */
  section_key: string;
  row_index: number | null;
  field_key: string | null;
  text: string;
  author_id: string | null;
  /** The author's name at the time. */
  author_name: string;
  /** The TransitionId of the decision the comment came with. */
  action: string;
  at: string;
}

export type ReviewOperationOutcome = 'applied' | 'conflict' | 'rejected';

/** The stored result of a pushed review operation, keyed by the client's UUID (0005). */
export interface ReviewOperationsTable {
  id: string;
  user_id: string;
  application_id: string;
  outcome: ReviewOperationOutcome;
  message: string | null;
  created_at: string;
}

/** One State Council notice of the statutory calendar (0008). */
export interface HolidayYearsTable {
  year: number;
  /** The notice's title, e.g. 国务院办公厅关于2026年部分节假日安排的通知. */
  notice: string;
  /** The notice's date, YYYY-MM-DD. */
  published: string;
  /** The notice's holidays as JSON (Holiday[]: name, daysOff, workdays). */
  holidays: string;
  /** When the title office last replaced the year; null for a year as seeded. */
  updated_at: string | null;
  /** Who replaced it: 姓名(账号), or the admin command. */
  updated_by: string | null;
}

/** 常用意见 of one account (migration 0010); no row: the presets, version 0. */
export interface CommentPhrasesTable {
  user_id: string;
  /** The phrases in the reviewer's order, as a JSON array of strings. */
  phrases: string;
  /** Counts the saves: 1 after the first. */
  version: number;
  updated_at: string;
}

export interface ServerMetaTable {
  key: string;
  value: string;
}

export interface Database {
  units: UnitsTable;
  users: UsersTable;
  unit_admins: UnitAdminsTable;
  sessions: SessionsTable;
  captchas: CaptchasTable;
  sms_codes: SmsCodesTable;
  sms_phone_quota: SmsPhoneQuotaTable;
  sms_outbox: SmsOutboxTable;
  tickets: TicketsTable;
  login_failures: LoginFailuresTable;
  rate_limits: RateLimitsTable;
  manual_reset_requests: ManualResetRequestsTable;
  unit_events: UnitEventsTable;
  files: FilesTable;
  applications: ApplicationsTable;
  application_events: ApplicationEventsTable;
  application_files: ApplicationFilesTable;
  sync_scopes: SyncScopesTable;
  sync_scope_entries: SyncScopeEntriesTable;
  server_meta: ServerMetaTable;
  application_comments: ApplicationCommentsTable;
  review_operations: ReviewOperationsTable;
  holiday_years: HolidayYearsTable;
  comment_phrases: CommentPhrasesTable;
}

export type UnitRow = Selectable<UnitsTable>;
export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type TicketRow = Selectable<TicketsTable>;
export type FileRow = Selectable<FilesTable>;
export type ApplicationRow = Selectable<ApplicationsTable>;
export type ReviewOperationRow = Selectable<ReviewOperationsTable>;
export type ManualResetRequestRow = Selectable<ManualResetRequestsTable>;
export type NewUnit = Insertable<UnitsTable>;
export type NewUser = Insertable<UsersTable>;
