import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Comments (意见) collected one by one from every channel (R5), their tamper-evident log, the
 * incremental analysis (per-unit counters, near-duplicate clusters, keywords), dispositions (R6,
 * R8), moderation (R7) and the published participation report (R9).
 *
 * The database is the last line of defence: comments, histories and published reports refuse
 * UPDATE and DELETE in triggers (R7), and a `not_adopted` disposition without a ground and a
 * reason cannot be stored (R6).
 */
export class Comments1764000200000 implements MigrationInterface {
  name = 'Comments1764000200000';

  async up(q: QueryRunner): Promise<void> {
    // Shared by every append-only table of this feature.
    await q.query(`
      CREATE FUNCTION comments_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append only: % refused (R7)', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'integrity_constraint_violation';
      END $$`);

    await q.query(`
      CREATE TABLE comment (
        id uuid PRIMARY KEY,
        draft_id uuid NOT NULL,
        -- The draft version commented on.
        version int NOT NULL CHECK (version >= 1),
        -- Position in the draft's log from 1, no gaps (the intake assigns it under the log's row lock).
        seq bigint NOT NULL CHECK (seq >= 1),
        anchor text NOT NULL,
        -- -1 the main text, 0.. an alternative plan (R3).
        plan_index int NOT NULL DEFAULT -1 CHECK (plan_index >= -1),
        quote_start int,
        quote_end int,
        quote_text text,
        stance text NOT NULL CHECK (stance IN ('support','oppose','amend','question','other')),
        text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 5000),
        channel text NOT NULL CHECK (channel IN ('web','email','letter','fax','symposium','phone')),
        received_at timestamptz NOT NULL,
        -- Web commenters; NULL for offline authors without an account.
        author_id uuid REFERENCES app_user(id),
        author_name text NOT NULL,
        -- Offline authors' contact data: personal data (R19), never shown publicly.
        author_email text,
        author_phone text,
        author_address text,
        -- The pseudonym hashed into the log instead of any identity.
        author_ref text NOT NULL,
        -- Staff who typed an offline comment in.
        entered_by uuid REFERENCES app_user(id),
        idempotency_key text,
        request_hash text,
        -- SHA-256(0x00 || canonical JSON) of the logged form, and the log's root right after it
        -- (the receipt: tree size = seq).
        leaf_hash text NOT NULL CHECK (leaf_hash ~ '^[0-9a-f]{64}$'),
        root_hash text NOT NULL CHECK (root_hash ~ '^[0-9a-f]{64}$'),
        keywords text[] NOT NULL DEFAULT '{}',
        signature text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT comment_seq_unique UNIQUE (draft_id, seq),
        -- The anchor exists in that version (and plan) of the draft: checked here, not only in code.
        CONSTRAINT comment_unit_fk FOREIGN KEY (draft_id, version, plan_index, anchor)
          REFERENCES draft_unit (draft_id, version, plan_index, anchor),
        CONSTRAINT comment_quote_range CHECK (
          (quote_start IS NULL AND quote_end IS NULL AND quote_text IS NULL)
          OR (quote_start >= 0 AND quote_end > quote_start AND quote_text IS NOT NULL)),
        -- A web comment is its signed-in author's; anything else was entered by staff (R5).
        CONSTRAINT comment_channel_author CHECK (
          (channel = 'web' AND author_id IS NOT NULL AND entered_by IS NULL)
          OR (channel <> 'web' AND entered_by IS NOT NULL)),
        CONSTRAINT comment_idempotency_pair CHECK ((idempotency_key IS NULL) = (request_hash IS NULL))
      )`);
    // An Idempotency-Key belongs to its author (web) or to the staff member typing (offline).
    await q.query(`CREATE UNIQUE INDEX comment_author_idempotency_idx ON comment (author_id, idempotency_key)
                   WHERE idempotency_key IS NOT NULL AND author_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX comment_offline_idempotency_idx ON comment (entered_by, idempotency_key)
                   WHERE idempotency_key IS NOT NULL AND author_id IS NULL`);
    // The public list filtered by unit.
    await q.query(`CREATE INDEX comment_anchor_idx ON comment (draft_id, anchor, seq)`);
    await q.query(`CREATE INDEX comment_author_idx ON comment (author_id) WHERE author_id IS NOT NULL`);
    await q.query(`CREATE TRIGGER comment_immutable BEFORE UPDATE OR DELETE ON comment
                   FOR EACH ROW EXECUTE FUNCTION comments_refuse_change()`);
    await q.query(`CREATE TRIGGER comment_no_truncate BEFORE TRUNCATE ON comment
                   FOR EACH STATEMENT EXECUTE FUNCTION comments_refuse_change()`);

    // The log head of each draft: the Merkle accumulator's frontier, updated with each insert.
    await q.query(`
      CREATE TABLE comment_log (
        draft_id uuid PRIMARY KEY REFERENCES draft(id),
        tree_size bigint NOT NULL DEFAULT 0 CHECK (tree_size >= 0),
        frontier text[] NOT NULL DEFAULT '{}',
        root_hash text NOT NULL DEFAULT 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        -- Bumped by every writer of the row (each group commit, a report publication): an intake
        -- that planned against an older head finds it moved and replans under the row lock.
        epoch bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Counters maintained by the intake in the same transaction: analysis never rescans comments.
    await q.query(`
      CREATE TABLE comment_unit_stats (
        draft_id uuid NOT NULL REFERENCES draft(id),
        version int NOT NULL,
        plan_index int NOT NULL,
        anchor text NOT NULL,
        stance text NOT NULL,
        count bigint NOT NULL CHECK (count >= 0),
        PRIMARY KEY (draft_id, version, plan_index, anchor, stance)
      )`);

    // Near-duplicate clusters (相对集中的意见, R8). A cluster is named by its first comment; only
    // clusters of two or more are stored.
    await q.query(`
      CREATE TABLE comment_cluster (
        id uuid PRIMARY KEY REFERENCES comment(id),
        draft_id uuid NOT NULL REFERENCES draft(id),
        size int NOT NULL CHECK (size >= 2),
        sample_comment_id uuid NOT NULL REFERENCES comment(id),
        -- The organizer may mark a cluster concentrated below the threshold (never unmark one, R8).
        concentrated_override boolean,
        outcome text CHECK (outcome IN ('adopted','partially_adopted','not_adopted','out_of_scope')),
        basis text CHECK (basis IN ('legality','reasonableness','feasibility','other')),
        reason text,
        decided_by uuid REFERENCES app_user(id),
        decided_at timestamptz,
        CONSTRAINT comment_cluster_r6 CHECK (outcome IS DISTINCT FROM 'not_adopted' OR (basis IS NOT NULL AND coalesce(length(btrim(reason)), 0) > 0))
      )`);
    await q.query(`CREATE INDEX comment_cluster_draft_size_idx ON comment_cluster (draft_id, size DESC)`);
    await q.query(`
      CREATE TABLE comment_cluster_member (
        -- Derived from the log by the clustering pass (no foreign key to comment: the pass reads the
        -- comment it files, and a probe of comment's key per member halves its throughput).
        comment_id uuid PRIMARY KEY,
        cluster_id uuid NOT NULL REFERENCES comment_cluster(id),
        -- The comment's seq, so members are listed in log order without touching comment.
        seq bigint NOT NULL
      )`);
    await q.query(`CREATE INDEX comment_cluster_member_cluster_idx ON comment_cluster_member (cluster_id, seq)`);
    await q.query(`
      CREATE TABLE comment_keyword_stats (
        draft_id uuid NOT NULL REFERENCES draft(id),
        term text NOT NULL,
        count bigint NOT NULL,
        PRIMARY KEY (draft_id, term)
      )`);
    // How far the clustering pass has read the log, and which API instance runs it (a lease, so
    // that one in-memory index per draft stays in step with the database).
    await q.query(`
      CREATE TABLE comment_analysis_state (
        draft_id uuid PRIMARY KEY REFERENCES draft(id),
        clustered_seq bigint NOT NULL DEFAULT 0,
        owner text,
        lease_until timestamptz
      )`);
    await q.query(`
      CREATE TABLE draft_analysis_settings (
        draft_id uuid PRIMARY KEY REFERENCES draft(id),
        concentration_threshold int CHECK (concentration_threshold IS NULL OR concentration_threshold >= 2),
        updated_by uuid REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Dispositions (R6): the current one per comment, and every change kept.
    await q.query(`
      CREATE TABLE comment_disposition (
        comment_id uuid PRIMARY KEY REFERENCES comment(id),
        draft_id uuid NOT NULL REFERENCES draft(id),
        outcome text NOT NULL CHECK (outcome IN ('adopted','partially_adopted','not_adopted','out_of_scope')),
        basis text CHECK (basis IN ('legality','reasonableness','feasibility','other')),
        reason text,
        -- Set when the disposition came with the whole cluster.
        cluster_id uuid REFERENCES comment_cluster(id),
        decided_by uuid NOT NULL REFERENCES app_user(id),
        decided_at timestamptz NOT NULL,
        CONSTRAINT comment_disposition_r6 CHECK (outcome <> 'not_adopted' OR (basis IS NOT NULL AND coalesce(length(btrim(reason)), 0) > 0))
      )`);
    await q.query(`CREATE INDEX comment_disposition_draft_idx ON comment_disposition (draft_id)`);
    await q.query(`
      CREATE TABLE comment_disposition_history (
        id bigserial PRIMARY KEY,
        comment_id uuid NOT NULL REFERENCES comment(id),
        draft_id uuid NOT NULL,
        outcome text NOT NULL,
        basis text,
        reason text,
        cluster_id uuid,
        decided_by uuid NOT NULL REFERENCES app_user(id),
        decided_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX comment_disposition_history_comment_idx ON comment_disposition_history (comment_id, id)`);
    await q.query(`CREATE TRIGGER comment_disposition_history_append_only BEFORE UPDATE OR DELETE ON comment_disposition_history
                   FOR EACH ROW EXECUTE FUNCTION comments_refuse_change()`);

    // Moderation hides text on public pages only (R7); the record keeps it.
    await q.query(`
      CREATE TABLE comment_moderation (
        comment_id uuid PRIMARY KEY REFERENCES comment(id),
        draft_id uuid NOT NULL REFERENCES draft(id),
        hidden boolean NOT NULL,
        reason text,
        moderated_by uuid NOT NULL REFERENCES app_user(id),
        moderated_at timestamptz NOT NULL,
        CONSTRAINT comment_moderation_reason CHECK (NOT hidden OR coalesce(length(btrim(reason)), 0) > 0)
      )`);
    await q.query(`
      CREATE TABLE comment_moderation_history (
        id bigserial PRIMARY KEY,
        comment_id uuid NOT NULL REFERENCES comment(id),
        hidden boolean NOT NULL,
        reason text,
        moderated_by uuid NOT NULL REFERENCES app_user(id),
        moderated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE TRIGGER comment_moderation_history_append_only BEFORE UPDATE OR DELETE ON comment_moderation_history
                   FOR EACH ROW EXECUTE FUNCTION comments_refuse_change()`);

    // The published participation report (R9); a correction is a new report_version.
    await q.query(`
      CREATE TABLE adoption_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        draft_id uuid NOT NULL REFERENCES draft(id),
        report_version int NOT NULL CHECK (report_version >= 1),
        published_at timestamptz NOT NULL,
        published_by uuid NOT NULL REFERENCES app_user(id),
        tree_size bigint NOT NULL,
        root_hash text NOT NULL,
        snapshot jsonb NOT NULL,
        -- When the notices fan-out job was queued (outbox: re-queued at start-up while NULL).
        fanout_queued_at timestamptz,
        UNIQUE (draft_id, report_version)
      )`);
    await q.query(`
      CREATE FUNCTION adoption_report_published() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR (to_jsonb(NEW) - 'fanout_queued_at') IS DISTINCT FROM (to_jsonb(OLD) - 'fanout_queued_at') THEN
          RAISE EXCEPTION 'a published adoption report is never changed: publish a corrected version (R7, R9)'
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER adoption_report_immutable BEFORE UPDATE OR DELETE ON adoption_report
                   FOR EACH ROW EXECUTE FUNCTION adoption_report_published()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE adoption_report`);
    await q.query(`DROP FUNCTION adoption_report_published()`);
    await q.query(`DROP TABLE comment_moderation_history`);
    await q.query(`DROP TABLE comment_moderation`);
    await q.query(`DROP TABLE comment_disposition_history`);
    await q.query(`DROP TABLE comment_disposition`);
    await q.query(`DROP TABLE draft_analysis_settings`);
    await q.query(`DROP TABLE comment_analysis_state`);
    await q.query(`DROP TABLE comment_keyword_stats`);
    await q.query(`DROP TABLE comment_cluster_member`);
    await q.query(`DROP TABLE comment_cluster`);
    await q.query(`DROP TABLE comment_unit_stats`);
    await q.query(`DROP TABLE comment_log`);
    await q.query(`DROP TABLE comment`);
    await q.query(`DROP FUNCTION comments_refuse_change()`);
  }
}
