/** Thin fetch wrapper: JSON in and out, bearer token from local storage, errors as ApiError. */
import { ApiError, type ErrorParams } from './api-error';

export { ApiError, type ErrorParams };

const TOKEN_KEY = 'consult.token';

export const session = {
  get token(): string | null {
    return localStorage.getItem(TOKEN_KEY);
  },
  set(token: string | null): void {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
    window.dispatchEvent(new Event('consult:session'));
  },
};

export async function api<T>(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  if (session.token) headers.Authorization = `Bearer ${session.token}`;
  const res = await fetch(`/api${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const text = await res.text();
  const data = text ? safeJson(text) : undefined;
  if (!res.ok) {
    if (res.status === 401 && session.token) session.set(null);
    const body = (data ?? {}) as { message?: string; code?: string; params?: ErrorParams };
    const retryAfter = Number(res.headers.get('Retry-After') ?? NaN);
    throw new ApiError(res.status, body.message ?? res.statusText, body.code, body.params, Number.isFinite(retryAfter) ? retryAfter : undefined);
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
