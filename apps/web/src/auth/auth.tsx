import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { LoginBody, Me } from '@chengguan/contracts';
import { ApiError, onUnauthorized } from '../api/client.ts';
import { authApi } from '../api/endpoints.ts';

type AuthValue = {
  /** null: not signed in; undefined: still asking the server. */
  me: Me | null | undefined;
  login: (body: LoginBody, idempotencyKey?: string) => Promise<Me>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
  /** What the menu and buttons may show; the server still checks every call. */
  can: (permission: string) => boolean;
};

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      setMe(await authApi.me());
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403 || e.status === 404)) setMe(null);
      else throw e;
    }
  }, []);

  useEffect(() => {
    // A 401 anywhere means the session is over: forget the user, the router sends him to the login page.
    onUnauthorized(() => setMe(null));
    refresh().catch(() => setMe(null));
    return () => onUnauthorized(null);
  }, [refresh]);

  const login = useCallback(async (body: LoginBody, idempotencyKey?: string) => {
    const res = await authApi.login(body, idempotencyKey ? { idempotencyKey } : {});
    setMe(res.user);
    return res.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setMe(null);
    }
  }, []);

  const can = useCallback((p: string) => !!me && me.permissions.includes(p), [me]);
  const value = useMemo(() => ({ me, login, logout, refresh, can }), [me, login, logout, refresh, can]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
