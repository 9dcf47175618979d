// Case generators of the hostile-input fuzz run (test/e2e/hostile-input.e2e-spec.ts): for each
// discovered route, payloads that must be refused and well-formed payloads with hostile values;
// for socket events, hostile payloads of every shape.
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { Consultation, idsForParam } from '../factories/consultation';
import { deepNest, hostileString, NUMBERS, PATH_SEGMENTS, POLLUTING_KEYS, POLLUTING_VALUES, QUERY_VALUES, wrongTypeFor } from './hostile';
import { conditionalProperties, RouteInfo, WRITE_METHODS } from './route-catalog';
import { getAt, leafPaths, sampleObject, schemaAt, setAt } from './sample-body';

export interface HttpCase {
  kind: string;
  path: string;
  query?: string;
  body?: unknown;
  /** Sent as is with Content-Type: application/json (malformed JSON, own `__proto__` keys). */
  raw?: string;
}

/** Concrete paths for a route: each parameter filled with real ids of the world, else a random UUID. */
export function fill(route: RouteInfo, world: Consultation, max = 3): string[] {
  let paths = [route.path];
  for (const prm of route.params) {
    const values = idsForParam(world, route.path, prm).slice(0, max);
    paths = paths.flatMap((p) => (values.length ? values : [randomUUID()]).map((v) => p.replace(`:${prm}`, encodeURIComponent(v))));
  }
  return paths.slice(0, max);
}

const withParam = (route: RouteInfo, world: Consultation, index: number, value: string) =>
  route.params.reduce((p, prm, i) => p.replace(`:${prm}`, encodeHostile(i === index ? value : (idsForParam(world, route.path, prm)[0] ?? randomUUID()))), route.path);

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** JSON text of `body` with `key: value` added as an own property of the object at `at` (even `__proto__`). */
function withOwnKey(body: Record<string, unknown>, at: string[], key: string, value: unknown): string {
  const target = at.length ? getAt(body, at) : body;
  const inner = JSON.stringify(target);
  const added = `{${JSON.stringify(key)}:${JSON.stringify(value)}${inner === '{}' ? '' : ','}${inner.slice(1)}`;
  if (!at.length) return added;
  const marker = `"__marker_${randomUUID()}__"`;
  return JSON.stringify(setAt(body, at, marker.slice(1, -1))).replace(marker, added);
}

/**
 * Payloads that no route may accept: a broken path parameter, a field of the wrong type, an unknown
 * or polluting key, a required field set to null, an over-long string, a body that is not a JSON
 * object. For reads the same shapes go into the query string.
 */
export function malformedCases(route: RouteInfo, world: Consultation, doc: any): fc.Arbitrary<HttpCase> {
  const path = fill(route, world)[0];
  const sample = route.bodySchema ? sampleObject(route.bodySchema, { doc, ids: world.ids }) : undefined;
  const options: Array<fc.Arbitrary<HttpCase>> = [];
  const rare: Array<fc.Arbitrary<HttpCase>> = []; // expensive cases, drawn less often
  const segment = fc.oneof(fc.constantFrom(...PATH_SEGMENTS), hostileString(300).filter((s) => s.length > 0 && !/^[0-9a-f-]{36}$/i.test(s)));
  if (route.params.length) {
    options.push(fc.tuple(fc.nat(route.params.length - 1), segment).map(([i, s]) => ({ kind: `path :${route.params[i]}=${preview(s)}`, path: withParam(route, world, i, s), body: sample })));
  }
  if (WRITE_METHODS.includes(route.method)) {
    // Not a JSON object: refused by the body parser whatever the route.
    options.push(fc.constantFrom('{"a":', '{"a": 1,,}', '"just a string"', 'null', '123', 'true', '{"a": "\\x00"}', '\u0000', '{'.repeat(2000)).map((raw) => ({ kind: `raw ${preview(raw)}`, path, raw })));
    rare.push(fc.constant({ kind: 'body over the size limit', path, body: { ...(sample ?? {}), padding: 'x'.repeat(1_100_000) } }));
  }
  if (isPlainObject(sample)) {
    const leaves = leafPaths(sample).filter((p) => p.length && getAt(sample, p) !== null && getAt(sample, p) !== undefined);
    const objects = [[], ...leafPaths(sample).flatMap((p) => p.slice(0, -1).map((_, i) => p.slice(0, i + 1)))].filter((p) => isPlainObject(p.length ? getAt(sample, p) : sample));
    if (leaves.length) {
      options.push(
        fc.constantFrom(...leaves).chain((p) => wrongTypeFor(getAt(sample, p)).map((v) => ({ kind: `wrong type ${p.join('.')}=${preview(v)}`, path, body: setAt(sample, p, v) }))),
      );
    }
    options.push(
      fc.tuple(fc.constantFrom(...objects), fc.constantFrom(...POLLUTING_KEYS), fc.constantFrom(...POLLUTING_VALUES)).map(([at, key, value]) => ({
        kind: `own key ${[...at, key].join('.')}`,
        path,
        raw: withOwnKey(sample, at, key, value),
      })),
    );
    options.push(fc.constantFrom<unknown>([sample], [], deepNest(3000, true), deepNest(3000)).map((body) => ({ kind: `body shape ${preview(body)}`, path, raw: JSON.stringify(body) })));
    const conditional = conditionalProperties(route.bodyDto);
    const required = Object.keys(sample).filter((k) => route.bodyDto && !conditional.has(k));
    if (required.length) options.push(fc.constantFrom(...required).map((k) => ({ kind: `null ${k}`, path, body: { ...sample, [k]: null } })));
    const bounded = leaves.filter((p) => typeof getAt(sample, p) === 'string' && schemaAt(doc, route.bodySchema, p)?.maxLength);
    if (bounded.length) {
      options.push(fc.constantFrom(...bounded).map((p) => ({ kind: `too long ${p.join('.')}`, path, body: setAt(sample, p, '长'.repeat(schemaAt(doc, route.bodySchema, p)!.maxLength! + 1)) })));
    }
  }
  if (route.method === 'GET') options.push(queryCases(route, path));
  return fc.oneof(...options.map((arbitrary) => ({ arbitrary, weight: 4 })), ...rare.map((arbitrary) => ({ arbitrary, weight: 1 })));
}

