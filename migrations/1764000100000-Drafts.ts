import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Draft decisions (决策草案): the matter, every version's text kept forever, the parsed structure
 * units comments anchor to, alternative plans (R3), and the append-only audit trail (R4).
 */
export class Drafts1764000100000 implements MigrationInterface {
  name = 'Drafts1764000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE draft (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_id uuid NOT NULL REFERENCES unit(id),
        created_by uuid REFERENCES app_user(id),
        -- Nullable: a draft may be saved incomplete; submit and publish check R1.
        title text,
        body text,
        basis text,
        reasons text,
        interpretation text,
        contact jsonb CHECK (contact IS NULL OR jsonb_typeof(contact) = 'object'),
        comment_opens_at timestamptz,
        comment_closes_at timestamptz,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN
          ('draft','in_review','approved','scheduled','open','closed','reported','decided','results_published')),
        version int NOT NULL DEFAULT 1 CHECK (version >= 1),
        -- Levels of the unit's review chain approved so far in the current review round (R4).
        review_level int NOT NULL DEFAULT 0 CHECK (review_level >= 0),
        published_at timestamptz,
        -- The newest version that has been open for comment; the public keeps seeing it while a
        -- revised version is prepared and reviewed again. NULL until the first opening.
        public_version int CHECK (public_version IS NULL OR public_version <= version),
        disclosure text CHECK (disclosure IS NULL OR disclosure IN ('public','conditional')),
        results jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- Nothing leaves review without the drafter's declaration (R4).
        CONSTRAINT draft_declared_before_review CHECK (status = 'draft' OR disclosure IS NOT NULL),
        CONSTRAINT draft_window_order CHECK (comment_closes_at IS NULL OR comment_opens_at IS NULL OR comment_closes_at > comment_opens_at),
        CONSTRAINT draft_published_has_date CHECK (status IN ('draft','in_review','approved') OR published_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX draft_unit_status_idx ON draft (unit_id, status)`);
    await q.query(`CREATE INDEX draft_public_list_idx ON draft (published_at DESC) WHERE public_version IS NOT NULL`);
    // The reconciler scans only drafts waiting to open or close.
    await q.query(`CREATE INDEX draft_due_open_idx ON draft (comment_opens_at) WHERE status = 'scheduled'`);
    await q.query(`CREATE INDEX draft_due_close_idx ON draft (comment_closes_at) WHERE status = 'open'`);
    // Search (?q=) is lower(col) ILIKE '%q%'. Trigram GIN indexes serve that for queries of 3+
    // characters; a 2-character query (停车) has no full trigram, so PostgreSQL scans instead —
    // slower but still correct, which is what matters for a short Chinese word.
    await q.query(`CREATE INDEX draft_title_trgm_idx ON draft USING gin (lower(title) gin_trgm_ops)`);
    await q.query(`CREATE INDEX draft_body_trgm_idx ON draft USING gin (lower(body) gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE draft_version (
        draft_id uuid NOT NULL REFERENCES draft(id) ON DELETE CASCADE,
        version int NOT NULL CHECK (version >= 1),
        title text,
        body text,
        basis text,
        reasons text,
        interpretation text,
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        -- The window this version was published with, so an older version still shows its own.
        comment_opens_at timestamptz,
        comment_closes_at timestamptz,
        PRIMARY KEY (draft_id, version)
      )`);
    // The public list searches the version the public sees (a revision under review is not public).
    await q.query(`CREATE INDEX draft_version_title_trgm_idx ON draft_version USING gin (lower(title) gin_trgm_ops)`);
    await q.query(`CREATE INDEX draft_version_body_trgm_idx ON draft_version USING gin (lower(body) gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE draft_unit (
        draft_id uuid NOT NULL,
        version int NOT NULL,
        -- -1 is the main text; 0, 1, ... are the alternative plans (R3).
        plan_index int NOT NULL DEFAULT -1 CHECK (plan_index >= -1),
        ord int NOT NULL CHECK (ord >= 0),
        anchor text NOT NULL,
        parent_anchor text,
        depth int NOT NULL CHECK (depth >= 0),
        label text NOT NULL DEFAULT '',
        kind text NOT NULL CHECK (kind IN ('chapter','section','article','clause','item','subitem','paragraph')),
        text text NOT NULL,
        start_line int NOT NULL CHECK (start_line >= 1),
        end_line int NOT NULL,
        -- Anchor of the unit of the previous version this one continues (same plan), or NULL.
        continues text,
        PRIMARY KEY (draft_id, version, plan_index, anchor),
        UNIQUE (draft_id, version, plan_index, ord),
        FOREIGN KEY (draft_id, version) REFERENCES draft_version(draft_id, version) ON DELETE CASCADE,
        CHECK (end_line >= start_line)
      )`);

    await q.query(`
      CREATE TABLE draft_alternative (
        draft_id uuid NOT NULL,
        version int NOT NULL,
        plan_index int NOT NULL CHECK (plan_index >= 0),
        title text NOT NULL,
        body text NOT NULL,
        PRIMARY KEY (draft_id, version, plan_index),
        FOREIGN KEY (draft_id, version) REFERENCES draft_version(draft_id, version) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE draft_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        draft_id uuid NOT NULL REFERENCES draft(id) ON DELETE CASCADE,
        version int,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        -- NULL when the system acted (the scheduler opening or closing the window).
        actor_id uuid REFERENCES app_user(id),
        action text NOT NULL,
        from_status text,
        to_status text,
        level text,
        note text
      )`);
    await q.query(`CREATE INDEX draft_event_draft_idx ON draft_event (draft_id, at)`);
    // The audit trail is append only (谁发布谁审核): the database refuses edits. (Deletion
    // only happens by cascade with the draft itself, which the product never does.)
    await q.query(`
      CREATE FUNCTION draft_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'draft_event is append only';
      END $$`);
    await q.query(`
      CREATE TRIGGER draft_event_no_update BEFORE UPDATE ON draft_event
      FOR EACH ROW EXECUTE FUNCTION draft_event_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE draft_event`);
    await q.query(`DROP FUNCTION draft_event_append_only()`);
    await q.query(`DROP TABLE draft_alternative`);
    await q.query(`DROP TABLE draft_unit`);
    await q.query(`DROP TABLE draft_version`);
    await q.query(`DROP TABLE draft`);
  }
}
