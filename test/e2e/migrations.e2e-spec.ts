import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ALL_MIGRATIONS } from '../../migrations';
import { runMigrations } from '../../src/database/migrate';
import { typeormOptions } from '../../src/database/typeorm-options';
import { dbUrl, runId, TEST_PG_URL } from '../setup/test-env';

// A release that goes wrong is undone with `down`: every migration must roll back cleanly, one by
// one to an empty schema, and the schema applied again must be exactly the one rolled back.

/** Tables, columns, constraints, indexes and triggers of the public schema, as PostgreSQL prints them. */
async function schemaOf(db: Client): Promise<string[]> {
  const lines = [];
  for (const sql of [
    `SELECT format('%s.%s %s %s %s', table_name, column_name, data_type, is_nullable, coalesce(column_default, '')) AS l
                FROM information_schema.columns WHERE table_schema = 'public'`,
    `SELECT format('%s %s %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) AS l
                FROM pg_constraint WHERE connamespace = 'public'::regnamespace`,
    `SELECT indexdef AS l FROM pg_indexes WHERE schemaname = 'public'`,
    `SELECT format('%s %s', tgrelid::regclass, pg_get_triggerdef(oid)) AS l FROM pg_trigger WHERE NOT tgisinternal`,
  ]) {
    const { rows } = await db.query<{ l: string }>(sql);
    lines.push(...rows.map((r) => r.l));
  }
  return lines.sort();
}

describe('migrations', () => {
  const name = `consult_${runId()}_migrations`;
  const url = dbUrl(name);
  const admin = new Client({ connectionString: TEST_PG_URL });
  let db: Client;

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
    db = new Client({ connectionString: url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  /** Runs `work` on a data source that knows only the first `count` migrations. */
  async function withMigrations<T>(count: number, work: (ds: DataSource) => Promise<T>): Promise<T> {
    const ds = new DataSource({ ...typeormOptions(url), migrations: ALL_MIGRATIONS.slice(0, count), extra: { max: 1 } });
    await ds.initialize();
    try {
      return await work(ds);
    } finally {
      await ds.destroy();
    }
  }

  it('each rolls back to exactly the schema before it, down to an empty one, and applies again', async () => {
    // The schema after each migration, applied one at a time.
    const after: string[][] = [];
    for (let n = 1; n <= ALL_MIGRATIONS.length; n++) {
      await withMigrations(n, (ds) => ds.runMigrations({ transaction: 'each' }));
      after.push(await schemaOf(db));
    }
    expect(after.at(-1)!.some((l) => l.startsWith('comment_signature '))).toBe(true);

    for (let n = ALL_MIGRATIONS.length; n >= 1; n--) {
      await withMigrations(n, (ds) => ds.undoLastMigration({ transaction: 'each' }));
      const now = await schemaOf(db);
      // Before the first migration only TypeORM's own table is there.
      const before = n > 1 ? after[n - 2] : now.filter((l) => l.includes('schema_migrations'));
      const rolledBack = ALL_MIGRATIONS[n - 1].name;
      expect({ rolledBack, schema: now }).toEqual({ rolledBack, schema: before });
    }
    const { rows } = await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    expect(rows.map((r) => r.tablename)).toEqual(['schema_migrations']);

    expect(await runMigrations(url)).toHaveLength(ALL_MIGRATIONS.length);
    expect(await schemaOf(db)).toEqual(after.at(-1));
  });
});
