// RFC 8785 (JCS) canonical JSON of what the transcript hashes, through the `canonicalize` package.
import canonicalize from 'canonicalize';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };

/** Throws on what JSON cannot hold (NaN, Infinity, lone surrogates) rather than hashing something ambiguous. */
export function canonicalJson(value: JsonValue): string {
  const out = canonicalize(value);
  if (out === undefined) throw new Error('value has no canonical JSON form');
  return out;
}
