import { z } from '../../src-shared/contracts/zod-chinese';
import { listApplicationsRequestSchema } from '../../src-shared/contracts/review-list';
import { readPlaceText, writePlaceText } from './place-storage';

/**
 * Where the signed-in person was, so that a reload (F5, a crashed renderer brought back) lands there
 * again rather than on 个人信息: the home's page, the 单位中心's unit and view, and each unit's review
 * list (filter, search, unit filter, sort, page). Kept for one user only: another person signing in
 * in this window starts afresh. The text is read back through a schema, as anything from outside is.
 */

const listQuerySchema = listApplicationsRequestSchema.omit({ unitId: true });
export type RememberedListQuery = z.output<typeof listQuerySchema>;

const placeSchema = z.object({
  userId: z.string(),
  /** A page of the home; checked against what the person may open when it is used. */
  page: z.string().nullable().default(null),
  unitId: z.string().nullable().default(null),
  unitView: z.enum(['overview', 'applicationReview']).default('overview'),
  /** Per unit id. */
  lists: z.record(z.string(), listQuerySchema).default({}),
});
export type RememberedPlace = z.output<typeof placeSchema>;

/** The place `userId` was at, or null (none kept, someone else's, or unreadable). */
export function rememberedPlace(userId: string): RememberedPlace | null {
  const text = readPlaceText();
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = placeSchema.safeParse(value);
  return parsed.success && parsed.data.userId === userId ? parsed.data : null;
}

/** Keeps `change` as part of `userId`'s place, starting a new place if another user's was kept. */
export function rememberPlace(userId: string, change: Partial<Omit<RememberedPlace, 'userId'>>): void {
  const place = rememberedPlace(userId) ?? placeSchema.parse({ userId });
  writePlaceText(JSON.stringify({ ...place, ...change, userId }));
}

/** Keeps one unit's review list query. */
export function rememberListQuery(userId: string, unitId: string, query: RememberedListQuery): void {
  const lists = rememberedPlace(userId)?.lists ?? {};
  rememberPlace(userId, { lists: { ...lists, [unitId]: query } });
}
