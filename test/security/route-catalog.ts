// Discovers every HTTP route and socket event of the running application from Nest's own metadata,
// so the security tests cover routes added after they were written without anyone listing them.
import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
// Nest 12 keeps these keys out of its root export.
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { getMetadataStorage } from 'class-validator';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { GATEWAY_METADATA, GATEWAY_OPTIONS, MESSAGE_MAPPING_METADATA, MESSAGE_METADATA } from '@nestjs/websockets/constants';
import { IS_PUBLIC, ROLES_KEY } from '../../src/common/auth/decorators';
import type { Role } from '../../src/common/auth/principal';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export const WRITE_METHODS: HttpMethod[] = ['POST', 'PUT', 'PATCH', 'DELETE'];

export interface RouteInfo {
  method: HttpMethod;
  /** With `:param` placeholders and the global prefix: `/api/drafts/:id/publish`. */
  path: string;
  /** Path parameters in order, e.g. `['id', 'applicationId']`. */
  params: string[];
  isPublic: boolean;
  /** The roles of `@Roles`, or null when any signed-in user passes the guard. */
  roles: Role[] | null;
  controller: string;
  handler: string;
  /** The class of the `@Body()` parameter, when the handler takes one. */
  bodyDto?: Function;
  /** From the OpenAPI document: the JSON schema of the body (refs resolved lazily) and query parameters. */
  bodySchema?: JsonSchema;
  query: Array<{ name: string; required: boolean; schema: JsonSchema }>;
}

export interface JsonSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  example?: unknown;
  default?: unknown;
  $ref?: string;
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  nullable?: boolean;
  [k: string]: unknown;
}

export interface GatewayInfo {
  namespace: string;
  events: string[];
  gateway: string;
}

const API_PREFIX = '/api';

const joinPath = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/');

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

function controllerClasses(app: INestApplication): Function[] {
  const seen = new Set<Function>();
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) if (wrapper.metatype) seen.add(wrapper.metatype as Function);
  }
  return [...seen];
}

function providerClasses(app: INestApplication): Function[] {
  const seen = new Set<Function>();
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.providers.values()) if (typeof wrapper.metatype === 'function') seen.add(wrapper.metatype as Function);
  }
  return [...seen];
}

function methodNames(proto: object): string[] {
  const names = new Set<string>();
  for (let p = proto; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const n of Object.getOwnPropertyNames(p)) if (n !== 'constructor') names.add(n);
  }
  return [...names];
}

/** Every route the application serves, with the access metadata the AuthGuard reads. */
export function discoverRoutes(app: INestApplication): RouteInfo[] {
  const reflector = app.get(Reflector);
  const routes: RouteInfo[] = [];
  for (const cls of controllerClasses(app)) {
    const bases = asList(Reflect.getMetadata(PATH_METADATA, cls));
    for (const name of methodNames(cls.prototype)) {
      const fn = Object.getOwnPropertyDescriptor(cls.prototype, name)?.value ?? (cls.prototype as any)[name];
      if (typeof fn !== 'function') continue;
      const subPaths = Reflect.getMetadata(PATH_METADATA, fn);
      if (subPaths === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as number] as string;
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue;
      const isPublic = !!reflector.getAllAndOverride<boolean>(IS_PUBLIC, [fn, cls]);
      const bodyDto = bodyClassOf(cls, name);
      const roles = reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [fn, cls]);
      for (const base of bases.length ? bases : ['']) {
        for (const sub of asList(subPaths).length ? asList(subPaths) : ['']) {
          const path = joinPath(API_PREFIX, base, sub);
          routes.push({
            method: method as HttpMethod,
            path,
            params: [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]),
            isPublic,
            roles: roles?.length ? [...roles] : null,
            controller: cls.name,
            handler: name,
            bodyDto,
            query: [],
          });
        }
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

const BODY_PARAM = 3; // RouteParamtypes.BODY

/** The DTO class of a handler's `@Body()` parameter (Nest records `<paramtype>:<index>` keys). */
function bodyClassOf(cls: Function, handler: string): Function | undefined {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, cls, handler) ?? {}) as Record<string, { index: number; data?: unknown }>;
  const body = Object.entries(args).find(([key, arg]) => key.startsWith(`${BODY_PARAM}:`) && arg.data === undefined);
  if (!body) return undefined;
  const types = (Reflect.getMetadata('design:paramtypes', cls.prototype, handler) ?? []) as Function[];
  const type = types[body[1].index];
  return type && type !== Object ? type : undefined;
}

