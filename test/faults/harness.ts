// Shared pieces of the fault tests: the built API and worker as child processes (so they can be
// killed with SIGKILL) against a throwaway PostgreSQL cluster and Redis server, and a TestApp-shaped
// handle over HTTP so the e2e factories (drafts, users, live) work unchanged.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { runMigrations } from '../../src/database/migrate';
import type { TestApp } from '../setup/test-app';
import { freePort, PgServer, RedisServer, startPostgres, startRedis } from './services';

export const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');
export const ADMIN_EMAIL = 'admin@example.gov.cn';
export const ADMIN_PASSWORD = 'Admin#2026-faults';
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the server when dist is missing or older than a source file (the tests run the build). */
export function ensureBuilt(): void {
  const stale = !existsSync(MAIN) || Math.max(newestSource(join(ROOT, 'src')), newestSource(join(ROOT, 'migrations'))) > statSync(MAIN).mtimeMs;
  if (!stale || process.env.FAULTS_SKIP_BUILD) return;
  const r = spawnSync('npm', ['run', 'build:server'], { cwd: ROOT, encoding: 'utf8' });
  if (!existsSync(MAIN)) throw new Error(`build failed: ${r.stdout}${r.stderr}`);
}

export interface Proc {
  child: ChildProcess;
  url: string;
  port: number;
  exited: Promise<number | null>;
  kill9: () => Promise<void>;
  stop: () => Promise<void>;
}

export interface Stack {
  pg: PgServer;
  redis: RedisServer;
  dbUrl: string;
  prefix: string;
  sql: Client;
  env: Record<string, string>;
  api: (extra?: Record<string, string>) => Promise<Proc>;
  worker: (extra?: Record<string, string>) => Promise<Proc>;
  /** A TestApp-shaped handle on one API instance, for the e2e factories. */
  handle: (api: Proc) => TestApp;
  destroy: () => Promise<void>;
}

export async function waitHealthy(url: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${url} not healthy within ${ms} ms`);
    await sleep(100);
  }
}

export async function startStack(): Promise<Stack> {
  ensureBuilt();
  const pg = await startPostgres();
  const redis = await startRedis();
  const dbUrl = pg.url('consult_faults');
  await runMigrations(dbUrl);
  const sql = new Client({ connectionString: dbUrl });
  sql.on('error', () => undefined); // the PostgreSQL restart test reconnects its own clients
  await sql.connect();
  const prefix = `faults${Date.now().toString(36)}`;
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    DATABASE_URL: dbUrl,
    REDIS_URL: redis.url,
    REDIS_PREFIX: prefix,
    JWT_SECRET: 'fault-tests-secret-fault-tests-secret',
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    THROTTLE_LIMIT: '100000000',
    LOG_LEVEL: 'warn',
    RUN_MIGRATIONS: 'false',
    SERVE_CLIENT: 'false',
  };
  const procs: Proc[] = [];
  const launch = async (script: string, extra: Record<string, string>, health: boolean): Promise<Proc> => {
    const port = await freePort();
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', script)], {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(port), ...extra },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const url = `http://127.0.0.1:${port}`;
    const p: Proc = {
      child,
      url,
      port,
      exited,
      kill9: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await exited;
      },
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await Promise.race([exited, sleep(10_000).then(() => child.kill('SIGKILL'))]);
        await exited;
      },
    };
    procs.push(p);
    if (health) await waitHealthy(url);
    return p;
  };
  return {
    pg,
    redis,
    dbUrl,
    prefix,
    sql,
    env,
    api: (extra = {}) => launch('main.js', extra, true),
    worker: (extra = {}) => launch('worker.js', extra, false),
    handle: (api) =>
      ({
        url: api.url,
        sql,
        cfg: { ADMIN_EMAIL, ADMIN_PASSWORD, DATABASE_URL: dbUrl, REDIS_URL: redis.url, REDIS_PREFIX: prefix },
        http: () => request(api.url),
      }) as unknown as TestApp,
    destroy: async () => {
      for (const p of procs) await p.stop().catch(() => undefined);
      // A client whose server was restarted under it may never answer `end`.
      await Promise.race([sql.end().catch(() => undefined), sleep(2000)]);
      await redis.destroy().catch(() => undefined);
      await pg.destroy().catch(() => undefined);
    },
  };
}

/** Polls until `check` is truthy; fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(200);
  }
}

/** One line of figures per test, picked up for docs/reliability.md. */
export function figures(name: string, values: Record<string, unknown>): void {
  process.stdout.write(`FAULT-FIGURES ${name} ${JSON.stringify(values)}\n`);
}
