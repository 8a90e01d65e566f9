import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { UnitMembership } from '../../../src-shared/contracts';
import { rememberedPlace, rememberListQuery } from '../../components/remembered-place';
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
  const userId = useSession((s) => s.user?.id);
  const [store] = useState(() => {
    const remembered = userId === undefined ? undefined : rememberedPlace(userId)?.lists[unit.unitId];
    return createReviewListStore({
      unitId: unit.unitId,
      initialFilter: defaultFilter(unit.role),
      ...(remembered === undefined ? {} : { initialQuery: remembered }),
      call,
    });
  });
  useEffect(() => () => store.getState().dispose(), [store]);
  // Filter, search, sort and page outlive a reload (see remembered-place).
  useEffect(() => {
    if (userId === undefined) return;
    return store.subscribe((state, previous) => {
      if (state.query !== previous.query) rememberListQuery(userId, unit.unitId, state.query);
    });
  }, [store, userId, unit.unitId]);
  return <ReviewListContext.Provider value={store}>{children}</ReviewListContext.Provider>;
}

export function useReviewList<T>(select: (state: ReviewListState) => T): T {
  const store = useContext(ReviewListContext);
  if (!store) throw new Error('useReviewList outside ReviewListProvider');
  return useStore(store, select);
}
