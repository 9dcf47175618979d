// The demo seed's HTTP client. The seed is a client like any other: it goes through the public
// API so every rule applies, and it honours the rate limits (429 + Retry-After) instead of
// bypassing them.
import { randomUUID } from 'node:crypto';

export function apiClient(baseUrl, { log = console.log } = {}) {
  const waitingOn = new Set();

  async function once(method, path, { body, token, headers } = {}) {
    const res = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let data;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = text;
    }
    return { status: res.status, data, retryAfter: res.headers.get('retry-after') };
  }

  /** One request; waits and retries while the API answers 429. */
  async function call(method, path, opts = {}) {
    for (;;) {
      const r = await once(method, path, opts);
      if (r.status !== 429) return r;
      const wait = Math.max(1, Number(r.retryAfter ?? 5));
      const route = `${method} ${path.replace(/[0-9a-f-]{36}/g, ':id').replace(/\?.*$/, '')}`;
      if (!waitingOn.has(route)) log(`rate limited on ${route}; waiting ${wait}s as the API asks`);
      waitingOn.add(route);
      await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
      waitingOn.delete(route);
    }
  }

  /** The response body; throws with the API's message unless the status is 2xx. */
  async function must(method, path, opts = {}) {
    const r = await call(method, path, opts);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${typeof r.data === 'string' ? r.data : JSON.stringify(r.data)}`);
    return r.data;
  }

  // Sign-ins go one at a time, in the order asked for: the people needed first get the first
  // places in the per-minute login budget.
  let signingIn = Promise.resolve();
  function login(email, password) {
    const next = signingIn.then(async () => {
      const r = await call('POST', '/auth/login', { body: { email, password } });
      return r.status === 200 ? r.data.accessToken : null;
    });
    signingIn = next.catch(() => undefined);
    return next;
  }
  async function mustLogin(email, password) {
    const token = await login(email, password);
    if (!token) throw new Error(`cannot sign in as ${email}`);
    return token;
  }

  /** A write with an Idempotency-Key, so that a rerun after an interruption stores nothing twice. */
  const idempotent = (method, path, key, opts = {}) => must(method, path, { ...opts, headers: { 'Idempotency-Key': key ?? randomUUID(), ...opts.headers } });

  return { baseUrl, call, must, login, mustLogin, idempotent, log };
}

/** Runs `fn` over `items` with at most `n` at a time; resolves to the results in order. */
export async function pool(items, n, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

/** Polls `check` until it returns something truthy; throws after `ms`. */
export async function eventually(what, check, ms = 60_000, every = 250) {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/** A small deterministic PRNG (mulberry32): the same demo on every machine. */
export function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n), pick: (arr) => arr[Math.floor(next() * arr.length)] };
}
