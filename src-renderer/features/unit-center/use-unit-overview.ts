import { useEffect, useState } from 'react';
import type { AppError, UnitOverview } from '../../../src-shared/contracts';
import { useSession } from '../auth/session-context';
import { useSync } from '../application-review/sync-context';

export interface UnitOverviewState {
  /** The latest numbers; null before the first answer. */
  overview: UnitOverview | null;
  error: AppError | null;
}

/**
 * The 单位中心's numbers for `unitId`, from the core's cache: asked on opening and again whenever the sync
 * engine's phase changes or a sync finishes (a decision sent, applications pulled, the holiday table
 * renewed), so they follow the outbox and the server without a click. A decision made in the list is
 * counted when the start page opens again.
 */
export function useUnitOverview(unitId: string): UnitOverviewState {
  const call = useSession((s) => s.call);
  const finishedSyncs = useSync((s) => s.finishedSyncs);
  const phase = useSync((s) => s.status?.phase ?? null);
  const [state, setState] = useState<UnitOverviewState>({ overview: null, error: null });

  useEffect(() => {
    let current = true;
    void call((api) => api.getUnitOverview({ unitId })).then((result) => {
      // An answer for another unit, or an older one overtaken by a newer request, is not shown.
      if (!current) return;
      if (result.ok) setState({ overview: result.value, error: null });
      // An ended session is handled by the re-login dialog; the numbers stay as they were.
      else if (result.error.code !== 'UNAUTHENTICATED') setState((s) => ({ ...s, error: result.error }));
    });
    return () => {
      current = false;
    };
  }, [call, unitId, finishedSyncs, phase]);

  return state;
}
