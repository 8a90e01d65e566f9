import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { AppFailure } from '../../src-shared/contracts/errors';
import type { UnitRegistration } from '../../src-shared/contracts/units';
import { districtById } from '../../src-shared/domain/districts';
import type { Database, UnitEventAction, UnitKind } from '../db/schema';

/**
 * Reading registrations, and who may see and decide them. Every check is part of the query that finds
 * the row, so a registration outside the caller's reach is never loaded, let alone compared in code.
 */

/** The kinds a person registers; the title office is created by the admin command instead. */
const REGISTERED_KINDS: readonly UnitKind[] = ['unit', 'department'];

/** The superiors a registration of each kind may name. */
export const ALLOWED_PARENT_KINDS: Readonly<Record<'unit' | 'department', readonly UnitKind[]>> = {
  unit: ['department'],
  department: ['titleOffice', 'department'],
};

/** The ids of the approved units a person administers (of the given kinds), as a subquery. */
export function administeredUnits(db: Kysely<Database>, userId: string, kinds?: readonly UnitKind[]) {
  let query = db
    .selectFrom('unit_admins as a')
    .innerJoin('units as au', 'au.id', 'a.unit_id')
    .select('a.unit_id')
    .where('a.user_id', '=', userId)
    .where('au.status', '=', 'approved');
  if (kinds !== undefined) query = query.where('au.kind', 'in', kinds);
  return query;
}

/**
 * Refuses (403, with `message`) anyone who does not administer the approved 职改办: the routes only the
 * title office may use (人工找回 requests, the holiday table).
 */
export async function requireTitleOffice(
  db: Kysely<Database>,
  userId: string,
  message: string,
): Promise<void> {
  const office = await administeredUnits(db, userId, ['titleOffice']).executeTakeFirst();
  if (office === undefined) throw new AppFailure('FORBIDDEN', message);
}

/** A registration's row with its superior's name and its scan's metadata. */
export function registrationQuery(db: Kysely<Database>) {
  return db
    .selectFrom('units as u')
    .innerJoin('units as p', 'p.id', 'u.parent_id')
    .innerJoin('files as f', 'f.id', 'u.licence_file_id')
    .where('u.kind', 'in', REGISTERED_KINDS)
    .select([
      'u.id',
      'u.name',
      'u.credit_code',
      'u.kind',
      'u.nature',
      'u.industry',
      'u.district_code',
      'u.parent_id',
      'p.name as parent_name',
      'u.address',
      'u.leader_name',
      'u.contact_name',
      'u.contact_phone',
      'u.status',
      'u.reject_reason',
      'u.registered_by',
      'u.submitted_at',
      'u.created_at',
      'u.updated_at',
      'f.id as file_id',
      'f.file_name',
      'f.mime_type',
      'f.size',
    ]);
}

type RegistrationQuery = ReturnType<typeof registrationQuery>;
export type RegistrationRow = Awaited<ReturnType<RegistrationQuery['executeTakeFirstOrThrow']>>;

/**
 * Limits a registration query to what a person may see: their own registrations, the units they
 * administer, and the registrations under a unit they administer (a department's or the 职改办's).
 */
export function visibleTo(query: RegistrationQuery, db: Kysely<Database>, userId: string): RegistrationQuery {
  return query.where((eb) =>
    eb.or([
      eb('u.registered_by', '=', userId),
      eb('u.id', 'in', administeredUnits(db, userId)),
      eb('u.parent_id', 'in', administeredUnits(db, userId)),
    ]),
  );
}

/** What a person may do with a registration they can see, read in the same query that finds it. */
export interface RegistrationAccess {
  status: RegistrationRow['status'];
  /** They administer its superior: they may approve or reject it. */
  reviews: boolean;
  /** They submitted it: they may edit and resubmit it once rejected, and may not review it. */
  registered: boolean;
}

