import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Analysis features leave the comment row. Keywords and the MinHash signature were computed on the
 * request path and stored with each comment; they are now computed by the analysis pass (in the
 * worker), which keeps the signatures it needs to rebuild its index here. The comment row holds
 * only what was submitted and its place in the log.
 */
export class CommentFeatures1764000600000 implements MigrationInterface {
  name = 'CommentFeatures1764000600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE comment_signature (
        draft_id uuid NOT NULL REFERENCES draft(id),
        seq bigint NOT NULL,
        comment_id uuid NOT NULL UNIQUE REFERENCES comment(id),
        signature text NOT NULL,
        -- Rebuilding a draft's index replays its signatures in log order.
        PRIMARY KEY (draft_id, seq)
      )`);
    await q.query(`INSERT INTO comment_signature (draft_id, seq, comment_id, signature)
                   SELECT draft_id, seq, id, signature FROM comment WHERE signature IS NOT NULL`);
    await q.query(`ALTER TABLE comment DROP COLUMN keywords, DROP COLUMN signature`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE comment ADD COLUMN keywords text[] NOT NULL DEFAULT '{}', ADD COLUMN signature text`);
    // Row triggers refuse UPDATE on comment; this is a schema rollback, not a change of content.
    await q.query(`ALTER TABLE comment DISABLE TRIGGER comment_immutable`);
    await q.query(`UPDATE comment c SET signature = s.signature FROM comment_signature s WHERE s.comment_id = c.id`);
    await q.query(`ALTER TABLE comment ENABLE TRIGGER comment_immutable`);
    await q.query(`DROP TABLE comment_signature`);
  }
}
