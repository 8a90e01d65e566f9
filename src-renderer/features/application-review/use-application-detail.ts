import { useEffect, useState } from 'react';
import type { AppError, ApplicationDetail } from '../../../src-shared/contracts';
import { useSession } from '../auth/session-context';

interface Loaded {
  id: string;
  detail: ApplicationDetail | null;
  error: AppError | null;
  /** The application was read before: a NOT_FOUND now means it left the cache since. */
  seen: boolean;
}

/**
 * One application's details from the core's cache; null id is "none open". A new `revision` reads them
 * again (after a sync), keeping the previous answer on screen until the new one arrives. `gone`: a sync
 * took away an application that was shown (a department's 退回个人 takes it out of the department's
 * sight), which is not a failure to report as one.
 */
export function useApplicationDetail(id: string | null, revision = 0) {
  const call = useSession((s) => s.call);
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    if (id === null) return;
    let live = true;
    void call((api) => api.getApplicationDetail({ id })).then((result) => {
      if (!live) return;
      setLoaded((previous) => ({
        id,
        detail: result.ok ? result.value : null,
        error: result.ok ? null : result.error,
        seen: result.ok || (previous?.id === id && previous.seen),
      }));
    });
    return () => {
      live = false;
    };
  }, [call, id, revision]);

  const current = loaded?.id === id ? loaded : null;
  const gone = current?.seen === true && current.error?.code === 'NOT_FOUND';
  return {
    loading: id !== null && current === null,
    detail: current?.detail ?? null,
    gone,
    // An expired session is answered by the re-login modal.
    error: gone || current?.error?.code === 'UNAUTHENTICATED' ? null : (current?.error ?? null),
  };
}
