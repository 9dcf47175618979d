import { createContext, ReactNode, useContext, useEffect, useState } from 'react';
import { api, ApiError, session } from './client';

export interface Me {
  id: string;
  displayName: string;
  roles: string[];
  unitId: string | null;
  unit: { id: string; name: string } | null;
  emailVerified: boolean;
}

/** `ready` is false while a stored token is being checked, so pages do not flash "please sign in". */
const Ctx = createContext<{ me: Me | null; ready: boolean; refresh: () => void }>({ me: null, ready: true, refresh: () => undefined });

/** The signed-in user, reloaded whenever the token changes. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [ready, setReady] = useState(!session.token);
  const refresh = () => {
    if (!session.token) {
      setMe(null);
      return setReady(true);
    }
    setReady(false);
    const load = (attempt: number): void => {
      api<Me>('/me').then(
        (m) => {
          setMe(m);
          setReady(true);
        },
        (err: unknown) => {
          // A busy or restarting server must not look like a sign-out; a 401 has cleared the token.
          if (!(err instanceof ApiError && err.status === 401) && attempt < 3 && session.token) return void setTimeout(() => load(attempt + 1), 1000 * attempt);
          setMe(null);
          setReady(true);
        },
      );
    };
    load(1);
  };
  useEffect(() => {
    refresh();
    window.addEventListener('consult:session', refresh);
    return () => window.removeEventListener('consult:session', refresh);
  }, []);
  return <Ctx.Provider value={{ me, ready, refresh }}>{children}</Ctx.Provider>;
}

export const useSession = () => useContext(Ctx);
export const hasRole = (me: Me | null, ...roles: string[]) => !!me && me.roles.some((r) => roles.includes(r));
