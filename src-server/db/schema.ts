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

export interface Database {
  units: UnitsTable;
  users: UsersTable;
  unit_admins: UnitAdminsTable;
  sessions: SessionsTable;
}

export type UnitRow = Selectable<UnitsTable>;
export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type NewUnit = Insertable<UnitsTable>;
export type NewUser = Insertable<UsersTable>;
