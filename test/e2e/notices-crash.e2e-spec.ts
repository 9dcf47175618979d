// Kill -9 the worker in the middle of a run: every in-site notice still ends delivered exactly
// once, every email at least once, and a resent email carries the same Message-ID.
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createPublishedDraft, PublishedDraft } from '../factories/drafts';
import { bulkReport, eventually } from '../factories/notices';
import { ControlledSmtp, startControlledSmtp } from '../factories/smtp';
import { createTestApp, TestApp } from '../setup/test-app';

const ROOT = join(__dirname, '..', '..');
const WORKER = join(ROOT, 'dist', 'src', 'worker.js');
const PARTICIPANTS = 2000; // 4000 notices: an inbox and an email each

jest.setTimeout(300_000);

function startWorker(t: TestApp, smtpUrl: string): ChildProcess {
  const child = spawn(process.execPath, [WORKER], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: t.cfg.DATABASE_URL,
      REDIS_URL: t.cfg.REDIS_URL,
      REDIS_PREFIX: t.cfg.REDIS_PREFIX,
      SMTP_URL: smtpUrl,
      WORKER_CONCURRENCY: '20',
      LOG_LEVEL: 'error',
      RUN_MIGRATIONS: 'false',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

describe('A worker killed in the middle of a notice run', () => {
  let t: TestApp;
  let smtp: ControlledSmtp;
  let d: PublishedDraft;
  let second: ChildProcess | null = null;

  beforeAll(async () => {
    // The worker runs as its own process from the build, as in production.
    const build = spawnSync('npm', ['run', 'build:server'], { cwd: ROOT, encoding: 'utf8' });
    if (!existsSync(WORKER)) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
    smtp = await startControlledSmtp({ delayMs: 40 }); // a slow relay: each message takes a while to be acknowledged
    t = await createTestApp({ SMTP_URL: smtp.url });
    d = await createPublishedDraft(t);
  });

  afterAll(async () => {
    if (second) {
      second.kill('SIGTERM');
      await killed(second);
    }
    await t?.close();
    await smtp?.close();
  });

  it('ends with every inbox notice delivered exactly once and every email at least once, resends keeping their Message-ID', async () => {
    const version = await bulkReport(t, d.draftId, d.organizer.id, PARTICIPANTS);
    const first = startWorker(t, smtp.url);
    const queue = t.app.get<Queue>(getQueueToken('notices'));
    await queue.add('fan-out', { kind: 'adoption_report', draftId: d.draftId, reportVersion: version }, { jobId: `fanout-adoption_report-${d.draftId}-${version}` });

    await eventually(async () => smtp.mails.length >= 300, 120_000, '300 emails before the crash');
    first.kill('SIGKILL');
    await killed(first);
    const atCrash = smtp.mails.length;
    const pendingAtCrash = (await t.sql.query(`SELECT count(*)::int AS n FROM notice WHERE draft_id = $1 AND status = 'pending'`, [d.draftId])).rows[0].n;
    expect(pendingAtCrash).toBeGreaterThan(0); // the crash did interrupt the run

    second = startWorker(t, smtp.url);
    await eventually(
      async () => (await t.sql.query(`SELECT count(*)::int AS n FROM notice WHERE draft_id = $1 AND status <> 'delivered'`, [d.draftId])).rows[0].n === 0,
      180_000,
      'every notice delivered after the restart',
    );
    expect(smtp.mails.length).toBeGreaterThan(atCrash);

    const inbox = await t.sql.query(
      `SELECT count(*)::int AS n, count(DISTINCT recipient)::int AS people, max(attempts) AS most, min(attempts) AS least
         FROM notice WHERE draft_id = $1 AND channel = 'inbox'`,
      [d.draftId],
    );
    // One row per person (the unique key) and exactly one successful delivery each (the conditional UPDATE).
    expect(inbox.rows[0]).toEqual({ n: PARTICIPANTS, people: PARTICIPANTS, most: 1, least: 1 });

    const emails = await t.sql.query(`SELECT address, message_id FROM notice WHERE draft_id = $1 AND channel = 'email'`, [d.draftId]);
    expect(emails.rows).toHaveLength(PARTICIPANTS);
    const received = new Map<string, string[]>();
    for (const m of smtp.mails) for (const to of m.to) received.set(to, [...(received.get(to) ?? []), m.messageId]);
    let resent = 0;
    for (const row of emails.rows) {
      const ids = received.get(row.address) ?? [];
      expect(ids.length).toBeGreaterThanOrEqual(1);
      expect(new Set(ids)).toEqual(new Set([row.message_id]));
      resent += ids.length - 1;
    }
    // The messages in flight when the worker died were received but not acknowledged: resent.
    expect(resent).toBeGreaterThan(0);
  });
});
