// The reviewed access rule of every route, recorded in reviewed-access.json. The route metadata alone
// cannot show that a `@Roles` decorator was removed (the route then simply looks open to everyone
// signed in), so the matrix compares the metadata with this record: a route may become stricter,
// never more open, without someone reviewing it and re-running with UPDATE_ACCESS_POLICY=1.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '../../src/common/auth/principal';
import { RouteInfo, routeKey } from './route-catalog';

export const POLICY_FILE = join(__dirname, 'reviewed-access.json');

/** `public`, `signed-in`, or the admitted roles sorted and joined by commas. */
export type Access = string;

export const accessOf = (r: Pick<RouteInfo, 'isPublic' | 'roles'>): Access =>
  r.isPublic ? 'public' : r.roles ? [...r.roles].sort().join(',') : 'signed-in';

export function loadPolicy(): Record<string, Access> {
  return existsSync(POLICY_FILE) ? JSON.parse(readFileSync(POLICY_FILE, 'utf8')) : {};
}

export function writePolicy(routes: RouteInfo[]): void {
  const out: Record<string, Access> = {};
  for (const r of [...routes].sort((a, b) => routeKey(a).localeCompare(routeKey(b)))) out[routeKey(r)] = accessOf(r);
  writeFileSync(POLICY_FILE, JSON.stringify(out, null, 2) + '\n');
}

const rolesOf = (a: Access): Role[] | null => (a === 'public' || a === 'signed-in' ? null : (a.split(',') as Role[]));

/** Whether `now` lets in anyone `recorded` kept out. */
export function isWider(now: Access, recorded: Access): boolean {
  if (now === recorded) return false;
  if (recorded === 'public') return false;
  if (now === 'public') return true;
  if (recorded === 'signed-in') return false;
  if (now === 'signed-in') return true;
  const allowed = new Set(rolesOf(recorded));
  return rolesOf(now)!.some((r) => !allowed.has(r));
}

/**
 * The access the matrix enforces: the stricter of the metadata and the record, so that a removed
 * decorator also shows up as wrong HTTP answers, not only as a policy difference.
 */
export function effectiveAccess(route: RouteInfo, policy: Record<string, Access>): { isPublic: boolean; roles: Role[] | null } {
  const recorded = policy[routeKey(route)];
  const now = accessOf(route);
  const strict = recorded && isWider(now, recorded) ? recorded : now;
  return { isPublic: strict === 'public', roles: rolesOf(strict) };
}
