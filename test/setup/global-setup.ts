import { Client } from 'pg';
import { runMigrations } from '../../src/database/migrate';
import { dbUrl, templateName, TEST_PG_URL } from './test-env';

/** Migrates one template database per run; each test file clones it (CREATE DATABASE ... TEMPLATE), which is fast. */
export default async function globalSetup(): Promise<void> {
  process.env.CONSULT_TEST_RUN ??= `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const admin = new Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${templateName()}"`);
    await admin.query(`CREATE DATABASE "${templateName()}"`);
  } finally {
    await admin.end();
  }
  await runMigrations(dbUrl(templateName()));
}
