import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cheaper checks on the two hottest writes: the intake's group commit (every comment) and the
 * analysis pass (every comment again). Measured under intake load, each of these was paid per row:
 * - the regular expression behind the hash CHECKs: ltrim over the hex alphabet checks the same
 *   thing (64 lowercase hex digits) without the regex engine;
 * - two indexes on comment's author: one unique index on (author, Idempotency-Key) serves both the
 *   key lookups and "comments by this author" (null keys never collide);
 * - foreign keys from the pass's derived rows (signatures, clusters) to comment and draft: each was
 *   a lookup and a row lock on the comment just read by the pass. Comments are never updated or
 *   deleted (trigger comment_immutable), and cluster members already had no such key.
 */
export class LeanerCommentWrites1764000700000 implements MigrationInterface {
  name = 'LeanerCommentWrites1764000700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE comment
      DROP CONSTRAINT comment_leaf_hash_check,
      DROP CONSTRAINT comment_root_hash_check,
      ADD CONSTRAINT comment_leaf_hash_check CHECK (char_length(leaf_hash) = 64 AND ltrim(leaf_hash, '0123456789abcdef') = ''),
      ADD CONSTRAINT comment_root_hash_check CHECK (char_length(root_hash) = 64 AND ltrim(root_hash, '0123456789abcdef') = '')`);
    await q.query(`CREATE UNIQUE INDEX comment_author_key_idx ON comment (author_id, idempotency_key) WHERE author_id IS NOT NULL`);
    await q.query(`DROP INDEX comment_author_idempotency_idx`);
    await q.query(`DROP INDEX comment_author_idx`);
    await q.query(`ALTER TABLE comment_signature DROP CONSTRAINT comment_signature_comment_id_fkey, DROP CONSTRAINT comment_signature_draft_id_fkey`);
    await q.query(`ALTER TABLE comment_cluster DROP CONSTRAINT comment_cluster_id_fkey, DROP CONSTRAINT comment_cluster_sample_comment_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE comment_cluster ADD CONSTRAINT comment_cluster_id_fkey FOREIGN KEY (id) REFERENCES comment(id),
      ADD CONSTRAINT comment_cluster_sample_comment_id_fkey FOREIGN KEY (sample_comment_id) REFERENCES comment(id)`);
    await q.query(`ALTER TABLE comment_signature ADD CONSTRAINT comment_signature_comment_id_fkey FOREIGN KEY (comment_id) REFERENCES comment(id),
      ADD CONSTRAINT comment_signature_draft_id_fkey FOREIGN KEY (draft_id) REFERENCES draft(id)`);
    await q.query(`CREATE INDEX comment_author_idx ON comment (author_id) WHERE author_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX comment_author_idempotency_idx ON comment (author_id, idempotency_key)
      WHERE idempotency_key IS NOT NULL AND author_id IS NOT NULL`);
    await q.query(`DROP INDEX comment_author_key_idx`);
    await q.query(`ALTER TABLE comment
      DROP CONSTRAINT comment_leaf_hash_check,
      DROP CONSTRAINT comment_root_hash_check,
      ADD CONSTRAINT comment_leaf_hash_check CHECK (leaf_hash ~ '^[0-9a-f]{64}$'),
      ADD CONSTRAINT comment_root_hash_check CHECK (root_hash ~ '^[0-9a-f]{64}$')`);
  }
}
