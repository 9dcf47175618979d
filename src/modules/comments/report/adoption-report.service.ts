import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../../common/auth/principal';
import { Forbidden, NotFound, RuleViolation, StateConflict } from '../../../common/errors/domain-error';
import { DraftsService } from '../../drafts/drafts.service';
import { AnalysisPass } from '../analysis/analysis-pass.service';
import { concentrationThreshold } from '../analysis/concentration';
import { r8Breach } from '../dispositions/disposition-rules';
import { DraftContextCache } from '../intake/draft-context.cache';
import { buildSnapshot, clusterStates, undisposedCount } from './report-builder';
import { ReportFanOut } from './report-fan-out';
import { publicReport } from './report-public';
import type { ReportSnapshot } from './report-snapshot';

/** Attempts to find the clustering caught up under the log lock (offline comments may still arrive). */
const CATCH_UP_ATTEMPTS = 3;

/** The participation report (公众参与情况说明, R9): published once everything is dispositioned. */
@Injectable()
export class AdoptionReportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly drafts: DraftsService,
    private readonly pass: AnalysisPass,
    private readonly contexts: DraftContextCache,
    private readonly fanOut: ReportFanOut,
  ) {}

  /**
   * Publishes the report of a closed draft (or a corrected version of a reported one): 422 R9
   * while a comment has no disposition, 422 R8 while a concentrated opinion is not adopted without
   * its reason. Moves the draft to `reported` and queues the participants' notices.
   */
  async publish(draftId: string, user: Principal): Promise<ReportSnapshot> {
    const draft = await this.drafts.findVisible(draftId, user);
    this.drafts.assertStaff(draft, user, 'organizer');
    if (draft.status !== 'closed' && draft.status !== 'reported') {
      throw new StateConflict('report.before_close', `the adoption report is published after the comment window closes; the draft is ${draft.status}`, { draftStatus: draft.status });
    }
    let snapshot: ReportSnapshot | null = null;
    for (let attempt = 0; !snapshot && attempt < CATCH_UP_ATTEMPTS; attempt++) {
      await this.pass.catchUp(draftId, { force: true });
      snapshot = await this.db.transaction((m) => this.publishIn(m, draftId, user));
    }
    if (!snapshot) throw new StateConflict('report.comments_arriving', 'comments are still arriving for this draft; try again in a moment');
    this.contexts.invalidate(draftId);
    await this.fanOut.queue(draftId, snapshot.reportVersion);
    return snapshot;
  }

  /** The report in one transaction, or null when the clustering is behind the locked log. */
  private async publishIn(m: EntityManager, draftId: string, user: Principal): Promise<ReportSnapshot | null> {
    // The log row first (the intake's lock order: log, then draft). Bumping its epoch locks it and
    // makes any intake planned against the old head replan under the lock, where it finds the
    // draft reported: no offline comment slips in after the root the report states.
    await m.query(`UPDATE comment_log SET epoch = epoch + 1 WHERE draft_id = $1`, [draftId]);
    const draft = await this.drafts.getDraftForUpdate(draftId, m);
    if (draft.status !== 'closed' && draft.status !== 'reported') {
      throw new StateConflict('report.before_close', `the adoption report is published after the comment window closes; the draft is ${draft.status}`, { draftStatus: draft.status });
    }
    const [head] = await m.query(
      `SELECT coalesce(l.tree_size, 0)::int AS size, coalesce(l.root_hash, $2) AS root, coalesce(a.clustered_seq, 0)::int AS analysed,
              s.concentration_threshold AS threshold
       FROM (SELECT $1::uuid AS id) d
       LEFT JOIN comment_log l ON l.draft_id = d.id
       LEFT JOIN comment_analysis_state a ON a.draft_id = d.id
       LEFT JOIN draft_analysis_settings s ON s.draft_id = d.id`,
      [draftId, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    );
    if (head.analysed < head.size) return null;

    const missing = await undisposedCount(m, draftId);
    if (missing > 0) {
      throw new RuleViolation('R9.undisposed_comments', `${missing} comment(s) have no disposition yet; every comment is analysed and answered before the report is published`, {
        count: missing,
      });
    }
    const threshold = concentrationThreshold(head.size, head.threshold);
    const breach = r8Breach(await clusterStates(m, draftId, threshold));
    if (breach) {
      throw new RuleViolation(
        'R8.cluster_without_reason',
        `the concentrated opinion ${breach.id} (${breach.size} comments) is not adopted without a stated reason; give the cluster's disposition with a reason`,
        { cluster: breach.id, size: breach.size },
      );
    }

    const [prev] = await m.query(`SELECT coalesce(max(report_version), 0)::int AS v FROM adoption_report WHERE draft_id = $1`, [draftId]);
    const reportVersion = prev.v + 1;
    const [{ now }] = await m.query(`SELECT clock_timestamp() AS now`);
    const snapshot = await buildSnapshot(m, {
      draft,
      reportVersion,
      publishedAt: now,
      publishedBy: { id: user.id, name: user.displayName },
      log: { treeSize: head.size, rootHash: head.root },
      threshold,
    });
    await m.query(
      `INSERT INTO adoption_report (draft_id, report_version, published_at, published_by, tree_size, root_hash, snapshot)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [draftId, reportVersion, now, user.id, head.size, head.root, JSON.stringify(snapshot)],
    );
    await this.drafts.transition(
      draftId,
      [draft.status],
      'reported',
      user.id,
      reportVersion === 1 ? 'reported' : 'report_corrected',
      `adoption report version ${reportVersion}: ${head.size} comments, log root ${head.root}`,
      { manager: m },
    );
    return snapshot;
  }

  /** The published report: masked for the public, the originals for unit staff with full=true. */
  async get(draftId: string, user: Principal | undefined, opts: { full?: boolean; reportVersion?: number }): Promise<ReportSnapshot> {
    const draft = await this.drafts.findVisible(draftId, user);
    if (opts.full && !this.drafts.isStaff(draft, user)) throw new Forbidden('comment.full_staff_only', "full=true is for staff of the draft's organizing unit");
    const [row] = await this.db.query(
      `SELECT snapshot FROM adoption_report WHERE draft_id = $1 AND ($2::int IS NULL OR report_version = $2)
       ORDER BY report_version DESC LIMIT 1`,
      [draftId, opts.reportVersion ?? null],
    );
    if (!row) throw new NotFound('adoption_report');
    const snapshot = row.snapshot as ReportSnapshot;
    return opts.full ? snapshot : publicReport(snapshot);
  }
}
