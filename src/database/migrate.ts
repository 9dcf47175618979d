import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/env';
import { ensureDatabase } from './ensure-database';
import { typeormOptions } from './typeorm-options';

/** Applies pending migrations; safe to run from several processes at once (advisory lock). */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  await ensureDatabase(databaseUrl);
  const ds = new DataSource({ ...typeormOptions(databaseUrl), extra: { max: 2 } });
  await ds.initialize();
  try {
    await ds.query('SELECT pg_advisory_lock(727001)');
    const applied = await ds.runMigrations({ transaction: 'each' });
    await ds.query('SELECT pg_advisory_unlock(727001)');
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  runMigrations(loadConfig().DATABASE_URL)
    .then((names) => {
      console.log(names.length ? `applied: ${names.join(', ')}` : 'database is up to date');
    })
    .catch((err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
