import type { DataSourceOptions } from 'typeorm';
import { ALL_MIGRATIONS } from '../../migrations';
import { SnakeNamingStrategy } from './naming-strategy';

/** One definition of the connection for the API, the worker, the CLI and the tests. */
export function typeormOptions(databaseUrl: string, pool: { size: number; connectTimeoutMs: number } = { size: 20, connectTimeoutMs: 5000 }): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    synchronize: false,
    migrationsRun: false,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    // A pool sized for a 2-core box; several API instances share one PostgreSQL. Waiting for a
    // connection is bounded in time (503 after connectTimeoutMs) and in count (OverloadMonitor).
    extra: { max: pool.size, connectionTimeoutMillis: pool.connectTimeoutMs, idleTimeoutMillis: 30000 },
  };
}
