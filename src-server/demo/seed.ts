import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { claimSeedWriter } from '../db/startup-lock';
import { stageFiles } from '../files/staged';
import type { FileStorage } from '../files/storage';
import { recordUnitEvent } from '../units/registrations';
import { DEMO_ACCOUNTS, DEMO_OTHER_ACCOUNTS, DEMO_UNITS } from './accounts';
import type { DemoRegistration, DemoUnit, DemoUnitKey } from './accounts';
import { demoLicencePdf } from './licence-pdf';
import { demoPasswordHash } from './password-hashes';
import type { ApplicationState } from '../../src-shared/domain/workflow';
import { iterateApplications } from './applications/generator';
import { demoScanContents, insertGeneratedApplications, recordDemoScans } from './demo-applications';

// Where it lived before the seed was loaded only for empty databases.
export { isDatabaseEmpty } from './is-empty';

const SEEDED_ACCOUNTS = [...DEMO_ACCOUNTS, ...DEMO_OTHER_ACCOUNTS];

/**
 * Writes the demo people and units of accounts.ts: the accounts, the unit tree with each unit's
 * registration (form fields, a one-page PDF scan in the file storage, and its history), who administers
 * what, and the demo hospital's applications. Idempotent: each record is looked up by its natural key
 * (account, unit name and kind) and only missing ones are added, so a second run changes nothing, not
 * even a demo password someone has changed since. A unit seeded before registrations existed gets its
 * registration filled in.
 *
 * All or nothing: the scans are stored first, the rows written in one transaction that is the only
 * writer (claimSeedWriter), and the scans no committed row names (all of them when the transaction
 * fails, the licences of units that already had one) are deleted again.
 */
export async function seedDemoData(db: Kysely<Database>, files: FileStorage, now: Date = new Date()) {
  const at = now.toISOString();
  // Before the transaction: a password without a precomputed hash takes a while in scrypt, and the write
  // lock should not wait for it.
  const hashes = new Map(
    await Promise.all(
      SEEDED_ACCOUNTS.map(async (demo) => [demo.account, await demoPasswordHash(demo.password)] as const),
    ),
  );
  const applicantPasswordHash = await demoPasswordHash(DEMO_APPLICANT_PASSWORD);

  const registered = DEMO_UNITS.filter((unit) => unit.registration !== null);
  const scanContents = demoScanContents();
  const staged = await stageFiles(files, [
    ...registered.map((unit) => demoLicencePdf(unit.creditCode ?? '')),
    ...scanContents,
  ]);
  const licences = new Map(registered.map((unit, index) => [unit.key, staged.ids[index] ?? '']));
  const scanIds = staged.ids.slice(registered.length);
  const used = new Set<string>();
  try {
    await db.transaction().execute(async (trx) => {
      await claimSeedWriter(trx);
      await seedPeopleAndUnits(trx, hashes, licences, used, at);
      if (await seedDemoApplications(trx, scanIds, applicantPasswordHash, now)) {
        for (const id of scanIds) used.add(id);
      }
    });
  } catch (error) {
    await staged.discard();
    throw error;
  }
  await staged.discard(used);
}

/** The accounts, the units with their registrations (licence ids staged by the caller), the administrators. */
async function seedPeopleAndUnits(
  trx: Kysely<Database>,
  hashes: ReadonlyMap<string, string>,
  licences: ReadonlyMap<DemoUnitKey, string>,
  used: Set<string>,
  at: string,
) {
  {
    const people = new Map<string, { id: string; name: string }>();
    for (const demo of SEEDED_ACCOUNTS) {
      const existing = await trx
        .selectFrom('users')
        .select(['id', 'name'])
        .where(sql<string>`lower(account)`, '=', demo.account.toLowerCase())
        .executeTakeFirst();
      const passwordHash = hashes.get(demo.account);
      if (existing !== undefined) {
        people.set(demo.account, existing);
        continue;
      }
      if (passwordHash === undefined) continue;
      const id = randomUUID();
      await trx
        .insertInto('users')
        .values({
          id,
          account: demo.account,
          name: demo.name,
          id_number: demo.idNumber,
          mobile: demo.mobile,
          password_hash: passwordHash,
          created_at: at,
          updated_at: at,
        })
        .execute();
      people.set(demo.account, { id, name: demo.name });
    }

    const unitIds = new Map<DemoUnitKey, string>();
    // DEMO_UNITS lists every parent before its children.
    for (const unit of DEMO_UNITS) {
      const existing = await trx
        .selectFrom('units')
        .select(['id', 'licence_file_id'])
        .where('name', '=', unit.name)
        .where('kind', '=', unit.kind)
        .executeTakeFirst();
      const id = existing?.id ?? randomUUID();
      if (existing === undefined) {
        const parentId = unit.parent === null ? null : unitIds.get(unit.parent);
        if (parentId === undefined) throw new Error(`Demo unit ${unit.key} is listed before its parent`);
        await trx
          .insertInto('units')
          .values({
            id,
            kind: unit.kind,
            name: unit.name,
            credit_code: unit.creditCode,
            parent_id: parentId,
            status: unit.status,
            created_at: at,
            updated_at: at,
          })
          .execute();
      }
      unitIds.set(unit.key, id);
      const licenceId = licences.get(unit.key);
      if (
        unit.registration !== null &&
        licenceId !== undefined &&
        (existing?.licence_file_id ?? null) === null
      ) {
        await seedRegistration(trx, licenceId, id, unit, unit.registration, people, at);
        used.add(licenceId);
      }
    }

    for (const demo of SEEDED_ACCOUNTS) {
      const person = people.get(demo.account);
      const unitId = demo.unit === null ? undefined : unitIds.get(demo.unit);
      if (person === undefined || unitId === undefined) continue;
      await trx
        .insertInto('unit_admins')
        .values({ user_id: person.id, unit_id: unitId, created_at: at })
        .onConflict((oc) => oc.columns(['user_id', 'unit_id']).doNothing())
        .execute();
    }
  }
}

