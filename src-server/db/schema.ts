import type { Insertable, Selectable } from 'kysely';

/**
 * The platform's tables as Kysely sees them. One schema serves SQLite and PostgreSQL, so columns use
 * only portable types: text ids (UUIDs made by the server), text ISO-8601 UTC timestamps (they sort
 * as strings), and integers for flags. Later migrations add tables (registrations, applications,
 * sync sequences) and columns here; nothing below needs reshaping for them.
 */

export type UnitKind = 'unit' | 'department' | 'titleOffice';
export type UnitStatus = 'pending' | 'approved' | 'rejected';

export interface UnitsTable {
  id: string;
  kind: UnitKind;
  name: string;
  /** 统一社会信用代码; null only for the seeded root, which is created by the platform itself. */
  credit_code: string | null;
  /** The superior: a department for a unit, the title office for a department, null for the root. */
  parent_id: string | null;
  status: UnitStatus;
  created_at: string;
  updated_at: string;
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
}

export type UnitRow = Selectable<UnitsTable>;
export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type TicketRow = Selectable<TicketsTable>;
export type ManualResetRequestRow = Selectable<ManualResetRequestsTable>;
export type NewUnit = Insertable<UnitsTable>;
export type NewUser = Insertable<UsersTable>;
