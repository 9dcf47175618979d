import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notices (R10, R17, R20): what each participant was told, through which channel, and whether it
 * arrived. The table, not the queue, is the record: one row per (kind, draft, source version,
 * recipient, channel), so a repeated fan-out or a redelivered job can never tell anyone twice.
 */
export class Notices1764000500000 implements MigrationInterface {
  name = 'Notices1764000500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notice (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- u.<user id> for an account, x.<hash of the contact identity> for someone without one.
        recipient text NOT NULL CHECK (recipient ~ '^(u\\.[0-9a-f-]{36}|x\\.[0-9a-f]{32})$'),
        user_id uuid REFERENCES app_user(id),
        -- public: nobody can be reached; the published report is how this person is told (R10).
        channel text NOT NULL CHECK (channel IN ('inbox','email','letter','public')),
        kind text NOT NULL CHECK (kind IN ('adoption_report','adoption_report_correction','results','selection',
                                           'meeting_feedback','meeting_reminder','meeting_overdue')),
        draft_id uuid NOT NULL REFERENCES draft(id) ON DELETE CASCADE,
        -- The report version, the index of the results entry, or the event a selection notice reports.
        source_version text NOT NULL CHECK (source_version <> ''),
        recipient_name text,
        -- The email or postal address the notice went to (staff-only views, R19).
        address text,
        subject text NOT NULL,
        body text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(payload) = 'object'),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','delivered','failed')),
        attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        -- Bumped by a manual retry, so the retried delivery gets a fresh job id.
        resend_round int NOT NULL DEFAULT 0 CHECK (resend_round >= 0),
        last_error text,
        -- Deterministic: a resend after a crash carries the same Message-ID, so receivers can drop it.
        message_id text GENERATED ALWAYS AS ('<notice-' || id::text || '@consult>') STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- NULL until a delivery job exists; the worker's dispatcher queues rows written by other
        -- transactions (a selection decision) once they are committed.
        queued_at timestamptz,
        delivered_at timestamptz,
        read_at timestamptz,
        CONSTRAINT notice_once UNIQUE (kind, draft_id, source_version, recipient, channel),
        CONSTRAINT notice_delivered_has_time CHECK ((status = 'delivered') = (delivered_at IS NOT NULL)),
        CONSTRAINT notice_inbox_has_user CHECK (channel <> 'inbox' OR user_id IS NOT NULL),
        CONSTRAINT notice_mail_has_address CHECK (channel NOT IN ('email','letter') OR address IS NOT NULL),
        CONSTRAINT notice_read_in_inbox CHECK (read_at IS NULL OR channel = 'inbox')
      )
      -- Each row is updated once on delivery: room on its page lets that be a HOT update (no new
      -- index entries), which halves the cost of delivering a run of a million notices.
      WITH (fillfactor = 50)`);
    // No index mentions status, delivered_at or attempts, the columns delivery changes: an index on
    // them would rule HOT updates out. (user_id, channel, kind, queued_at never change on delivery.)
    await q.query(`CREATE INDEX notice_user_idx ON notice (user_id, created_at DESC) WHERE user_id IS NOT NULL`);
    // Rows written by other transactions, waiting for the dispatcher to give them a job.
    await q.query(`CREATE INDEX notice_undispatched_idx ON notice (created_at) WHERE queued_at IS NULL`);
    // Notices outside runs (selection news, reminders), for the sweep that re-queues lost jobs.
    await q.query(`CREATE INDEX notice_single_idx ON notice (queued_at)
                   WHERE kind IN ('selection','meeting_feedback','meeting_reminder','meeting_overdue')`);
    // Failed (and failing) deliveries of a draft, for the organizer's list and retry.
    await q.query(`CREATE INDEX notice_error_idx ON notice (draft_id, created_at) WHERE last_error IS NOT NULL`);
    await q.query(`CREATE INDEX notice_offline_idx ON notice (draft_id, kind, source_version) WHERE channel IN ('letter','public')`);

    await q.query(`
      CREATE TABLE notice_run (
        draft_id uuid NOT NULL REFERENCES draft(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('adoption_report','adoption_report_correction','results')),
        source_version text NOT NULL,
        -- Participants told through some channel, and those only the public report reaches.
        total int NOT NULL DEFAULT 0 CHECK (total >= 0),
        unreachable int NOT NULL DEFAULT 0 CHECK (unreachable >= 0),
        started_at timestamptz NOT NULL DEFAULT now(),
        fanned_out_at timestamptz,
        -- Set by the sweep once nothing of the run is pending; the sweep then leaves it alone.
        settled_at timestamptz,
        PRIMARY KEY (draft_id, kind, source_version)
      )`);
    await q.query(`CREATE INDEX notice_run_latest_idx ON notice_run (draft_id, started_at DESC)`);

    // Explicit choices only: participants follow a draft without a row; following = false opts out.
    await q.query(`
      CREATE TABLE draft_follower (
        draft_id uuid NOT NULL REFERENCES draft(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        following boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (draft_id, user_id)
      )`);

    // R17: what the worker has done about a meeting's feedback deadline.
    await q.query(`
      CREATE TABLE meeting_feedback_watch (
        meeting_id uuid PRIMARY KEY REFERENCES meeting(id) ON DELETE CASCADE,
        due_at timestamptz NOT NULL,
        reminded_at timestamptz,
        overdue_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_feedback_watch`);
    await q.query(`DROP TABLE draft_follower`);
    await q.query(`DROP TABLE notice_run`);
    await q.query(`DROP TABLE notice`);
  }
}
