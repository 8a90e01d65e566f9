import { useCallback, useEffect, useState } from 'react';
import type { AppError, Result } from '../../src-shared/contracts';

interface Query<S> {
  status: S;
  /** Bumped to load the same filter again (after a decision changed the list). */
  version: number;
}

interface Answer<S, T> {
  query: Query<S>;
  items: T[];
  error: AppError | null;
}

/**
 * A review list filtered by status (下级单位注册审核, 人工找回申请): loads on every filter change or
 * reload, ignores answers that arrive after a newer request, and leaves an expired session to the
 * session's re-login modal instead of showing it as a list error.
 */
export function useStatusList<S extends string, T>(
  load: (status: S) => Promise<Result<T[]>>,
  initialStatus: S,
) {
  const [query, setQuery] = useState<Query<S>>({ status: initialStatus, version: 0 });
  const [answer, setAnswer] = useState<Answer<S, T> | null>(null);

  useEffect(() => {
    let live = true;
    void load(query.status).then((result) => {
      if (!live) return;
      setAnswer({ query, items: result.ok ? result.value : [], error: result.ok ? null : result.error });
    });
    return () => {
      live = false;
    };
  }, [load, query]);

  const setStatus = useCallback((status: S) => setQuery((q) => ({ status, version: q.version + 1 })), []);
  const reload = useCallback(() => setQuery((q) => ({ ...q, version: q.version + 1 })), []);
  return {
    status: query.status,
    setStatus,
    reload,
    items: answer?.items ?? [],
    loading: answer?.query !== query,
    error: answer?.error?.code === 'UNAUTHENTICATED' ? null : (answer?.error ?? null),
  };
}
