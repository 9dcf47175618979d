// Hostile JSON bodies are refused while parsing, before any DTO sees them:
// - keys that name something on Object.prototype (`__proto__`, `constructor`, `toString`, ...) or
//   `prototype`: class-transformer silently drops them, so the whitelist never reports them and a
//   request carrying them was accepted as if they were absent;
// - nesting deeper than MAX_DEPTH: the recursive transformers overflow the stack (a 500);
// - strings PostgreSQL cannot store as sent: NUL (refused by text columns, a 500 from jsonb ones)
//   and lone surrogates (silently turned into U+FFFD on the way to UTF-8, so what is stored is not
//   what was hashed into a receipt).
// Throwing from the reviver makes body-parser answer 400 like any malformed JSON.

export const MAX_JSON_DEPTH = 32;

const depthOf = new WeakMap<object, number>();

// String.prototype.isWellFormed (Node 20) is newer than the ES2023 library the code is typed with.
const isWellFormed = (s: string): boolean => (s as string & { isWellFormed(): boolean }).isWellFormed();

function isForbiddenKey(key: string): boolean {
  return key === 'prototype' || Object.prototype.hasOwnProperty.call(Object.prototype, key);
}

/** The reviver for `JSON.parse`: leaves are visited before their parents, so depths add up in one pass. */
export function safeJsonReviver(this: unknown, key: string, value: unknown): unknown {
  if (isForbiddenKey(key)) throw new SyntaxError(`forbidden key "${key}" in JSON body`);
  if (typeof value === 'string' && (value.includes('\u0000') || !isWellFormed(value))) {
    throw new SyntaxError(`the value of "${key}" holds a NUL character or a lone surrogate`);
  }
  if (value !== null && typeof value === 'object') {
    let depth = 1;
    for (const child of Object.values(value)) {
      if (child !== null && typeof child === 'object') depth = Math.max(depth, (depthOf.get(child) ?? 1) + 1);
    }
    if (depth > MAX_JSON_DEPTH) throw new SyntaxError(`JSON body nested deeper than ${MAX_JSON_DEPTH} levels`);
    depthOf.set(value, depth);
  }
  return value;
}
