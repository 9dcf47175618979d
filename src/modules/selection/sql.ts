import type { EntityManager } from 'typeorm';

/** Rows of a raw query. TypeORM answers `[rows, count]` for UPDATE and DELETE, the rows otherwise. */
export async function rows<T>(m: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await m.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

export async function one<T>(m: EntityManager, sql: string, params: unknown[] = []): Promise<T | undefined> {
  return (await rows<T>(m, sql, params))[0];
}
