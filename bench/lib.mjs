// Shared helpers for `npm run bench`: start the built API/worker on a fresh database, print figures.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const machine = `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, ${os.cpus()[0]?.model?.trim() ?? 'cpu'}, node ${process.version}`;

/** Prints one figure as a JSON line: {name, value, unit, baseline, ratio, machine}. */
export function figure(name, value, unit, baseline = null, extra = {}) {
  const ratio = baseline ? Math.round((value / baseline) * 1000) / 1000 : null;
  const row = { name, value: round(value), unit, baseline: baseline === null ? null : round(baseline), ratio, machine, ...extra };
  console.log(JSON.stringify(row));
  return row;
}

export const round = (x) => (typeof x === 'number' ? Math.round(x * 100) / 100 : x);

export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** A fresh, migrated database for one benchmark; dropped by the returned function. */
export async function freshDatabase() {
  const name = `consult_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  const { runMigrations } = await import(join(root, 'dist/src/database/migrate.js'));
  await runMigrations(url);
  return {
    url,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
      await c.end();
    },
  };
}

/** Starts a built process (dist/src/main.js or worker.js) with env; resolves when /api/health answers (API) or after start (worker). */
export async function startProcess(script, env, { waitHealth = true } = {}) {
  const port = env.PORT ?? String(await freePort());
  const child = spawn(process.execPath, [join(root, script)], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', JWT_SECRET: 'bench-secret-bench-secret', ADMIN_PASSWORD: 'Admin#2026', LOG_LEVEL: 'warn', THROTTLE_LIMIT: '100000000', REDIS_URL, ...env, PORT: port },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  if (waitHealth) {
    for (let i = 0; i < 200; i++) {
      try {
        if ((await fetch(`${url}/api/health`)).ok) break;
      } catch {}
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { child, url, port, stop: () => new Promise((r) => (child.exitCode !== null ? r() : (child.once('exit', r), child.kill('SIGTERM')))) };
}

export async function json(url, method = 'GET', body, token) {
  const res = await fetch(url, { method, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
