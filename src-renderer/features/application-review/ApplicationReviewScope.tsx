import type { ReactNode } from 'react';
import type { UnitMembership } from '../../../src-shared/contracts';
import { ReviewDraftsProvider } from './review-dialog/review-drafts-context';
import { ReviewListProvider } from './review-list-context';
import { SyncProvider } from './sync-context';

/**
 * What 职称申报审核 keeps while the 单位中心 is open: the sync status, the unit's list state, so going
 * back to the 单位中心 and in again finds the filter, search and page as they were, and the review
 * dialog's drafts, so text not yet stored survives closing the dialog.
 */
export function ApplicationReviewScope({ unit, children }: { unit: UnitMembership; children: ReactNode }) {
  return (
    <SyncProvider>
      <ReviewListProvider key={unit.unitId} unit={unit}>
        <ReviewDraftsProvider key={unit.unitId}>{children}</ReviewDraftsProvider>
      </ReviewListProvider>
    </SyncProvider>
  );
}
