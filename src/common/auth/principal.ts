export const ROLES = ['resident', 'organizer', 'reviewer', 'clerk', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES: Role[] = ['organizer', 'reviewer', 'clerk', 'admin'];

/** Who is calling, as carried by the access token. */
export interface Principal {
  id: string;
  roles: Role[];
  unitId: string | null;
  displayName: string;
}

export function hasRole(p: Principal | undefined, ...roles: Role[]): boolean {
  return !!p && p.roles.some((r) => roles.includes(r));
}

/** Staff act only inside their own unit; the admin may act anywhere. */
export function isStaffOfUnit(p: Principal | undefined, unitId: string, ...roles: Role[]): boolean {
  if (!p) return false;
  if (p.roles.includes('admin')) return true;
  return p.unitId === unitId && (roles.length === 0 ? p.roles.some((r) => r !== 'resident') : hasRole(p, ...roles));
}
