import type { PoolClient } from 'pg';

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
