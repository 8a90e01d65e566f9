import type { Role } from '../../../src-shared/domain/roles';
import { allowedTransitions, type ApplicationState } from '../../../src-shared/domain/workflow';

/** Whether the role has a step to take from this state: the list offers 审核 there. */
export function offersReview(state: ApplicationState, role: Role): boolean {
  return allowedTransitions(state, role).length > 0;
}
