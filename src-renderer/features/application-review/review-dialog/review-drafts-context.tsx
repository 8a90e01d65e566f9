import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useSession } from '../../auth/session-context';
import { createReviewDraftStore, type ReviewDraftStore } from './review-draft-store';

interface DraftRegistry {
  storeFor(applicationId: string): ReviewDraftStore;
}

const ReviewDraftsContext = createContext<DraftRegistry | null>(null);

/**
 * Keeps each opened application's drafts while 职称申报审核 is open, so closing the dialog never drops
 * text the core has not stored yet (a failed save): reopening finds it in its box and saves it again.
 */
export function ReviewDraftsProvider({ children }: { children: ReactNode }) {
  const call = useSession((s) => s.call);
  const [registry] = useState(() => {
    const stores = new Map<string, ReviewDraftStore>();
    return {
      stores,
      storeFor(applicationId: string) {
        let store = stores.get(applicationId);
        if (!store) {
          store = createReviewDraftStore({ applicationId, call });
          stores.set(applicationId, store);
        }
        return store;
      },
    };
  });
  useEffect(
    () => () => {
      for (const store of registry.stores.values()) store.getState().dispose();
    },
    [registry],
  );
  return <ReviewDraftsContext.Provider value={registry}>{children}</ReviewDraftsContext.Provider>;
}

export function useReviewDraftStore(applicationId: string): ReviewDraftStore {
  const registry = useContext(ReviewDraftsContext);
  if (!registry) throw new Error('useReviewDraftStore outside ReviewDraftsProvider');
  return registry.storeFor(applicationId);
}
