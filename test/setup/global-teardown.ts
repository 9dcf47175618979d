import { Client } from 'pg';
import { runId, TEST_PG_URL } from './test-env';

/** Drops this run's databases (other runs, e.g. a colleague's in parallel, are left alone). */
export default async function globalTeardown(): Promise<void> {
  const admin = new Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`consult_${runId()}_%`]);
    for (const { datname } of rows) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
  } finally {
    await admin.end();
  }
}
