import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The analysis pass writes a signature and (nearly always) a cluster membership for every comment,
 * while the intake is writing the next ones. Two per-row costs there checked nothing the pass does
 * not already guarantee:
 * - a unique index on comment_signature.comment_id: a random-UUID B-tree insert per comment, while
 *   the primary key (draft, seq) already makes each comment's signature unique (seq is unique per
 *   draft) and nothing looks signatures up by comment;
 * - the foreign key from a cluster member to its cluster: a lookup and a KEY SHARE lock per member
 *   on the cluster row the same transaction has just written (clusters are written before their
 *   members, in one transaction, and never deleted).
 */
export class LeanerAnalysisWrites1764000800000 implements MigrationInterface {
  name = 'LeanerAnalysisWrites1764000800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE comment_signature DROP CONSTRAINT comment_signature_comment_id_key`);
    await q.query(`ALTER TABLE comment_cluster_member DROP CONSTRAINT comment_cluster_member_cluster_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE comment_cluster_member ADD CONSTRAINT comment_cluster_member_cluster_id_fkey FOREIGN KEY (cluster_id) REFERENCES comment_cluster(id)`);
    await q.query(`ALTER TABLE comment_signature ADD CONSTRAINT comment_signature_comment_id_key UNIQUE (comment_id)`);
  }
}
