import { createContext, ReactNode, useCallback, useContext, useMemo, useState } from 'react';

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
    return raw ? (JSON.parse(raw) as User) : undefined;
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
    sessionStorage.removeItem(STORAGE_KEY);
    setUser(undefined);
  }, []);
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