/**
 * Properties of a DTO whose validation is conditional (`@IsOptional`, `@ValidateIf`): null or
 * absent is valid for them. The OpenAPI `required` list is not always right about this.
 */
export function conditionalProperties(dto: Function | undefined): Set<string> {
  if (!dto) return new Set();
  const metas = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  return new Set(metas.filter((m) => m.type === 'conditionalValidation').map((m) => m.propertyName));
}

export const routeKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

/** `/api/drafts/{id}` → `/api/drafts/:id` */
export const fromOpenApiPath = (p: string) => p.replace(/\{([^}]+)\}/g, ':$1');

/**
 * Adds body and query schemas from the OpenAPI document to the discovered routes, and returns the
 * OpenAPI operations that the discovery did not find (should be none).
 */
export function attachOpenApi(routes: RouteInfo[], doc: any): string[] {
  const byKey = new Map(routes.map((r) => [routeKey(r), r]));
  const unknown: string[] = [];
  const resolve = (s: JsonSchema | undefined): JsonSchema | undefined => resolveRef(doc, s);
  for (const [p, ops] of Object.entries<any>(doc.paths ?? {})) {
    for (const [m, op] of Object.entries<any>(ops)) {
      const key = `${m.toUpperCase()} ${fromOpenApiPath(p)}`;
      const route = byKey.get(key);
      if (!route) {
        unknown.push(key);
        continue;
      }
      const body = op.requestBody?.content?.['application/json']?.schema;
      if (body) route.bodySchema = resolve(body);
      for (const prm of op.parameters ?? []) {
        if (prm.in === 'query') route.query.push({ name: prm.name, required: !!prm.required, schema: resolve(prm.schema) ?? {} });
      }
    }
  }
  return unknown;
}

/** Resolves `$ref`s (one level at a time; callers recurse through properties). */
export function resolveRef(doc: any, s: JsonSchema | undefined): JsonSchema | undefined {
  let cur = s;
  for (let i = 0; cur?.$ref && i < 20; i++) {
    const name = cur.$ref.replace('#/components/schemas/', '');
    cur = doc.components?.schemas?.[name];
  }
  if (cur?.allOf?.length) {
    const parts = cur.allOf.map((x) => resolveRef(doc, x) ?? {});
    return {
      type: 'object',
      properties: Object.assign({}, ...parts.map((x) => x.properties ?? {})),
      required: parts.flatMap((x) => x.required ?? []),
    };
  }
  return cur;
}

/** Socket.io gateways with their namespace and subscribed events. */
export function discoverGateways(app: INestApplication): GatewayInfo[] {
  const out: GatewayInfo[] = [];
  for (const cls of providerClasses(app)) {
    if (!Reflect.getMetadata(GATEWAY_METADATA, cls)) continue;
    const options = (Reflect.getMetadata(GATEWAY_OPTIONS, cls) ?? {}) as { namespace?: string };
    const events: string[] = [];
    for (const name of methodNames(cls.prototype)) {
      const fn = (cls.prototype as any)[name];
      if (typeof fn === 'function' && Reflect.getMetadata(MESSAGE_MAPPING_METADATA, fn)) events.push(String(Reflect.getMetadata(MESSAGE_METADATA, fn)));
    }
    out.push({ namespace: typeof options.namespace === 'string' ? options.namespace : '/', events: events.sort(), gateway: cls.name });
  }
  return out.sort((a, b) => a.namespace.localeCompare(b.namespace));
}
