import { useRef } from 'react';

/**
 * Text for a live region that changes only when `key` does: `make` is called for a new key, and the
 * text made for the last key is kept meanwhile (no announcement per tick). A null key says nothing.
 */
export function useThrottledText(key: string | null, make: () => string): string {
  const last = useRef<{ key: string | null; text: string }>({ key: null, text: '' });
  if (key !== last.current.key) last.current = { key, text: key === null ? '' : make() };
  return last.current.text;
}
