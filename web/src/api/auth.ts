// Sign-in and the caller's own profile.
import { api } from './client';
import type { Me, User } from './types';

export const login = (email: string, password: string) =>
  api.post<Me>('/api/v1/auth/login', { email, password });
export const logout = () => api.post<void>('/api/v1/auth/logout', {});
export const fetchMe = (signal?: AbortSignal) => api.get<Me>('/api/v1/auth/me', undefined, signal);
export const updateLocale = (locale: string) => api.patch<User>('/api/v1/auth/me', { locale });
