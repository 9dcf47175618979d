import { useEffect, useState } from 'react';

/** Hash routing (#/drafts/123): works when the API serves index.html from any path, with no server rules. */
export function useRoute(): { path: string; query: URLSearchParams } {
  const read = () => {
    const raw = window.location.hash.replace(/^#/, '') || '/';
    const [path, qs] = raw.split('?');
    return { path, query: new URLSearchParams(qs ?? '') };
  };
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const on = () => setRoute(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export function navigate(path: string): void {
  window.location.hash = path;
}

/** Matches '/drafts/:id' against '/drafts/abc' → {id: 'abc'}, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const a = path.split('/');
  if (p.length !== a.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(a[i]);
    else if (p[i] !== a[i]) return null;
  }
  return params;
}

/** The sign-in page, coming back to the current page afterwards. */
export function loginHref(): string {
  const here = window.location.hash.replace(/^#/, '') || '/';
  return `#/login?next=${encodeURIComponent(here)}`;
}

/** The registration page; its sign-in link then comes back to the current page. */
export function registerHref(): string {
  return loginHref().replace('#/login', '#/register');
}

/** A `next` path from the query, only when it is a path inside this app (never another site). */
export function safeNext(query: URLSearchParams): string {
  const next = query.get('next') ?? '';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
