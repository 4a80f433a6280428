// Who is signed in: the profile and workspaces from GET /auth/me, kept in the query cache
// under ['me'] (null when signed out). Signing in and out, and the user's language setting,
// which the server keeps (PATCH /auth/me) and the interface follows.
import { createContext, useCallback, useContext, useEffect, useMemo } from 'react';
import type { ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import * as auth from '../api/auth';
import { ApiError, setCsrfToken, setUnauthenticatedHandler } from '../api/client';
import type { Me } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { toLocale } from '../i18n/locale';
import type { Locale } from '../i18n/locale';

export interface Session {
  me: Me | null;
  loading: boolean;
  error: unknown;
  signIn: (email: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
  changeLocale: (locale: Locale) => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);
const ME_KEY = ['me'] as const;

async function fetchMeOrNull(signal: AbortSignal): Promise<Me | null> {
  try {
    return await auth.fetchMe(signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { setLocale } = useI18n();
  const query = useQuery({ queryKey: ME_KEY, queryFn: ({ signal }) => fetchMeOrNull(signal), retry: false });
  const me = query.data ?? null;
  // Set during render, not in an effect: children's effects run before this component's, and
  // their first requests (the Overview's queries after a reload) need the token already.
  setCsrfToken(me?.csrf_token ?? '');

  useEffect(() => {
    setUnauthenticatedHandler(() => queryClient.setQueryData(ME_KEY, null));
  }, [queryClient]);
  useEffect(() => {
    if (me?.user) setLocale(toLocale(me.user.locale));
  }, [me, setLocale]);

  const signIn = useCallback(async (email: string, password: string) => {
    const signedIn = await auth.login(email, password);
    queryClient.setQueryData(ME_KEY, signedIn);
    return signedIn;
  }, [queryClient]);

  const signOut = useCallback(async () => {
    // The session may already have ended on the server; here it ends regardless.
    await auth.logout().catch(() => undefined);
    // Signed out first (observers of ['me'] hear it), then forget everything that was read.
    queryClient.setQueryData(ME_KEY, null);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
  }, [queryClient]);

  const changeLocale = useCallback(async (locale: Locale) => {
    setLocale(locale);
    const current = queryClient.getQueryData<Me | null>(ME_KEY);
    if (!current?.user) return;
    const updated: Me = { ...current, user: await auth.updateLocale(locale) };
    queryClient.setQueryData(ME_KEY, updated);
  }, [queryClient, setLocale]);

  const value = useMemo<Session>(() => ({
    me, loading: query.isPending, error: query.error, signIn, signOut, changeLocale,
  }), [me, query.isPending, query.error, signIn, signOut, changeLocale]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
