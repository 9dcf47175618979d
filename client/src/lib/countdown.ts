import { useEffect, useState } from 'react';

/** The current time corrected by the server's clock (`serverTime` of the response), ticking. */
export function useServerNow(serverTime: string | null | undefined, tickMs = 1000): number {
  // Measured once per response: how far the browser's clock is from the server's.
  const [offset] = useState(() => (serverTime ? new Date(serverTime).getTime() - Date.now() : 0));
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + offset), tickMs);
    return () => clearInterval(timer);
  }, [offset, tickMs]);
  return now;
}

export interface Remaining {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  past: boolean;
}

export function remaining(targetIso: string | null | undefined, now: number): Remaining | null {
  if (!targetIso) return null;
  const target = new Date(targetIso).getTime();
  if (Number.isNaN(target)) return null;
  const ms = Math.max(0, target - now);
  const s = Math.floor(ms / 1000);
  return { days: Math.floor(s / 86400), hours: Math.floor((s % 86400) / 3600), minutes: Math.floor((s % 3600) / 60), seconds: s % 60, past: target <= now };
}