/** The caller's access to a registration, or null when it does not exist for them. */
export async function registrationAccess(
  db: Kysely<Database>,
  id: string,
  userId: string,
): Promise<RegistrationAccess | null> {
  const row = await visibleTo(registrationQuery(db), db, userId)
    .where('u.id', '=', id)
    .clearSelect()
    .select((eb) => [
      'u.status',
      eb.case().when('u.parent_id', 'in', administeredUnits(db, userId)).then(1).else(0).end().as('reviews'),
      eb.case().when('u.registered_by', '=', userId).then(1).else(0).end().as('registered'),
    ])
    .executeTakeFirst();
  if (row === undefined) return null;
  return { status: row.status, reviews: Number(row.reviews) === 1, registered: Number(row.registered) === 1 };
}

/** The registrations of these rows with their histories, in the rows' order. */
export async function withHistory(
  db: Kysely<Database>,
  rows: readonly RegistrationRow[],
): Promise<UnitRegistration[]> {
  if (rows.length === 0) return [];
  const events = await db
    .selectFrom('unit_events')
    .select(['unit_id', 'at', 'action', 'actor_name', 'reason'])
    .where(
      'unit_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('unit_id')
    .orderBy('seq')
    .execute();
  const byUnit = new Map<string, UnitRegistration['history']>();
  for (const event of events) {
    const history = byUnit.get(event.unit_id) ?? [];
    history.push({ at: event.at, action: event.action, actorName: event.actor_name, reason: event.reason });
    byUnit.set(event.unit_id, history);
  }
  return rows.map((row) => toRegistration(row, byUnit.get(row.id) ?? []));
}

/** One registration as its registrant and reviewers see it. */
export async function loadRegistration(db: Kysely<Database>, id: string): Promise<UnitRegistration> {
  const row = await registrationQuery(db).where('u.id', '=', id).executeTakeFirstOrThrow();
  const [registration] = await withHistory(db, [row]);
  if (registration === undefined) throw new Error(`Registration ${id} vanished`);
  return registration;
}

function toRegistration(row: RegistrationRow, history: UnitRegistration['history']): UnitRegistration {
  const districtCode = row.district_code ?? '';
  return {
    id: row.id,
    name: row.name,
    creditCode: row.credit_code ?? '',
    kind: row.kind,
    nature: row.nature ?? '',
    industry: row.industry ?? '',
    districtCode,
    districtName: districtById(districtCode)?.name ?? districtCode,
    parentId: row.parent_id ?? '',
    parentName: row.parent_name,
    address: row.address ?? '',
    leaderName: row.leader_name ?? '',
    contactName: row.contact_name ?? '',
    contactPhone: row.contact_phone ?? '',
    licence: {
      fileId: row.file_id,
      fileName: row.file_name,
      mimeType: row.mime_type,
      size: Number(row.size),
    },
    status: row.status,
    rejectReason: row.reject_reason,
    submittedAt: row.submitted_at ?? row.created_at,
    updatedAt: row.updated_at,
    history,
  };
}

export interface UnitEvent {
  at: string;
  action: UnitEventAction;
  actorId: string | null;
  actorName: string;
  reason?: string | null;
}

/**
 * Appends an event to a unit's history. Call it in the transaction of the change it records: the
 * change's conditional update has locked the unit's row, so the next sequence number cannot race.
 */
export async function recordUnitEvent(db: Kysely<Database>, unitId: string, event: UnitEvent) {
  const { last } = await db
    .selectFrom('unit_events')
    .select((eb) => eb.fn.coalesce(eb.fn.max('seq'), sql<number>`0`).as('last'))
    .where('unit_id', '=', unitId)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('unit_events')
    .values({
      unit_id: unitId,
      seq: Number(last) + 1,
      at: event.at,
      action: event.action,
      actor_id: event.actorId,
      actor_name: event.actorName,
      reason: event.reason ?? null,
    })
    .execute();
}
