import type { Kysely, Migration } from 'kysely';

interface UnitsTable {
  units: { district_code: string | null };
}

// Spelled out rather than taken from RETIRED_DISTRICT_IDS: a migration must do the same thing on
// every database it ever runs on, whatever that list becomes.
const RETIRED = '500199';
const CURRENT = 'zone-liangjiang';

/**
 * 两江新区 is a development zone, not a division with a GB/T 2260 code, yet registrations stored it
 * as the made-up code 500199, which anything reading `district_code` as a code would misread. It is
 * now stored by its zone key, like 重庆高新区.
 */
export const districtZonesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await rename(db as Kysely<UnitsTable>, RETIRED, CURRENT);
  },
  async down(db: Kysely<unknown>) {
    await rename(db as Kysely<UnitsTable>, CURRENT, RETIRED);
  },
};

async function rename(db: Kysely<UnitsTable>, from: string, to: string) {
  await db.updateTable('units').set({ district_code: to }).where('district_code', '=', from).execute();
}