/** Query strings with wrong values for the declared parameters, repeated keys and unknown keys. */
function queryCases(route: RouteInfo, path: string): fc.Arbitrary<HttpCase> {
  const names = route.query.map((q) => q.name);
  const value = fc.oneof(fc.constantFrom(...QUERY_VALUES), hostileString(200), fc.constantFrom(...NUMBERS.map(String)));
  return fc
    .tuple(fc.constantFrom(...names, '__proto__[polluted]', 'constructor', '$where', 'page[$gt]'), value, fc.boolean())
    .map(([name, v, repeat]) => {
      const pair = `${encodeHostile(name)}=${encodeHostile(v)}`;
      return { kind: `query ${name}=${preview(v)}${repeat ? ' (twice)' : ''}`, path, query: repeat ? `${pair}&${pair}` : pair };
    });
}

/**
 * Well-formed bodies whose free-text fields carry injection, markup and unicode, and whose numbers
 * are extreme; reads get the same in their string query parameters. These may be accepted (and
 * stored verbatim), so only the absence of 5xx is asserted.
 */
export function wellFormedHostileCases(route: RouteInfo, world: Consultation, doc: any): fc.Arbitrary<HttpCase> | null {
  const path = fill(route, world)[0];
  const sample = route.bodySchema ? sampleObject(route.bodySchema, { doc, ids: world.ids }) : undefined;
  if (isPlainObject(sample)) {
    const free = leafPaths(sample).filter((p) => {
      const s = schemaAt(doc, route.bodySchema, p);
      return typeof getAt(sample, p) === 'string' && !s?.enum && !/Id$|At$|email|^ids?$/i.test(p[p.length - 1] ?? '');
    });
    const numbers = leafPaths(sample).filter((p) => typeof getAt(sample, p) === 'number');
    if (!free.length && !numbers.length) return null;
    return fc
      .tuple(
        fc.tuple(...free.map((p) => hostileString(Math.min(schemaAt(doc, route.bodySchema, p)?.maxLength ?? 500, 2000)))),
        fc.tuple(...numbers.map(() => fc.constantFrom(...NUMBERS))),
      )
      .map(([texts, nums]) => {
        let body: unknown = sample;
        free.forEach((p, i) => (body = setAt(body, p, texts[i])));
        numbers.forEach((p, i) => (body = setAt(body, p, nums[i])));
        return { kind: `hostile values ${preview(body)}`, path, body };
      });
  }
  const texts = route.query.filter((q) => q.schema.type === 'string' && !q.schema.enum);
  if (route.method === 'GET' && texts.length) {
    return fc
      .tuple(fc.constantFrom(...texts), hostileString(300))
      .map(([q, v]) => ({ kind: `query ${q.name}=${preview(v)}`, path, query: `${encodeURIComponent(q.name)}=${encodeHostile(v)}` }));
  }
  return null;
}

/** Socket payloads: primitives, arrays, deep nesting, and objects of plausible keys with hostile values. */
export function socketPayload(realIds: string[]): fc.Arbitrary<unknown> {
  const id = realIds.length ? fc.oneof(fc.constantFrom(...realIds), fc.constantFrom(...PATH_SEGMENTS), fc.uuid()) : fc.oneof(fc.constantFrom(...PATH_SEGMENTS), fc.uuid());
  const value = fc.oneof(
    { weight: 6, arbitrary: hostileString(2000) },
    { weight: 3, arbitrary: fc.constantFrom<unknown>(...NUMBERS, null, true, [], {}, { $gt: '' }) },
    { weight: 1, arbitrary: fc.constant('字'.repeat(200_000)) }, // over maxHttpBufferSize
  );
  const keys = ['hearingId', 'draftId', 'afterSeq', 'seq', 'text', 'speaker', 'role', 'seatId', 'userId', 'kind', '__proto__', 'constructor'];
  return fc.oneof(
    fc.constantFrom<unknown>(null, 0, -1, 'join', '', [], [[[]]], deepNest(2000), deepNest(2000, true)),
    hostileString(500),
    fc.dictionary(fc.constantFrom(...keys), fc.oneof(value, id), { maxKeys: 5 }),
    fc.record({ hearingId: id, afterSeq: fc.constantFrom<unknown>(...NUMBERS, '1', null), text: value, speaker: value, seq: fc.constantFrom<unknown>(...NUMBERS, 'x') }, { requiredKeys: ['hearingId'] }),
    fc.record({ draftId: id }),
  );
}

/**
 * Percent-encoding that also carries lone surrogates (as their 3-byte WTF-8 form, i.e. invalid
 * UTF-8), which encodeURIComponent refuses to encode: that is what a hostile client sends.
 */
export function encodeHostile(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      out += [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else out += encodeURIComponent(ch);
  }
  return out;
}

export function preview(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 60)}…(${s.length})` : s;
}

