import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { createApi } from '../../src/app.factory';
import { loadConfig, AppConfig } from '../../src/config/env';
import { WorkerModule } from '../../src/worker.module';
import { dbUrl, runId, templateName, TEST_PG_URL, TEST_REDIS_URL } from './test-env';

export interface TestApp {
  app: NestFastifyApplication;
  cfg: AppConfig;
  /** http://127.0.0.1:<port> of the listening API */
  url: string;
  http: () => ReturnType<typeof request>;
  sql: Client;
  /** Starts the queue worker in this process (for flows that send mail or notices). */
  startWorker: () => Promise<INestApplicationContext>;
  close: () => Promise<void>;
}

/** A fresh database cloned from the migrated template, in its own Redis namespace. */
export async function createTestDatabase(): Promise<string> {
  const name = `consult_${runId()}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName()}"`);
  } finally {
    await admin.end();
  }
  return dbUrl(name);
}

export function testConfig(env: Record<string, string>): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    REDIS_URL: TEST_REDIS_URL,
    PORT: '0',
    LOG_LEVEL: 'warn',
    SERVE_CLIENT: 'false',
    RUN_MIGRATIONS: 'false',
    THROTTLE_LIMIT: '100000',
    ...env,
  });
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const databaseUrl = env.DATABASE_URL ?? (await createTestDatabase());
  const prefix = `t${randomBytes(4).toString('hex')}`;
  const cfg = testConfig({ DATABASE_URL: databaseUrl, REDIS_PREFIX: prefix, ...env });
  const app = await createApi(cfg);
  await app.init();
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const sql = new Client({ connectionString: databaseUrl });
  await sql.connect();
  const workers: INestApplicationContext[] = [];

  return {
    app,
    cfg,
    url,
    sql,
    http: () => request(app.getHttpServer()),
    startWorker: async () => {
      const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(cfg), { logger: ['error'] });
      workers.push(worker);
      return worker;
    },
    close: async () => {
      for (const w of workers) await w.close();
      await app.close();
      await sql.end();
      await clearRedisPrefix(prefix);
    },
  };
}

async function clearRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
