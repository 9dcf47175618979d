import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The live hearing (R14, R15): its state, the hash-chained transcript (append-only, corrections are
 * new revisions), the representatives' confirmations and correction requests, the seal, and the
 * hearing report. Nothing here alters the hearings module's tables; seats are only referenced.
 */
export class Live1764000400000 implements MigrationInterface {
  name = 'Live1764000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE hearing_session (
        hearing_id uuid PRIMARY KEY REFERENCES hearing(id),
        state text NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled','live','paused','ended')),
        -- The last seq given out; segments are numbered from 1 without gaps under this row's lock.
        last_seq int NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
        -- Hash of the last first revision: the head of the chain the live transcript grows.
        chain_head text NOT NULL DEFAULT repeat('0', 64) CHECK (chain_head ~ '^[0-9a-f]{64}$'),
        -- Every stored revision (first or later) is an event numbered from 1: the order in which
        -- the API instances deliver them, whatever order the broadcasts arrive in.
        last_event int NOT NULL DEFAULT 0 CHECK (last_event >= 0),
        started_at timestamptz,
        ended_at timestamptz,
        confirmation_deadline timestamptz,
        sealed_at timestamptz,
        sealed_by uuid REFERENCES app_user(id),
        seal_hash text CHECK (seal_hash ~ '^[0-9a-f]{64}$'),
        seal_record jsonb CHECK (seal_record IS NULL OR jsonb_typeof(seal_record) = 'object'),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((state = 'scheduled') = (started_at IS NULL)),
        CHECK ((state = 'ended') = (ended_at IS NOT NULL)),
        -- R14: representatives confirm within a deadline set when the hearing ends.
        CHECK ((ended_at IS NULL) = (confirmation_deadline IS NULL)),
        CHECK (num_nulls(sealed_at, sealed_by, seal_hash, seal_record) IN (0, 4)),
        CHECK (sealed_at IS NULL OR state = 'ended')
      )`);
    // An ended hearing never goes live again, and a seal is final.
    await q.query(`
      CREATE FUNCTION hearing_session_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'hearing_session rows are never deleted'; END IF;
        IF OLD.sealed_at IS NOT NULL THEN RAISE EXCEPTION 'hearing % is sealed', OLD.hearing_id; END IF;
        IF OLD.state = 'ended' AND NEW.state <> 'ended' THEN RAISE EXCEPTION 'hearing % has ended', OLD.hearing_id; END IF;
        IF NEW.last_seq < OLD.last_seq OR NEW.last_event < OLD.last_event THEN RAISE EXCEPTION 'last_seq and last_event only grow'; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER hearing_session_guard BEFORE UPDATE OR DELETE ON hearing_session
      FOR EACH ROW EXECUTE FUNCTION hearing_session_guard()`);

    await q.query(`
      CREATE TABLE hearing_session_event (
        id bigserial PRIMARY KEY,
        hearing_id uuid NOT NULL REFERENCES hearing_session(hearing_id),
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_id uuid NOT NULL REFERENCES app_user(id),
        action text NOT NULL CHECK (action IN ('start','pause','resume','end','seal','report')),
        from_state text NOT NULL,
        to_state text NOT NULL
      )`);
    await q.query(`CREATE INDEX hearing_session_event_idx ON hearing_session_event (hearing_id, id)`);

    await q.query(`
      CREATE TABLE hearing_segment (
        hearing_id uuid NOT NULL REFERENCES hearing_session(hearing_id),
        seq int NOT NULL CHECK (seq >= 1),
        revision int NOT NULL CHECK (revision >= 1),
        event_no int NOT NULL CHECK (event_no >= 1),
        -- As published (the hashed form): residents' and stakeholders' names are already masked (R19).
        speaker text NOT NULL CHECK (btrim(speaker) <> '' AND length(speaker) <= 100),
        role text NOT NULL CHECK (role ~ '^[a-z][a-z-]{0,31}$'),
        speaker_seat_id uuid REFERENCES selection_seat(id),
        speaker_user_id uuid REFERENCES app_user(id),
        text text NOT NULL CHECK (btrim(text) <> '' AND length(text) <= 10000),
        -- When it was said; every revision of a segment keeps the time of the first.
        at timestamptz NOT NULL,
        written_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        written_by uuid NOT NULL REFERENCES app_user(id),
        -- The clerk console's id of a first revision: a resend after a lost ack stores nothing new.
        client_key text CHECK (length(client_key) BETWEEN 1 AND 64),
        correction_id uuid,
        prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        PRIMARY KEY (hearing_id, seq, revision),
        UNIQUE (hearing_id, event_no),
        CHECK (client_key IS NULL OR revision = 1),
        CHECK (correction_id IS NULL OR revision > 1)
      )`);
    await q.query(`
      CREATE UNIQUE INDEX hearing_segment_client_key ON hearing_segment (hearing_id, client_key)
      WHERE client_key IS NOT NULL`);
    await q.query(`CREATE INDEX hearing_segment_seat_idx ON hearing_segment (speaker_seat_id) WHERE speaker_seat_id IS NOT NULL`);
    await q.query(`
      CREATE VIEW hearing_segment_current AS
      SELECT DISTINCT ON (hearing_id, seq) * FROM hearing_segment ORDER BY hearing_id, seq, revision DESC`);
    // Append-only, numbered without gaps, chained, and frozen by the seal: the database refuses
    // anything else even if the service had a bug.
    await q.query(`
      CREATE FUNCTION hearing_segment_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        s hearing_session;
        expected text;
        first_at timestamptz;
      BEGIN
        IF TG_OP <> 'INSERT' THEN RAISE EXCEPTION 'hearing_segment is append only'; END IF;
        SELECT * INTO s FROM hearing_session WHERE hearing_id = NEW.hearing_id;
        IF s.sealed_at IS NOT NULL THEN RAISE EXCEPTION 'the transcript of hearing % is sealed', NEW.hearing_id; END IF;
        IF NEW.event_no <> coalesce((SELECT max(event_no) FROM hearing_segment WHERE hearing_id = NEW.hearing_id), 0) + 1 THEN
          RAISE EXCEPTION 'event % of hearing % would leave a gap', NEW.event_no, NEW.hearing_id;
        END IF;
        IF NEW.revision = 1 THEN
          IF NEW.seq <> coalesce((SELECT max(seq) FROM hearing_segment WHERE hearing_id = NEW.hearing_id), 0) + 1 THEN
            RAISE EXCEPTION 'segment % of hearing % would leave a gap', NEW.seq, NEW.hearing_id;
          END IF;
          expected := coalesce((SELECT hash FROM hearing_segment WHERE hearing_id = NEW.hearing_id AND seq = NEW.seq - 1 AND revision = 1), repeat('0', 64));
        ELSE
          SELECT hash, at INTO expected, first_at FROM hearing_segment
           WHERE hearing_id = NEW.hearing_id AND seq = NEW.seq AND revision = NEW.revision - 1;
          IF NOT FOUND THEN RAISE EXCEPTION 'revision % of segment % has no predecessor', NEW.revision, NEW.seq; END IF;
          IF NEW.at <> first_at THEN RAISE EXCEPTION 'a revision keeps the time of the segment'; END IF;
        END IF;
        IF NEW.prev_hash <> expected THEN RAISE EXCEPTION 'segment % revision % breaks the hash chain', NEW.seq, NEW.revision; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER hearing_segment_append_only BEFORE INSERT OR UPDATE OR DELETE ON hearing_segment
      FOR EACH ROW EXECUTE FUNCTION hearing_segment_append_only()`);

    // The representatives who must confirm (R14): the seats held when the hearing ended.
    await q.query(`
      CREATE TABLE hearing_confirmation (
        hearing_id uuid NOT NULL REFERENCES hearing_session(hearing_id),
        seat_id uuid NOT NULL REFERENCES selection_seat(id),
        category text NOT NULL,
        confirmed_at timestamptz,
        confirmed_by uuid REFERENCES app_user(id),
        PRIMARY KEY (hearing_id, seat_id),
        CHECK ((confirmed_at IS NULL) = (confirmed_by IS NULL))
      )`);

    await q.query(`
      CREATE TABLE hearing_correction (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        hearing_id uuid NOT NULL,
        seq int NOT NULL,
        -- The revision the representative read when asking.
        base_revision int NOT NULL,
        seat_id uuid NOT NULL,
        requested_by uuid NOT NULL REFERENCES app_user(id),
        text text NOT NULL CHECK (btrim(text) <> '' AND length(text) <= 10000),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted','rejected')),
        reason text,
        decided_by uuid REFERENCES app_user(id),
        decided_at timestamptz,
        -- The revision an accepted correction became.
        revision int,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (hearing_id, seq, base_revision) REFERENCES hearing_segment (hearing_id, seq, revision),
        FOREIGN KEY (hearing_id, seat_id) REFERENCES hearing_confirmation (hearing_id, seat_id),
        CHECK ((status = 'pending') = (decided_at IS NULL)),
        CHECK ((status = 'pending') = (decided_by IS NULL)),
        CHECK (status <> 'rejected' OR btrim(coalesce(reason, '')) <> ''),
        CHECK ((status = 'accepted') = (revision IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX hearing_correction_hearing_idx ON hearing_correction (hearing_id, created_at)`);
    await q.query(`
      CREATE UNIQUE INDEX hearing_correction_one_open ON hearing_correction (hearing_id, seq, seat_id)
      WHERE status = 'pending'`);
    await q.query(`
      ALTER TABLE hearing_segment ADD CONSTRAINT hearing_segment_correction_fk
      FOREIGN KEY (correction_id) REFERENCES hearing_correction(id)`);
    // A decision is final: history is kept, never rewritten.
    await q.query(`
      CREATE FUNCTION hearing_correction_decide_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR OLD.status <> 'pending' THEN
          RAISE EXCEPTION 'a decided correction request is never changed';
        END IF;
        IF NEW.text <> OLD.text OR NEW.seq <> OLD.seq OR NEW.seat_id <> OLD.seat_id THEN
          RAISE EXCEPTION 'a correction request is never rewritten';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER hearing_correction_decide_once BEFORE UPDATE OR DELETE ON hearing_correction
      FOR EACH ROW EXECUTE FUNCTION hearing_correction_decide_once()`);

    // R15. `opinions` is read by the notices: [{seatId, representative, category, summary, adopted, reason}].
    await q.query(`
      CREATE TABLE hearing_report (
        hearing_id uuid PRIMARY KEY REFERENCES hearing_session(hearing_id),
        conclusions text NOT NULL CONSTRAINT hearing_report_conclusions_r15 CHECK (btrim(conclusions) <> ''),
        opinions jsonb NOT NULL CHECK (jsonb_typeof(opinions) = 'array'),
        published_by uuid NOT NULL REFERENCES app_user(id),
        published_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT hearing_report_reasons_r15 CHECK (NOT jsonb_path_exists(opinions,
          '$[*] ? (@.adopted == false && (!exists(@.reason) || @.reason == null || @.reason like_regex "^\\\\s*$"))'))
      )`);
    await q.query(`CREATE INDEX hearing_report_seats_idx ON hearing_report USING gin (opinions jsonb_path_ops)`);
    await q.query(`
      CREATE FUNCTION hearing_report_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN RAISE EXCEPTION 'a published hearing report is never changed'; END IF;
        IF NOT EXISTS (SELECT 1 FROM hearing_session WHERE hearing_id = NEW.hearing_id AND sealed_at IS NOT NULL) THEN
          RAISE EXCEPTION 'the hearing report follows the sealed transcript';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER hearing_report_guard BEFORE INSERT OR UPDATE OR DELETE ON hearing_report
      FOR EACH ROW EXECUTE FUNCTION hearing_report_guard()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE hearing_report`);
    await q.query(`DROP FUNCTION hearing_report_guard()`);
    await q.query(`ALTER TABLE hearing_segment DROP CONSTRAINT hearing_segment_correction_fk`);
    await q.query(`DROP TABLE hearing_correction`);
    await q.query(`DROP FUNCTION hearing_correction_decide_once()`);
    await q.query(`DROP TABLE hearing_confirmation`);
    await q.query(`DROP VIEW hearing_segment_current`);
    await q.query(`DROP TABLE hearing_segment`);
    await q.query(`DROP FUNCTION hearing_segment_append_only()`);
    await q.query(`DROP TABLE hearing_session_event`);
    await q.query(`DROP TABLE hearing_session`);
    await q.query(`DROP FUNCTION hearing_session_guard()`);
  }
}
