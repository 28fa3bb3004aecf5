import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { LoginBody, Me } from '@chengguan/contracts';
import { ApiError, onUnauthorized } from '../api/client.ts';
import { authApi } from '../api/endpoints.ts';
import { clearOfflineReads } from '../field/field-queue.ts';

type AuthValue = {
  /** null: not signed in; undefined: still asking the server. */
  me: Me | null | undefined;
  login: (body: LoginBody, idempotencyKey?: string) => Promise<Me>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
  /** Asks the server who is signed in, once, if nobody has asked yet (pages opened from a public page). */
  ensure: () => void;
  /** What the menu and buttons may show; the server still checks every call. */
  can: (permission: string) => boolean;
};

const AuthContext = createContext<AuthValue | null>(null);

/**
 * Pages for the public and the login page: they never ask the staff API who is signed in, so a visitor's browser
 * logs no refused request (docs/ui-text.md). A staff page reached from one of them asks then (RequireAuth → ensure).
 */
const PUBLIC_PATHS = ['/login', '/portal', '/disclosure', '/digests', '/verify', '/sandbox-pay', '/confirm'];
export const isPublicPath = (path: string) => PUBLIC_PATHS.some((p) => path === p || path.startsWith(`${p}/`));

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

  const asked = useRef(false);
  const ensure = useCallback(() => {
    if (asked.current) return;
    asked.current = true;
    refresh().catch(() => setMe(null));
  }, [refresh]);

  useEffect(() => {
    // A 401 anywhere means the session is over: forget the user, the router sends him to the login page.
    onUnauthorized(() => setMe(null));
    if (!isPublicPath(window.location.pathname)) ensure();
    return () => onUnauthorized(null);
  }, [ensure]);

  const login = useCallback(async (body: LoginBody, idempotencyKey?: string) => {
    const res = await authApi.login(body, idempotencyKey ? { idempotencyKey } : {});
    asked.current = true;
    setMe(res.user);
    return res.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      // The officer's cached working data leaves the phone with him (docs/field-app.md).
      await clearOfflineReads().catch(() => undefined);
      setMe(null);
    }
  }, []);

  const can = useCallback((p: string) => !!me && me.permissions.includes(p), [me]);
  const value = useMemo(() => ({ me, login, logout, refresh, ensure, can }), [me, login, logout, refresh, ensure, can]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
