// Shared helpers for `npm run bench`: start the built API/worker on a fresh database, print figures.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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

// Started processes die with the benchmark, however it ends: a benchmark piped into `head` dies of
// EPIPE mid-run, and its API and worker used to go on running, loading every later measurement.
const children = new Set();
let killOnExit = false;
function killChildrenOnExit() {
  if (killOnExit) return;
  killOnExit = true;
  process.once('exit', () => {
    for (const c of children) c.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, () => process.exit(128));
}

/** Starts a built process (dist/src/main.js or worker.js) with env; resolves when /api/health answers (API) or after start (worker). */
export async function startProcess(script, env, { waitHealth = true } = {}) {
  const port = env.PORT ?? String(await freePort());
  const child = spawn(process.execPath, [join(root, script)], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', JWT_SECRET: 'bench-secret-bench-secret', ADMIN_PASSWORD: 'Admin#2026', LOG_LEVEL: 'warn', THROTTLE_LIMIT: '100000000', REDIS_URL, ...env, PORT: port },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  killChildrenOnExit();
  children.add(child);
  child.once('exit', () => children.delete(child));
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

/**
 * CPU time used so far (ms) by each kind of process on this machine (Linux /proc): the given
 * children by name, this process, and every postgres and redis-server process. Two readings
 * around a measured window give where the machine's CPU went, e.g. per comment.
 */
export function cpuReading(children = {}) {
  const ticks = (pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(f[11]) + Number(f[12]);
    } catch {
      return 0;
    }
  };
  const out = { bench: ticks(process.pid), postgres: 0, redis: 0 };
  for (const [name, pid] of Object.entries(children)) out[name] = ticks(pid);
  let pids = [];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {}
  for (const pid of pids) {
    let cmd = '';
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (cmd.startsWith('postgres') || cmd.includes('/bin/postgres')) out.postgres += ticks(pid);
    else if (cmd.startsWith('redis-server')) out.redis += ticks(pid);
  }
  const msPerTick = 1000 / 100; // USER_HZ is 100 on Linux
  for (const k of Object.keys(out)) out[k] *= msPerTick;
  out.at = performance.now();
  return out;
}

/** CPU between two readings: {name: ms of CPU per unit of work}, plus the machine's share used. */
export function cpuPer(before, after, units) {
  const out = {};
  let total = 0;
  for (const k of Object.keys(after)) {
    if (k === 'at') continue;
    const ms = after[k] - (before[k] ?? 0);
    total += ms;
    out[k] = Math.round((ms / units) * 1000) / 1000;
  }
  out.total = Math.round((total / units) * 1000) / 1000;
  out.machineBusy = Math.round((total / ((after.at - before.at) * os.cpus().length)) * 1000) / 1000;
  return out;
}
