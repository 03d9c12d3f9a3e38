import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiFailure } from '../services/http';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiFailure | null;
  loading: boolean;
  reload(): void;
}

/** Loads what a page shows and reloads it on demand; a late answer to an older request is dropped. */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiFailure | null>(null);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const latest = useRef(load);
  latest.current = load;
  const reload = useCallback(() => {
    const mine = ++generation.current;
    setLoading(true);
    latest.current().then(
      (value) => {
        if (mine !== generation.current) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (mine !== generation.current) return;
        setError(failure instanceof ApiFailure ? failure : new ApiFailure(0, 'CLIENT', (failure as Error)?.message ?? '加载失败'));
        setLoading(false);
      },
    );
  }, []);
  useEffect(reload, [reload, ...deps]);
  return { data, error, loading, reload };
}
