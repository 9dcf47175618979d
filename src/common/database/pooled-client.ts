import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Guards a client taken straight from the pg pool. A connection dropped while we hold the client
 * (PostgreSQL restarting) emits 'error' on it; without a listener that kills the process. The
 * returned release function destroys a broken client instead of returning it to the pool.
 */
export function guardPooledClient(client: PoolClient): (err?: unknown) => void {
  let broken: Error | undefined;
  const onError = (err: Error) => {
    broken = err;
  };
  client.on('error', onError);
  return (err?: unknown) => {
    client.off('error', onError);
    // Errors without an SQLSTATE come from the connection, not from the query: do not reuse it.
    const connectionLost = !!err && !(err as { code?: string }).code;
    client.release(broken ?? (connectionLost ? (err as Error) : undefined));
  };
}

/** TypeORM's pg pool, for the paths that talk to pg directly (undefined before the DataSource connects). */
export function pgPool(db: DataSource): Pool {
  return (db.driver as unknown as { master: Pool }).master;
}

/**
 * Runs `work` on a client checked out of TypeORM's pool and guarded as above. On an error a
 * transaction `work` left open is rolled back (a no-op outside one), so no client goes back to the
 * pool inside an aborted transaction.
 */
export async function withPooledClient<T>(db: DataSource, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pgPool(db).connect();
  const release = guardPooledClient(client);
  let failure: unknown;
  try {
    return await work(client);
  } catch (e) {
    failure = e;
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    release(failure);
  }
}
