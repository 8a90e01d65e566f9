import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { UnitMembership } from '../../../src-shared/contracts';
import { useSession } from '../auth/session-context';
import { createReviewListStore, type ReviewListState, type ReviewListStore } from './review-list-store';
import { defaultFilter } from './status-filters';

const ReviewListContext = createContext<ReviewListStore | null>(null);

/**
 * Keeps one unit's list state for as long as its 单位中心 is open; give it `key={unit.unitId}` so another
 * unit starts from its own default filter.
 */
export function ReviewListProvider({ unit, children }: { unit: UnitMembership; children: ReactNode }) {
  const call = useSession((s) => s.call);
  const [store] = useState(() =>
    createReviewListStore({ unitId: unit.unitId, initialFilter: defaultFilter(unit.role), call }),
  );
  useEffect(() => () => store.getState().dispose(), [store]);
  return <ReviewListContext.Provider value={store}>{children}</ReviewListContext.Provider>;
}

export function useReviewList<T>(select: (state: ReviewListState) => T): T {
  const store = useContext(ReviewListContext);
  if (!store) throw new Error('useReviewList outside ReviewListProvider');
  return useStore(store, select);
}
