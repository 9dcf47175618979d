import { createContext, ReactNode, useContext, useEffect, useState } from 'react';
import { api, session } from './client';

export interface Me {
  id: string;
  displayName: string;
  roles: string[];
  unitId: string | null;
  unit: { id: string; name: string } | null;
  emailVerified: boolean;
}

const Ctx = createContext<{ me: Me | null; refresh: () => void }>({ me: null, refresh: () => undefined });

/** The signed-in user, reloaded whenever the token changes. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const refresh = () => {
    if (!session.token) return setMe(null);
    api<Me>('/me').then(setMe, () => setMe(null));
  };
  useEffect(() => {
    refresh();
    window.addEventListener('consult:session', refresh);
    return () => window.removeEventListener('consult:session', refresh);
  }, []);
  return <Ctx.Provider value={{ me, refresh }}>{children}</Ctx.Provider>;
}

export const useSession = () => useContext(Ctx);
export const hasRole = (me: Me | null, ...roles: string[]) => !!me && me.roles.some((r) => roles.includes(r));
