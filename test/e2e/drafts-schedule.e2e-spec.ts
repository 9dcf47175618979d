import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DRAFT_SCHEDULE_QUEUE, DraftWindowService } from '../../src/modules/drafts/draft-window.service';
import { completeDraftFields, createDraft, draftStaff, DraftStaff, reconcileNow, submitAndApprove, waitForStatus } from '../factories/drafts';
import { createTestApp, TestApp } from '../setup/test-app';

const DAY = 24 * 3600 * 1000;

/** An approved draft whose window opens `inMs` from now and lasts 10 days and a minute (R2). */
async function publishOpeningIn(t: TestApp, people: DraftStaff, inMs: number): Promise<string> {
  const opens = Date.now() + inMs;
  const id = await createDraft(
    t,
    people.organizer,
    completeDraftFields({ commentOpensAt: new Date(opens).toISOString(), commentClosesAt: new Date(opens + 10 * DAY + 60_000).toISOString() }),
  );
  await submitAndApprove(t, id, people.organizer, [people.reviewer]);
  const res = await t.http().post(`/api/drafts/${id}/publish`).set(people.organizer.auth).expect(200);
  expect(res.body.status).toBe('scheduled');
  return id;
}

async function moveCloseIntoPast(t: TestApp, id: string): Promise<void> {
  await t.sql.query(
    `UPDATE draft SET comment_opens_at = now() - interval '2 seconds', comment_closes_at = now() - interval '1 second' WHERE id = $1`,
    [id],
  );
}

describe('opening and closing comment windows by themselves (e2e)', () => {
  describe('the reconciler (PostgreSQL is the truth)', () => {
    let t: TestApp;
    let people: DraftStaff;

    beforeAll(async () => {
      t = await createTestApp({ DRAFT_RECONCILE_MS: '300' });
      people = await draftStaff(t);
    });

    afterAll(async () => {
      await t.close();
    });

    it('opens a scheduled draft at commentOpensAt and closes it at commentClosesAt, with no queue worker running', async () => {
      const id = await publishOpeningIn(t, people, 1500);
      await t.http().get(`/api/drafts/${id}`).expect(404);
      const opened = await waitForStatus(t, id, 'open');
      expect(opened.version).toBe(1);
      await moveCloseIntoPast(t, id);
      await waitForStatus(t, id, 'closed');
      const history = await t.http().get(`/api/drafts/${id}/history`).expect(200);
      expect(history.body.items.slice(-2)).toMatchObject([
        { action: 'opened', fromStatus: 'scheduled', toStatus: 'open', actorId: null },
        { action: 'closed', fromStatus: 'open', toStatus: 'closed', actorId: null },
      ]);
    });
  });

  describe('the delayed jobs (queue worker) and the start-up pass', () => {
    let t: TestApp;
    let people: DraftStaff;
    let queue: Queue;

    beforeAll(async () => {
      // The periodic pass is pushed out of the way, so only the jobs can act.
      t = await createTestApp({ DRAFT_RECONCILE_MS: '3600000' });
      await t.startWorker();
      people = await draftStaff(t);
      queue = t.app.get<Queue>(getQueueToken(DRAFT_SCHEDULE_QUEUE));
    });

    afterAll(async () => {
      await t.close();
    });

    it('opens the draft through its delayed job, and closes it when the close job fires', async () => {
      const id = await publishOpeningIn(t, people, 1500);
      const close = await queue.getJob(`close:${id}:1`);
      expect(close).toBeDefined();
      expect(await close!.isDelayed()).toBe(true);
      await waitForStatus(t, id, 'open');

      await moveCloseIntoPast(t, id);
      await close!.promote();
      await waitForStatus(t, id, 'closed');
      const history = await t.http().get(`/api/drafts/${id}/history`).expect(200);
      expect(history.body.items.map((e: { action: string }) => e.action).slice(-2)).toEqual(['opened', 'closed']);
    });

    it('does nothing twice when a job and the reconciler both act', async () => {
      const id = await publishOpeningIn(t, people, 1000);
      await waitForStatus(t, id, 'open');
      await t.http().post('/api/drafts/reconcile').set(people.organizer.auth).expect(403);
      expect(await reconcileNow(t)).toEqual({ opened: [], closed: [] });
      // A retried or duplicated job finds nothing left to move.
      expect(await t.app.get(DraftWindowService).runJob({ edge: 'open', draftId: id, version: 1 })).toBe('stale');
      const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM draft_event WHERE draft_id = $1 AND action = 'opened'`, [id]);
      expect(rows[0].n).toBe(1);
    });

    it('catches up at start-up on openings and closings that were due while no API ran', async () => {
      const dueToOpen = await publishOpeningIn(t, people, 3 * DAY);
      const dueToClose = await publishOpeningIn(t, people, 1000);
      await waitForStatus(t, dueToClose, 'open');
      // Redis lost the delayed jobs; the times passed meanwhile.
      await queue.obliterate({ force: true });
      await t.sql.query(`UPDATE draft SET comment_opens_at = now() - interval '1 minute' WHERE id = $1`, [dueToOpen]);
      await moveCloseIntoPast(t, dueToClose);

      const restarted = await createTestApp({ DATABASE_URL: t.cfg.DATABASE_URL, DRAFT_RECONCILE_MS: '3600000' });
      try {
        const { rows } = await t.sql.query(`SELECT id, status FROM draft WHERE id = ANY($1::uuid[])`, [[dueToOpen, dueToClose]]);
        expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({ [dueToOpen]: 'open', [dueToClose]: 'closed' });
      } finally {
        await restarted.close();
      }
    });
  });
});
