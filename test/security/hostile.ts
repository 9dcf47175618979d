// Hostile inputs for the fuzz run: injection strings, markup, unicode edge cases, wrong types and
// shapes. Kept as plain data plus fast-check arbitraries, so every case is reproducible from a seed.
import fc from 'fast-check';

export const SQL_INJECTION = [
  "' OR '1'='1",
  "'; DROP TABLE app_user; --",
  "1; SELECT pg_sleep(3); --",
  "' UNION SELECT email, password_hash FROM app_user --",
  "\\'; UPDATE draft SET status = 'open'; --",
  '%_%',
  '$1',
  "E'\\x00'",
];

export const NOSQL_STRINGS = ['{"$gt": ""}', '{"$ne": null}', '[$ne]=1', "'; return true; var x='"];
export const NOSQL_OBJECTS: unknown[] = [{ $gt: '' }, { $ne: null }, { $where: 'sleep(1000)' }, { $regex: '.*' }, { $in: [] }];

export const XSS = [
  '<script>alert("xss-probe")</script>',
  '"><img src=x onerror=alert("xss-probe")>',
  'javascript:alert("xss-probe")',
  '<svg/onload=alert("xss-probe")>',
  '{{constructor.constructor("alert(1)")()}}',
  '${7*7}#{7*7}',
  '<iframe srcdoc="<script>alert(1)</script>">',
  '=HYPERLINK("http://evil.example","x")', // CSV/xlsx formula injection
];

export const UNICODE = [
  '\ud800', // lone high surrogate
  '\udfff', // lone low surrogate
  'a\ud83db', // broken pair
  '\u202eevil\u202c', // RTL override
  'مرحبا بالعالم',
  '𠀀𠀁𠀂𪚥', // 4-byte CJK
  '😀👨‍👩‍👧‍👦🏳️‍🌈',
  'a\u0000b', // NUL: PostgreSQL text refuses it
  '\ufeff\u200b\u200c\u200d',
  'Z̴̡̛͎̖a̸l̷g̶o̵',
  '\uffff\ufffe',
  '\r\n\t\v\f',
  'İıſK',
  '１３８１２３４５６７８',
];

export const PATH_SEGMENTS = [
  '../../etc/passwd',
  '..%2f..%2fetc',
  '%00',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  '9'.repeat(400),
  '00000000-0000-0000-0000-00000000000g',
  '00000000-0000-0000-0000-0000000000000',
  '{"$ne":null}',
  '__proto__',
  'constructor',
  ' ',
  "' OR 1=1 --",
  '<script>',
  '\u202e',
  '😀',
  'x'.repeat(5000),
];

export const NUMBERS: number[] = [-1, 0, -0, 1.5, -1e-7, 2 ** 31, 2 ** 53 + 2, 1e21, 1e308, -1e308, Number.MAX_SAFE_INTEGER];

/** Query values for `page`, `pageSize` and the like. */
export const QUERY_VALUES = ['-1', '0', '-0', '1.5', '1e309', '99999999999999999999999', 'abc', '', ' ', '0x10', 'NaN', 'Infinity', "1' OR '1'='1", '%00', '[]', '{}'];

export const hostileString = (max = 5000): fc.Arbitrary<string> =>
  fc
    .oneof(
      { weight: 4, arbitrary: fc.constantFrom(...SQL_INJECTION, ...NOSQL_STRINGS, ...XSS, ...UNICODE) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 64 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 64 }) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...XSS, ...UNICODE), fc.integer({ min: 2, max: 50 })).map(([s, n]) => s.repeat(n)) },
    )
    .map((s) => (s.length > max ? s.slice(0, max) : s));

/** A value of the wrong JavaScript type for `like`, chosen so that no ordinary transform makes it valid. */
export function wrongTypeFor(like: unknown): fc.Arbitrary<unknown> {
  const operator = fc.constantFrom(...NOSQL_OBJECTS);
  if (typeof like === 'string') return fc.oneof(operator, fc.constantFrom<unknown>(12345, true, [like], {}, [] as unknown[]), fc.integer());
  if (typeof like === 'number') return fc.oneof(operator, fc.constantFrom<unknown>('abc', 'NaN', [like], {}, true));
  if (typeof like === 'boolean') return fc.oneof(operator, fc.constantFrom<unknown>([like], {}, 'maybe-not', 17));
  if (Array.isArray(like)) return fc.oneof(operator, fc.constantFrom<unknown>('x', 5, { 0: like[0] ?? 'x' }, true));
  return fc.oneof(fc.constantFrom<unknown>('x', 5, true, [like]));
}

/** Keys that must never be accepted (whitelisting) nor reach an object's prototype. */
export const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype', '$where', '$gt', 'isAdmin', 'roles_', 'toString', 'hasOwnProperty'];

/** Nested values that try to pollute Object.prototype if merged naively. */
export const POLLUTING_VALUES: unknown[] = [{ polluted: 'yes' }, { prototype: { polluted: 'yes' } }, { constructor: { prototype: { polluted: 'yes' } } }, 'polluted'];

/** A deeply nested object or array (stack-depth attack on recursive validators or serializers). */
export const deepNest = (depth: number, array = false): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = array ? [v] : { a: v };
  return v;
};
