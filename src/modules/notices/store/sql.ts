import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** Rows of a raw query: TypeORM answers `[rows, affected]` for UPDATE and DELETE, rows otherwise. */
export async function query<T>(m: Pick<EntityManager, 'query'>, sql: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await m.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

export async function first<T>(m: Pick<EntityManager, 'query'>, sql: string, params: unknown[] = []): Promise<T | undefined> {
  return (await query<T>(m, sql, params))[0];
}

/**
 * A UUID whose first 48 bits are the time (the layout of UUIDv7), so a million notices written in
 * one run land at the end of the primary key index instead of all over it.
 */
export function timeOrderedUuid(now = Date.now()): string {
  const random = randomUUID();
  const t = now.toString(16).padStart(12, '0').slice(-12);
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${random.slice(15, 18)}-${random.slice(19)}`;
}
