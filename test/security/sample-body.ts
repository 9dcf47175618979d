// Plausibly valid request bodies built from the OpenAPI schema of a route, so that a request from a
// person without rights gets past validation and reaches the service's own checks. The schema says
// little about real constraints (patterns, dates, ids), so names and examples guide the values.
import { randomUUID } from 'node:crypto';
import { JsonSchema, resolveRef } from './route-catalog';

export interface SampleContext {
  doc: any;
  /** Real ids by resource noun: `draft`, `hearing`, `seat`, ... */
  ids: Record<string, string[]>;
}

let unique = 0;
const DAY = 24 * 3600 * 1000;

const TIMES: Record<string, number> = {
  startsAt: 30 * DAY,
  signupOpensAt: -60_000,
  signupClosesAt: 10 * DAY,
  commentOpensAt: 0,
  commentClosesAt: 14 * DAY,
  receivedAt: -60_000,
};

function isoWithOffset(ms: number): string {
  return new Date(Date.now() + ms).toISOString().replace('Z', '+00:00');
}

const looksLikeTime = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v);

/** A value of `schema` for the property `name`; undefined when nothing sensible can be made. */
export function sampleValue(schema: JsonSchema | undefined, name: string, ctx: SampleContext, depth = 0): unknown {
  const s = resolveRef(ctx.doc, schema) ?? {};
  if (depth > 6) return undefined;
  if (s.enum?.length) return s.enum[0];
  if (s.type === 'array' || s.items) {
    if (Array.isArray(s.example)) return s.example;
    // Two items: some lists mean nothing with one (R3: at least two alternative plans).
    const n = Math.min(Math.max(2, s.minItems ?? 0), s.maxItems ?? 2);
    const item = sampleValue(s.items, name.replace(/s$/, ''), ctx, depth + 1);
    return item === undefined ? [] : Array.from({ length: n }, () => item);
  }
  if (/Id$|^ids?$/.test(name) || s.format === 'uuid') {
    const noun = name === 'ids' || name === 'id' ? 'none' : name.replace(/Id$/, '');
    return ctx.ids[noun]?.[0] ?? randomUUID();
  }
  if (/At$/.test(name) || s.format === 'date-time' || looksLikeTime(s.example)) return isoWithOffset(TIMES[name] ?? DAY);
  if (/email/i.test(name) && (s.type === 'string' || s.type === undefined)) return `sample${++unique}.${Date.now()}@example.com`;
  if (/hex|SHA-256|H\^/.test(String(s.description ?? '')) && (s.type === 'string' || s.type === undefined)) return 'ab'.repeat(32);
  if (s.properties) return sampleObject(s, ctx, depth + 1);
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.type === 'boolean') return true;
  if (s.type === 'number' || s.type === 'integer') return s.minimum ?? 1;
  if (s.type === 'object' && s.nullable) return null;
  const min = s.minLength ?? 0;
  const text = `测试内容${name}`;
  const padded = text.length >= min ? text : text + '文'.repeat(min - text.length);
  return s.maxLength ? padded.slice(0, s.maxLength) : padded;
}

export function sampleObject(schema: JsonSchema | undefined, ctx: SampleContext, depth = 0): Record<string, unknown> {
  const s = resolveRef(ctx.doc, schema) ?? {};
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(s.properties ?? {})) {
    const v = sampleValue(prop, key, ctx, depth);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** Leaf paths of a sample value (for mutating one field at a time). */
export function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (!entries.length) return [prefix];
    return entries.flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
  }
  return [prefix];
}

export function getAt(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), value);
}

/** A deep copy with the value at `path` replaced. */
export function setAt<T>(value: T, path: string[], replacement: unknown): T {
  if (!path.length) return replacement as T;
  const copy: any = Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) };
  copy[path[0]] = setAt(copy[path[0]], path.slice(1), replacement);
  return copy;
}

/** The schema of the property at `path` (undefined when unknown). */
export function schemaAt(doc: any, schema: JsonSchema | undefined, path: string[]): JsonSchema | undefined {
  let s = resolveRef(doc, schema);
  for (const k of path) {
    if (!s) return undefined;
    s = resolveRef(doc, s.properties?.[k] ?? (s.items ? resolveRef(doc, s.items)?.properties?.[k] : undefined));
  }
  return s;
}
