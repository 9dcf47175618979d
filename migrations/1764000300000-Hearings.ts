import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hearings (R11-R13), government meetings (R16-R17) and the selection machinery they share:
 * applications, invitations, the draw commitment, the frozen list and draw record, seats and the
 * public event log. Every shared table points at `selection_owner (kind, id)`, so a hearing and a
 * meeting are handled by the same code and the same constraints.
 */
export class Hearings1764000300000 implements MigrationInterface {
  name = 'Hearings1764000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE selection_owner (
        kind text NOT NULL CHECK (kind IN ('hearing','meeting')),
        id uuid NOT NULL,
        -- Applications are numbered per owner (H-0001, M-0001); the row lock serialises numbering.
        label_prefix text NOT NULL CHECK (label_prefix ~ '^[A-Z]{1,3}$'),
        next_seq int NOT NULL DEFAULT 0 CHECK (next_seq >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, id)
      )`);

    await q.query(`
      CREATE TABLE hearing (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL DEFAULT 'hearing' CHECK (kind = 'hearing'),
        draft_id uuid NOT NULL REFERENCES draft(id),
        unit_id uuid NOT NULL REFERENCES unit(id),
        created_by uuid NOT NULL REFERENCES app_user(id),
        title text NOT NULL,
        -- Nullable: a hearing may be prepared incomplete; announcing checks R11.
        matter_content text,
        matter_reasons text,
        matter_basis text,
        matter_background text,
        venue text,
        starts_at timestamptz,
        signup_opens_at timestamptz,
        signup_closes_at timestamptz,
        signup_method text,
        selection_method text,
        quota_stakeholder int CHECK (quota_stakeholder >= 0),
        quota_resident int CHECK (quota_resident >= 0),
        quota_deputy int CHECK (quota_deputy >= 0),
        quota_expert int CHECK (quota_expert >= 0),
        quota_lawyer int CHECK (quota_lawyer >= 0),
        quota_other int CHECK (quota_other >= 0),
        announced_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (kind, id) REFERENCES selection_owner (kind, id),
        CONSTRAINT hearing_quotas_together CHECK (
          num_nulls(quota_stakeholder, quota_resident, quota_deputy, quota_expert, quota_lawyer, quota_other) IN (0, 6)),
        CONSTRAINT hearing_signup_order CHECK (signup_closes_at > signup_opens_at),
        CONSTRAINT hearing_signup_before_start CHECK (signup_closes_at <= starts_at),
        -- R11: announced at least 10 days ahead with every element of the announcement.
        CONSTRAINT hearing_announcement_r11 CHECK (announced_at IS NULL OR (
          num_nulls(matter_content, matter_reasons, matter_basis, matter_background, venue, starts_at,
                    signup_opens_at, signup_closes_at, signup_method, selection_method, quota_stakeholder) = 0
          AND starts_at >= announced_at + interval '10 days'
          AND signup_closes_at > announced_at)),
        -- R12: at least 10 representatives.
        CONSTRAINT hearing_representatives_r12 CHECK (announced_at IS NULL OR
          quota_stakeholder + quota_resident + quota_deputy + quota_expert + quota_lawyer + quota_other >= 10)
      )`);
    await q.query(`CREATE INDEX hearing_draft_idx ON hearing (draft_id, starts_at)`);
    await q.query(`CREATE INDEX hearing_public_idx ON hearing (starts_at DESC) WHERE announced_at IS NOT NULL`);

    await q.query(`
      CREATE TABLE meeting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL DEFAULT 'meeting' CHECK (kind = 'meeting'),
        draft_id uuid NOT NULL REFERENCES draft(id),
        unit_id uuid NOT NULL REFERENCES unit(id),
        created_by uuid NOT NULL REFERENCES app_user(id),
        title text NOT NULL,
        starts_at timestamptz NOT NULL,
        -- R16: usually 3-5 public attendees.
        seats int NOT NULL DEFAULT 3 CONSTRAINT meeting_seats_r16 CHECK (seats BETWEEN 3 AND 5),
        signup_opens_at timestamptz NOT NULL,
        signup_closes_at timestamptz NOT NULL,
        -- R17: due 3 working days after the meeting; computed on read from the official calendar
        -- (R18), so an administrator's later calendar correction applies.
        feedback_handling text,
        feedback_outcome text,
        feedback_at timestamptz,
        feedback_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (kind, id) REFERENCES selection_owner (kind, id),
        CONSTRAINT meeting_signup_order CHECK (signup_closes_at > signup_opens_at AND signup_closes_at <= starts_at),
        CONSTRAINT meeting_feedback_complete CHECK (
          num_nulls(feedback_handling, feedback_outcome, feedback_at, feedback_by) IN (0, 4))
      )`);
    await q.query(`CREATE INDEX meeting_draft_idx ON meeting (draft_id, starts_at)`);

    await q.query(`
      CREATE TABLE selection_application (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_kind text NOT NULL,
        owner_id uuid NOT NULL,
        seq int NOT NULL CHECK (seq >= 1),
        -- The public pseudonym used on the frozen list and in the draw record.
        label text NOT NULL CHECK (label ~ '^[A-Z]{1,3}-[0-9]{4,}$'),
        user_id uuid NOT NULL REFERENCES app_user(id),
        category text NOT NULL CHECK (category ~ '^[a-z][a-z-]*$'),
        statement text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN
          ('pending','accepted','rejected','selected','alternate','not_selected','declined','lapsed')),
        reason text,
        reviewed_by uuid REFERENCES app_user(id),
        decided_at timestamptz,
        -- Set by the draw: the replacement pool and the place in its queue of alternates.
        pool text,
        alternate_order int CHECK (alternate_order >= 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (owner_kind, owner_id) REFERENCES selection_owner (kind, id),
        CONSTRAINT selection_application_one_per_person UNIQUE (owner_kind, owner_id, user_id),
        UNIQUE (owner_kind, owner_id, seq),
        UNIQUE (owner_kind, owner_id, label),
        CONSTRAINT selection_application_reject_reason CHECK (status <> 'rejected' OR btrim(coalesce(reason, '')) <> ''),
        CONSTRAINT selection_application_alternate_queued CHECK (status <> 'alternate' OR (pool IS NOT NULL AND alternate_order IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX selection_application_user_idx ON selection_application (user_id)`);
    await q.query(`
      CREATE UNIQUE INDEX selection_application_queue_key ON selection_application (owner_kind, owner_id, pool, alternate_order)
      WHERE alternate_order IS NOT NULL`);

    await q.query(`
      CREATE TABLE selection_invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_kind text NOT NULL,
        owner_id uuid NOT NULL,
        email text NOT NULL,
        display_name text NOT NULL,
        category text NOT NULL CHECK (category IN ('deputy','expert','lawyer','other')),
        token_hash text NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted','declined')),
        user_id uuid REFERENCES app_user(id),
        responded_at timestamptz,
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (owner_kind, owner_id) REFERENCES selection_owner (kind, id),
        CHECK ((status = 'pending') = (responded_at IS NULL))
      )`);
    await q.query(`CREATE INDEX selection_invitation_owner_idx ON selection_invitation (owner_kind, owner_id)`);
    // One open invitation per address and owner: a second one would only confuse the invitee.
    await q.query(`
      CREATE UNIQUE INDEX selection_invitation_pending_key ON selection_invitation (owner_kind, owner_id, lower(email))
      WHERE status = 'pending'`);

    await q.query(`
      CREATE TABLE selection_commitment (
        owner_kind text NOT NULL,
        owner_id uuid NOT NULL,
        algorithm text NOT NULL CHECK (algorithm IN ('hearing-draw/1','rfc3797')),
        commitment text NOT NULL CHECK (commitment ~ '^[0-9a-f]{64}$'),
        chain_length int NOT NULL CHECK (chain_length >= 1),
        randomness_source text NOT NULL CHECK (btrim(randomness_source) <> ''),
        committed_by uuid NOT NULL REFERENCES app_user(id),
        committed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (owner_kind, owner_id),
        FOREIGN KEY (owner_kind, owner_id) REFERENCES selection_owner (kind, id)
      )`);

    await q.query(`
      CREATE TABLE selection_self_recommendation (
        owner_kind text NOT NULL,
        owner_id uuid NOT NULL,
        category text NOT NULL,
        labels text[] NOT NULL CHECK (cardinality(labels) >= 1),
        note text NOT NULL,
        recorded_by uuid NOT NULL REFERENCES app_user(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (owner_kind, owner_id, category),
        FOREIGN KEY (owner_kind, owner_id) REFERENCES selection_owner (kind, id)
      )`);

    // The frozen eligible lists, then the draw record; both public and free of personal data.
    await q.query(`
      CREATE TABLE selection_draw (
        owner_kind text NOT NULL,
        owner_id uuid NOT NULL,
        frozen_lists jsonb NOT NULL CHECK (jsonb_typeof(frozen_lists) = 'array'),
        frozen_by uuid NOT NULL REFERENCES app_user(id),
        frozen_at timestamptz NOT NULL DEFAULT now(),
        record jsonb,
        drawn_by uuid REFERENCES app_user(id),
        drawn_at timestamptz,
        PRIMARY KEY (owner_kind, owner_id),
        FOREIGN KEY (owner_kind, owner_id) REFERENCES selection_owner (kind, id),
        CHECK (num_nulls(record, drawn_by, drawn_at) IN (0, 3))
      )`);

    await q.query(`
      CREATE TABLE selection_seat (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_kind text NOT NULL,
        owner_id uuid NOT NULL,
        -- Seats of one pool replace each other (a hearing: one pool per category; a meeting: one).
        pool text NOT NULL,
        slot int NOT NULL CHECK (slot >= 1),
        category text NOT NULL,
        source text NOT NULL CHECK (source IN ('draw','self-recommended','invitation','replacement')),
        application_id uuid REFERENCES selection_application(id),
        invitation_id uuid REFERENCES selection_invitation(id),
        -- NULL for an invitee who accepted without an account; then name and email identify them.
        user_id uuid REFERENCES app_user(id),
        display_name text,
        email text,
        label text,
        status text NOT NULL CHECK (status IN ('offered','confirmed','declined','lapsed')),
        offered_at timestamptz NOT NULL DEFAULT now(),
        confirm_by timestamptz,
        responded_at timestamptz,
        replaces_seat_id uuid REFERENCES selection_seat(id),
        FOREIGN KEY (owner_kind, owner_id) REFERENCES selection_owner (kind, id),
        CHECK (num_nonnulls(application_id, invitation_id) = 1),
        CHECK (user_id IS NOT NULL OR (display_name IS NOT NULL AND email IS NOT NULL)),
        CHECK (status <> 'offered' OR confirm_by IS NOT NULL),
        CHECK ((status IN ('offered','confirmed')) OR responded_at IS NOT NULL)
      )`);
    // A slot is held by at most one live seat, and slots are numbered within the pool's quota by
    // the service: together they keep the seats of a category within its quota.
    await q.query(`
      CREATE UNIQUE INDEX selection_seat_slot_key ON selection_seat (owner_kind, owner_id, pool, slot)
      WHERE status IN ('offered','confirmed')`);
    await q.query(`
      CREATE UNIQUE INDEX selection_seat_person_key ON selection_seat (owner_kind, owner_id, user_id)
      WHERE status IN ('offered','confirmed') AND user_id IS NOT NULL`);
    await q.query(`CREATE INDEX selection_seat_owner_idx ON selection_seat (owner_kind, owner_id)`);
    await q.query(`CREATE INDEX selection_seat_user_idx ON selection_seat (user_id) WHERE user_id IS NOT NULL`);
    await q.query(`CREATE INDEX selection_seat_due_idx ON selection_seat (confirm_by) WHERE status = 'offered'`);

    await q.query(`
      CREATE TABLE selection_event (
        id bigserial PRIMARY KEY,
        owner_kind text NOT NULL,
        owner_id uuid NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        -- NULL when the system acted (a lapsed offer, the close of the alternates' queue).
        actor_id uuid REFERENCES app_user(id),
        kind text NOT NULL,
        -- Public: labels, categories, slots and counts only, never names or contact data.
        data jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object'),
        FOREIGN KEY (owner_kind, owner_id) REFERENCES selection_owner (kind, id)
      )`);
    await q.query(`CREATE INDEX selection_event_owner_idx ON selection_event (owner_kind, owner_id, id)`);
    await q.query(`
      CREATE FUNCTION selection_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'selection_event is append only';
      END $$`);
    await q.query(`
      CREATE TRIGGER selection_event_no_update BEFORE UPDATE OR DELETE ON selection_event
      FOR EACH ROW EXECUTE FUNCTION selection_event_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE selection_event`);
    await q.query(`DROP FUNCTION selection_event_append_only()`);
    await q.query(`DROP TABLE selection_seat`);
    await q.query(`DROP TABLE selection_draw`);
    await q.query(`DROP TABLE selection_self_recommendation`);
    await q.query(`DROP TABLE selection_commitment`);
    await q.query(`DROP TABLE selection_invitation`);
    await q.query(`DROP TABLE selection_application`);
    await q.query(`DROP TABLE meeting`);
    await q.query(`DROP TABLE hearing`);
    await q.query(`DROP TABLE selection_owner`);
  }
}
