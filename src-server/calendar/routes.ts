import { AppFailure } from '../../src-shared/contracts/errors';
import type { DeclareRoute } from '../http/route';
import { findUserById } from '../identity/users';
import { requireTitleOffice } from '../units/registrations';
import { readHolidayTable, replaceHolidayYear } from './holiday-table';

/** Only the 职改办 keeps the statutory calendar; every signed-in user reads it (and every client syncs it). */
export const NOT_TITLE_OFFICE = '只有职改办管理员可以修改节假日安排';

export function calendarRoutes(route: DeclareRoute) {
  route('getHolidayTable', async (_input, { db }) => readHolidayTable(db));

  route('saveHolidayYear', async (entry, { db, session, now, req }) => {
    await requireTitleOffice(db, session.userId, NOT_TITLE_OFFICE);
    // The path's year wins over a body field of the same name (route.ts); a body that names another
    // year is a mistake to point out, not to overwrite silently.
    const bodyYear: unknown = (req.body as Record<string, unknown> | undefined)?.year;
    if (bodyYear !== undefined && bodyYear !== entry.year) {
      const message = `地址中的年份(${entry.year})与内容中的年份(${String(bodyYear)})不一致`;
      throw new AppFailure('BAD_REQUEST', message, { year: message });
    }
    const user = await findUserById(db, session.userId);
    if (user === undefined) throw new AppFailure('UNAUTHENTICATED');
    await replaceHolidayYear(db, entry, `${user.name}(${user.account})`, now());
    return readHolidayTable(db);
  });
}
