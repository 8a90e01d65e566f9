import type { Kysely } from 'kysely';
import type { Database } from '../../src-server/db/schema';
import { iterateApplications, type ScanKind } from '../../src-server/demo/applications/generator';
import { insertGeneratedApplications, storeDemoScans } from '../../src-server/demo/demo-applications';
import { directoryFileStorage } from '../../src-server/files/storage';
import type { ApplicationState } from '../../src-shared/domain/workflow';

/**
 * Applications on the platform server for tests: generated ones written straight into its database, the
 * way the demo seeds them (thousands in seconds, in any state), and what the server holds for a unit's
 * list.
 */

export type DemoScans = Readonly<Record<ScanKind, string>>;

/** Stores the demo scans in the server's file folder; every generated application can share them. */
export function storeScans(db: Kysely<Database>, filesDir: string, now: Date): Promise<DemoScans> {
  return storeDemoScans(db, directoryFileStorage(filesDir), now.toISOString());
}

export interface GeneratedApplications {
  unitId: string;
  /** The unit's superior department, which sees what the unit reports up. */
  departmentId: string | null;
  /** 现工作单位 in the content; it also decides the series (demo/applications/tracks.ts). */
  employer: string;
  seed: number;
  /** Cycled over the applications: one per state unless `count` says how many. */
  states: readonly ApplicationState[];
  count?: number;
  /** The number of the first one (its application number ends in it), for finding them again. */
  firstIndex: number;
  now: Date;
}

/** Writes generated applications, with their histories and scans, as the demo's reviewers left them. */
export async function addGeneratedApplications(
  db: Kysely<Database>,
  scans: DemoScans,
  generated: GeneratedApplications,
): Promise<void> {
  const { unitId, departmentId, states, count = states.length, ...options } = generated;
  await insertGeneratedApplications(
    db,
    {
      unitId,
      departmentId,
      unitAdmin: { id: null, name: '李明' },
      deptAdmin: { id: null, name: '王芳' },
      // Nobody signs in as these applicants.
      applicantPasswordHash: '!',
    },
    scans,
    iterateApplications({ ...options, states, count }),
  );
}

/** What the server holds for a unit's list: the ids of its applications that are not drafts, sorted. */
export async function listedIdsOfUnit(db: Kysely<Database>, unitId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('applications')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('state', '!=', 'draft')
    .execute();
  return rows.map((row) => row.id).sort();
}