/** What the demo hospital's list holds: every status, and enough 待单位审核 to review. */
const DEMO_APPLICATION_STATES: readonly ApplicationState[] = [
  ...Array<ApplicationState>(12).fill('unitReview'),
  'unitReturned',
  'unitReturned',
  'unitPublicity',
  'unitPublicity',
  'unitPublicity',
  'deptReview',
  'deptReview',
  'deptReview',
  'deptReturned',
  'committee',
  'committee',
  'withdrawn',
  'draft',
];

/** The password of every generated applicant account (README, 演示数据). */
export const DEMO_APPLICANT_PASSWORD = 'Apply@2026';

/**
 * The demo hospital's applications, generated (demo/applications) with its staff as applicants and the
 * demo administrators as the reviewers in their histories, and the rows of the scans they share (stored
 * by the caller). Added once: a hospital that has any application keeps what it has. Says whether it
 * added them (and so named the scans).
 */
async function seedDemoApplications(
  trx: Kysely<Database>,
  scanIds: readonly string[],
  applicantPasswordHash: string,
  now: Date,
): Promise<boolean> {
  const hospital = DEMO_UNITS.find((unit) => unit.key === 'hospital');
  if (hospital === undefined) return false;
  const unit = await trx
    .selectFrom('units')
    .select(['id', 'parent_id'])
    .where('name', '=', hospital.name)
    .executeTakeFirst();
  if (unit === undefined) return false;
  const existing = await trx
    .selectFrom('applications')
    .select('id')
    .where('unit_id', '=', unit.id)
    .executeTakeFirst();
  if (existing !== undefined) return false;
  const admin = async (account: string) =>
    trx.selectFrom('users').select(['id', 'name']).where('account', '=', account).executeTakeFirst();
  const unitAdmin = (await admin('unitadmin')) ?? { id: null, name: '李明' };
  const deptAdmin = (await admin('deptadmin')) ?? { id: null, name: '王芳' };
  const scans = await recordDemoScans(trx, scanIds, now.toISOString());
  await insertGeneratedApplications(
    trx,
    { unitId: unit.id, departmentId: unit.parent_id, unitAdmin, deptAdmin, applicantPasswordHash },
    scans,
    iterateApplications({
      seed: 2026,
      count: DEMO_APPLICATION_STATES.length,
      now,
      employer: hospital.name,
      states: DEMO_APPLICATION_STATES,
    }),
  );
  return true;
}

/**
 * Fills in a unit's registration: the form's fields, its scan and its history (submitted, and approved
 * by the superior's demo administrator when the unit is approved).
 */
async function seedRegistration(
  trx: Kysely<Database>,
  fileId: string,
  unitId: string,
  unit: DemoUnit,
  registration: DemoRegistration,
  people: ReadonlyMap<string, { id: string; name: string }>,
  at: string,
) {
  const registrant = registration.registeredBy === null ? undefined : people.get(registration.registeredBy);
  const contactName = registrant?.name ?? registration.contactName ?? '';
  const content = demoLicencePdf(unit.creditCode ?? '');
  await trx
    .insertInto('files')
    .values({
      id: fileId,
      owner_user_id: registrant?.id ?? null,
      file_name: registration.licenceFileName,
      mime_type: 'application/pdf',
      size: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      created_at: at,
    })
    .execute();

  const reviewerAccount = DEMO_ACCOUNTS.find((demo) => demo.unit !== null && demo.unit === unit.parent);
  const reviewer = reviewerAccount === undefined ? undefined : people.get(reviewerAccount.account);
  const approved = unit.status === 'approved';
  await trx
    .updateTable('units')
    .set({
      nature: registration.nature,
      industry: registration.industry,
      district_code: registration.districtCode,
      address: registration.address,
      leader_name: registration.leaderName,
      contact_name: contactName,
      contact_phone: registration.contactPhone,
      licence_file_id: fileId,
      registered_by: registrant?.id ?? null,
      submitted_at: at,
      reviewed_by: approved ? (reviewer?.id ?? null) : null,
      reviewed_at: approved ? at : null,
    })
    .where('id', '=', unitId)
    .execute();

  const history = await trx
    .selectFrom('unit_events')
    .select('seq')
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  if (history !== undefined) return;
  await recordUnitEvent(trx, unitId, {
    at,
    action: 'submitted',
    actorId: registrant?.id ?? null,
    actorName: contactName,
  });
  if (approved) {
    await recordUnitEvent(trx, unitId, {
      at,
      action: 'approved',
      actorId: reviewer?.id ?? null,
      actorName: reviewer?.name ?? '重庆市职称改革办公室',
    });
  }
}
