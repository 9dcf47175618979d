import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../../common/auth/principal';
import { NotFound, RuleViolation, StateConflict } from '../../../common/errors/domain-error';
import { DraftsService } from '../../drafts/drafts.service';
import { AnalysisService } from '../analysis/analysis.service';
import { isConcentrated } from '../analysis/concentration';
import { DISPOSABLE_STATUSES } from '../comment.constants';
import type { DispositionDto, ModerationDto } from '../dto/disposition.dto';
import { assertR6, assertR8 } from './disposition-rules';

export interface DispositionRecord {
  commentId: string;
  outcome: string;
  basis: string | null;
  reason: string | null;
  clusterId: string | null;
  decidedBy: string;
  decidedByName?: string | null;
  decidedAt: Date;
}

const DISPOSABLE = new Set<string>(DISPOSABLE_STATUSES);

/** Dispositions (R6, R8) and moderation (R7) of comments, every change kept in history. */
@Injectable()
export class DispositionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly drafts: DraftsService,
    private readonly analysis: AnalysisService,
  ) {}

  async dispose(commentId: string, user: Principal, dto: DispositionDto): Promise<DispositionRecord> {
    const draftId = await this.draftOfComment(commentId, user);
    assertR6(dto);
    return this.db.transaction(async (m) => {
      await this.lockDisposable(m, draftId);
      const [row] = await m.query(
        `INSERT INTO comment_disposition (comment_id, draft_id, outcome, basis, reason, cluster_id, decided_by, decided_at)
         VALUES ($1, $2, $3, $4, $5, NULL, $6, clock_timestamp())
         ON CONFLICT (comment_id) DO UPDATE SET outcome = excluded.outcome, basis = excluded.basis, reason = excluded.reason,
           cluster_id = NULL, decided_by = excluded.decided_by, decided_at = excluded.decided_at
         RETURNING comment_id AS "commentId", outcome, basis, reason, cluster_id AS "clusterId", decided_by AS "decidedBy", decided_at AS "decidedAt"`,
        [commentId, draftId, dto.outcome, dto.basis ?? null, dto.reason ?? null, user.id],
      );
      await m.query(
        `INSERT INTO comment_disposition_history (comment_id, draft_id, outcome, basis, reason, cluster_id, decided_by, decided_at)
         VALUES ($1, $2, $3, $4, $5, NULL, $6, $7)`,
        [commentId, draftId, row.outcome, row.basis, row.reason, user.id, row.decidedAt],
      );
      return row;
    });
  }

  /** One disposition for every comment of a near-duplicate cluster; recorded on the cluster too (R8). */
  async disposeCluster(draftId: string, clusterId: string, user: Principal, dto: DispositionDto) {
    const draft = await this.drafts.findVisible(draftId, user);
    this.drafts.assertStaff(draft, user, 'organizer');
    const threshold = await this.analysis.currentThreshold(draftId);
    return this.db.transaction(async (m) => {
      await this.lockDisposable(m, draftId);
      const [cluster] = await m.query(
        `SELECT id, size, concentrated_override AS flagged FROM comment_cluster WHERE id = $1 AND draft_id = $2 FOR UPDATE`,
        [clusterId, draftId],
      );
      if (!cluster) throw new NotFound('cluster');
      const concentrated = isConcentrated(cluster.size, threshold, cluster.flagged);
      // For a concentrated cluster the missing reason is R8's breach; otherwise R6's.
      assertR8(dto, concentrated);
      assertR6(dto);
      // TypeORM answers an UPDATE with [rows, count].
      const [[at]] = await m.query(
        `UPDATE comment_cluster SET outcome = $2, basis = $3, reason = $4, decided_by = $5, decided_at = clock_timestamp()
         WHERE id = $1 RETURNING decided_at AS "decidedAt"`,
        [clusterId, dto.outcome, dto.basis ?? null, dto.reason ?? null, user.id],
      );
      const applied = await m.query(
        `WITH members AS (SELECT comment_id FROM comment_cluster_member WHERE cluster_id = $1),
         upsert AS (
           INSERT INTO comment_disposition (comment_id, draft_id, outcome, basis, reason, cluster_id, decided_by, decided_at)
           SELECT comment_id, $2, $3, $4, $5, $1, $6, $7 FROM members
           ON CONFLICT (comment_id) DO UPDATE SET outcome = excluded.outcome, basis = excluded.basis, reason = excluded.reason,
             cluster_id = excluded.cluster_id, decided_by = excluded.decided_by, decided_at = excluded.decided_at
           RETURNING comment_id)
         INSERT INTO comment_disposition_history (comment_id, draft_id, outcome, basis, reason, cluster_id, decided_by, decided_at)
         SELECT comment_id, $2, $3, $4, $5, $1, $6, $7 FROM upsert
         RETURNING comment_id`,
        [clusterId, draftId, dto.outcome, dto.basis ?? null, dto.reason ?? null, user.id, at.decidedAt],
      );
      return {
        clusterId,
        size: cluster.size,
        concentrated,
        outcome: dto.outcome,
        basis: dto.basis ?? null,
        reason: dto.reason ?? null,
        decidedBy: user.id,
        decidedAt: at.decidedAt,
        applied: applied.length,
      };
    });
  }

  async history(commentId: string, user: Principal): Promise<{ items: DispositionRecord[]; total: number; page: number; pageSize: number }> {
    await this.draftOfComment(commentId, user, 'staff');
    const items: DispositionRecord[] = await this.db.query(
      `SELECT h.comment_id AS "commentId", h.outcome, h.basis, h.reason, h.cluster_id AS "clusterId",
              h.decided_by AS "decidedBy", u.display_name AS "decidedByName", h.decided_at AS "decidedAt"
       FROM comment_disposition_history h LEFT JOIN app_user u ON u.id = h.decided_by
       WHERE h.comment_id = $1 ORDER BY h.id`,
      [commentId],
    );
    return { items, total: items.length, page: 1, pageSize: Math.max(items.length, 1) };
  }

  /** Hides (or shows again) a comment's text on public pages only (R7); kept in history. */
  async moderate(commentId: string, user: Principal, dto: ModerationDto) {
    const draftId = await this.draftOfComment(commentId, user);
    const reason = dto.reason?.trim() || null;
    if (dto.hidden && !reason) throw new RuleViolation('R7.hidden_without_reason', 'a hidden comment is shown as hidden with the reason: give the reason');
    return this.db.transaction(async (m) => {
      await this.lockDisposable(m, draftId);
      const [row] = await m.query(
        `INSERT INTO comment_moderation (comment_id, draft_id, hidden, reason, moderated_by, moderated_at)
         VALUES ($1, $2, $3, $4, $5, clock_timestamp())
         ON CONFLICT (comment_id) DO UPDATE SET hidden = excluded.hidden, reason = excluded.reason,
           moderated_by = excluded.moderated_by, moderated_at = excluded.moderated_at
         RETURNING comment_id AS "commentId", hidden, reason, moderated_by AS "moderatedBy", moderated_at AS "moderatedAt"`,
        [commentId, draftId, dto.hidden, reason, user.id],
      );
      await m.query(
        `INSERT INTO comment_moderation_history (comment_id, hidden, reason, moderated_by, moderated_at) VALUES ($1, $2, $3, $4, $5)`,
        [commentId, row.hidden, row.reason, user.id, row.moderatedAt],
      );
      return row;
    });
  }

  /** The comment's draft id after the access checks: 404 unknown or invisible, 403 not the unit's organizer. */
  private async draftOfComment(commentId: string, user: Principal, who: 'organizer' | 'staff' = 'organizer'): Promise<string> {
    const [c] = await this.db.query(`SELECT draft_id FROM comment WHERE id = $1`, [commentId]);
    if (!c) throw new NotFound('comment');
    const draft = await this.drafts.findVisible(c.draft_id, user);
    if (who === 'organizer') this.drafts.assertStaff(draft, user, 'organizer');
    else this.drafts.assertStaff(draft, user);
    return c.draft_id;
  }

  /**
   * Locks the draft row against a concurrent report publication: dispositions change until the
   * decision (a change after the report is published in a corrected report version).
   */
  private async lockDisposable(m: EntityManager, draftId: string): Promise<void> {
    const [d] = await m.query(`SELECT status FROM draft WHERE id = $1 FOR SHARE`, [draftId]);
    if (!DISPOSABLE.has(d.status)) throw new StateConflict('disposition.wrong_status', `dispositions are given while the draft is open, closed or reported; it is ${d.status}`, { draftStatus: d.status });
  }
}
