/** Where the tests find PostgreSQL and Redis; the machine's defaults unless overridden. */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function dbUrl(name: string): string {
  const u = new URL(TEST_PG_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A name unique to this test run, shared with the workers through the environment. */
export function runId(): string {
  const id = process.env.CONSULT_TEST_RUN;
  if (!id) throw new Error('CONSULT_TEST_RUN is not set: run the tests through jest (global setup)');
  return id;
}

export const templateName = () => `consult_${runId()}_tpl`;
