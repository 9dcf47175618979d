import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './client';

/** Loads a GET route; `reload` fetches it again (after a write, say), as does a change of `version`. */
export function useApi<T>(path: string | null, version?: unknown): { data: T | null; error: Error | null; loading: boolean; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  // The error itself (an ApiError with its code), so that ErrorNote says it in the reader's language.
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(false);
  // Only the latest request may set state: a slow answer to an older path must not overwrite it.
  const latest = useRef(0);
  const load = useCallback(() => {
    if (!path) return;
    const request = ++latest.current;
    setLoading(true);
    api<T>(path)
      .then((d) => {
        if (request !== latest.current) return;
        setData(d);
        setError(null);
      })
      .catch((e: Error) => {
        if (request === latest.current) setError(e);
      })
      .finally(() => {
        if (request === latest.current) setLoading(false);
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` is a reload trigger
  }, [path, version]);
  useEffect(load, [load]);
  return { data, error, loading, reload: load };
}
