import { useEffect, useState } from 'react';
import type { AppError, ApplicationDetail } from '../../../src-shared/contracts';
import { useSession } from '../auth/session-context';

interface Loaded {
  id: string;
  detail: ApplicationDetail | null;
  error: AppError | null;
}

/**
 * One application's details from the core's cache; null id is "none open". A new `revision` reads them
 * again (after a sync), keeping the previous answer on screen until the new one arrives.
 */
export function useApplicationDetail(id: string | null, revision = 0) {
  const call = useSession((s) => s.call);
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    if (id === null) return;
    let live = true;
    void call((api) => api.getApplicationDetail({ id })).then((result) => {
      if (live)
        setLoaded({ id, detail: result.ok ? result.value : null, error: result.ok ? null : result.error });
    });
    return () => {
      live = false;
    };
  }, [call, id, revision]);

  const current = loaded?.id === id ? loaded : null;
  return {
    loading: id !== null && current === null,
    detail: current?.detail ?? null,
    // An expired session is answered by the re-login modal.
    error: current?.error?.code === 'UNAUTHENTICATED' ? null : (current?.error ?? null),
  };
}
