// RFC 8785 (JCS) canonical JSON, through the `canonicalize` package: the form every published hash
// of the platform is taken over (comment log leaves, transcript chain, Idempotency-Key requests).
import canonicalize from 'canonicalize';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };

/** Throws on what JSON cannot hold (NaN, Infinity, lone surrogates) rather than hashing something ambiguous. */
export function canonicalJson(value: unknown): string {
  const out = canonicalize(value);
  if (out === undefined) throw new Error('value has no canonical JSON form');
  return out;
}
