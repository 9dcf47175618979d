// One Idempotency-Key per comment being written: a retry of the same content (after a timeout, a
// dropped connection, even a reload) reuses it, so the server stores the comment once; changing
// the content makes a new key, since the server answers 409 to a reused key with another body.
import { canonicalJson } from './merkle-verify';

const PREFIX = 'consult.idem.';
// Used when sessionStorage is unavailable (private mode), so retries within the page still match.
const memory = new Map<string, string>();

function read(scope: string): string | null {
  try {
    return sessionStorage.getItem(PREFIX + scope);
  } catch {
    return memory.get(scope) ?? null;
  }
}

function write(scope: string, value: string | null): void {
  if (value === null) memory.delete(scope);
  else memory.set(scope, value);
  try {
    if (value === null) sessionStorage.removeItem(PREFIX + scope);
    else sessionStorage.setItem(PREFIX + scope, value);
  } catch {
    // the in-memory copy holds
  }
}

function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; getRandomValues does not.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The key for submitting `body` in `scope` (a draft): the stored one if the body is unchanged. */
export function idempotencyKeyFor(scope: string, body: unknown): string {
  const fingerprint = canonicalJson(body);
  try {
    const stored = JSON.parse(read(scope) ?? 'null') as { fingerprint: string; key: string } | null;
    if (stored?.fingerprint === fingerprint) return stored.key;
  } catch {
    // unreadable: fall through to a new key
  }
  const key = newKey();
  write(scope, JSON.stringify({ fingerprint, key }));
  return key;
}

/** Called once the server acknowledged the comment: the next one gets a fresh key. */
export function forgetIdempotencyKey(scope: string): void {
  write(scope, null);
}
