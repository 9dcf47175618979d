import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { Forbidden } from '../../common/errors/domain-error';
import { pageOf, type Page } from '../../common/http/pagination';
import { DraftsService } from '../drafts/drafts.service';
import { COMMENT_ROW_SQL, fullComment, publicComment, type CommentRow, type FullComment, type PublicComment } from './comment-view';
import type { ListCommentsQuery } from './dto/comment-query.dto';

/** Statuses after the adoption report: dispositions are public from then on. */
const REPORTED = new Set(['reported', 'decided', 'results_published']);

/** The comment lists: the public one (masked, R19) and the unit staff's full one. */
@Injectable()
export class CommentsReadService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly drafts: DraftsService,
  ) {}

  async list(draftId: string, q: ListCommentsQuery, user?: Principal): Promise<Page<PublicComment | FullComment>> {
    const draft = await this.drafts.findVisible(draftId, user);
    const full = q.full === true;
    if (full && !this.drafts.isStaff(draft, user)) throw new Forbidden('comment.full_staff_only', "full=true is for staff of the draft's organizing unit");
    if (q.undecided && !full) throw new Forbidden('comment.undecided_needs_full', 'undecided=true needs full=true (unit staff)');
    const params: unknown[] = [draftId, q.anchor ?? null, q.stance ?? null, q.planIndex ?? null, q.pageSize, q.offset];
    const undecided = q.undecided ? ' AND d.comment_id IS NULL' : '';
    const rows: CommentRow[] = await this.db.query(
      `${COMMENT_ROW_SQL}
       WHERE c.draft_id = $1 AND ($2::text IS NULL OR c.anchor = $2) AND ($3::text IS NULL OR c.stance = $3)
         AND ($4::int IS NULL OR c.plan_index = $4)${undecided}
       ORDER BY c.seq LIMIT $5 OFFSET $6`,
      params,
    );
    const total = q.undecided ? await this.countUndecided(draftId, q) : await this.count(draftId, q);
    const items = full ? rows.map(fullComment) : rows.map((r) => publicComment(r, REPORTED.has(draft.status)));
    return pageOf(items, total, q);
  }

  // Totals come from the per-unit counters the intake maintains: no count(*) over a big draft.
  private async count(draftId: string, q: ListCommentsQuery): Promise<number> {
    const [row] = await this.db.query(
      `SELECT coalesce(sum(count), 0)::int AS n FROM comment_unit_stats
       WHERE draft_id = $1 AND ($2::text IS NULL OR anchor = $2) AND ($3::text IS NULL OR stance = $3)
         AND ($4::int IS NULL OR plan_index = $4)`,
      [draftId, q.anchor ?? null, q.stance ?? null, q.planIndex ?? null],
    );
    return row.n;
  }

  private async countUndecided(draftId: string, q: ListCommentsQuery): Promise<number> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS n FROM comment c LEFT JOIN comment_disposition d ON d.comment_id = c.id
       WHERE c.draft_id = $1 AND d.comment_id IS NULL AND ($2::text IS NULL OR c.anchor = $2) AND ($3::text IS NULL OR c.stance = $3)
         AND ($4::int IS NULL OR c.plan_index = $4)`,
      [draftId, q.anchor ?? null, q.stance ?? null, q.planIndex ?? null],
    );
    return row.n;
  }
}
