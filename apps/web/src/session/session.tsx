import { createContext, ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { configureAuth } from '../api/client';
import { logoutUrl } from './oidc';

export const ROLES = ['employer', 'municipal-hr', 'supervisor', 'coordinator', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  name: string;
  role: Role;
  /** The organisation she works for: an employer (or a municipality as employer) id. */
  organisationId?: string;
  organisationName?: string;
  /** The municipality code of her organisation. */
  municipality?: string;
  /** Her access token from the identity provider; every API call carries it. */
  accessToken: string;
  idToken?: string;
  expiresAt: number;
}

interface SessionValue {
  user: User | undefined;
  signIn(user: User): void;
  signOut(): void;
}

const STORAGE_KEY = 'jobbspar.session';
const SessionContext = createContext<SessionValue | undefined>(undefined);

function stored(): User | undefined {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    const user = raw ? (JSON.parse(raw) as User) : undefined;
    return user && user.accessToken && user.expiresAt > Date.now() ? user : undefined;
  } catch {
    return undefined;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | undefined>(stored);
  const signIn = useCallback((next: User) => {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setUser(next);
  }, []);
  const signOut = useCallback(() => {
    const idToken = stored()?.idToken;
    sessionStorage.removeItem(STORAGE_KEY);
    setUser(undefined);
    void logoutUrl(idToken).then(
      (url) => url && location.assign(url),
      () => undefined,
    );
  }, []);
  // The API client reads the token of whoever is signed in; a 401 (expired, revoked) signs her out.
  configureAuth(
    () => user?.accessToken,
    () => {
      sessionStorage.removeItem(STORAGE_KEY);
      setUser(undefined);
    },
  );
  const value = useMemo(() => ({ user, signIn, signOut }), [user, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user, for pages that only render behind RequireRole. */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}
