import type { ApplicationState } from '../../../src-shared/domain/workflow';
import type { Role } from '../../../src-shared/domain/roles';

/** The list's status filter: one state, or every state ('全部'). */
export type StateFilter = ApplicationState | 'all';

/** The states a reviewer's list shows, in workflow order; drafts never leave the applicant. */
export const LISTED_STATES = [
  'unitReview',
  'unitReturned',
  'unitPublicity',
  'deptReview',
  'deptReturned',
  'committee',
  'withdrawn',
] as const satisfies readonly ApplicationState[];

/** What waits for this reviewer: a unit reviews first, its department after the unit reported up. */
export function defaultFilter(role: Role): StateFilter {
  return role === 'deptAdmin' ? 'deptReview' : 'unitReview';
}
