import { MigrationInterface, QueryRunner } from 'typeorm';

/** Organizing units, accounts with roles, one-time tokens, and calendar overrides (R18). */
export class Accounts1764000000000 implements MigrationInterface {
  name = 'Accounts1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`
      CREATE TABLE unit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        -- Review levels a draft passes before publication (R4), e.g. {confidentiality, head}.
        review_levels text[] NOT NULL DEFAULT '{content}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        password_hash text NOT NULL,
        display_name text NOT NULL,
        roles text[] NOT NULL DEFAULT '{resident}',
        unit_id uuid REFERENCES unit(id),
        email_verified_at timestamptz,
        privacy_accepted_at timestamptz,
        privacy_version text,
        phone text,
        postal_address text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT app_user_roles_valid CHECK (roles <@ ARRAY['resident','organizer','reviewer','clerk','admin']::text[])
      )`);
    await q.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email))`);
    await q.query(`
      CREATE TABLE user_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('verify_email','reset_password')),
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE calendar_day (
        day date PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('holiday','workday')),
        name text NOT NULL DEFAULT '',
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_day`);
    await q.query(`DROP TABLE user_token`);
    await q.query(`DROP TABLE app_user`);
    await q.query(`DROP TABLE unit`);
  }
}
