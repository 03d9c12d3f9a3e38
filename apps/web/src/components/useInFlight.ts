import { useCallback, useRef, useState } from 'react';

/**
 * One request at a time: while one is in flight a second click sends nothing. The ref answers at
 * once, before React has drawn the disabled button, so even a fast double click is caught.
 */
export function useInFlight<K extends string = string>(): { busy: K | null; run: <T>(key: K, work: () => Promise<T>) => Promise<T | undefined> } {
  const [busy, setBusy] = useState<K | null>(null);
  const current = useRef<K | null>(null);
  const run = useCallback(async <T,>(key: K, work: () => Promise<T>): Promise<T | undefined> => {
    if (current.current !== null) return undefined;
    current.current = key;
    setBusy(key);
    try {
      return await work();
    } finally {
      current.current = null;
      setBusy(null);
    }
  }, []);
  return { busy, run };
}
