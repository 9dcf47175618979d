import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../common/auth/principal';
import { NotFound } from '../../../common/errors/domain-error';
import { DraftsService } from '../../drafts/drafts.service';
import { MAIN_TEXT, STANCES, type Stance } from '../comment.constants';
import type { AnalysisSettingsDto, ClusterFlagDto } from '../dto/disposition.dto';
import { AnalysisPass } from './analysis-pass.service';
import { concentrationThreshold, isConcentrated } from './concentration';

/** Clusters listed in the analysis (largest first), and member ids listed per cluster. */
const MAX_CLUSTERS = 100;
const MAX_MEMBER_IDS = 500;
const MAX_KEYWORDS = 30;
/** How long a read waits for the clustering pass to catch up with the intake. */
const CATCH_UP_WAIT_MS = 2000;

type ByStance = Record<Stance, number>;

export interface ClusterView {
  id: string;
  size: number;
  /** The text of the cluster's first comment (staff only: not masked). */
  sample: string;
  sampleId: string;
  commentIds: string[];
  concentrated: boolean;
  flagged: boolean;
  disposition: { outcome: string; basis: string | null; reason: string | null } | null;
}

export interface Analysis {
  total: number;
  byStance: ByStance;
  units: Array<{ anchor: string; planIndex: number | null; version: number; label: string | null; total: number; byStance: ByStance }>;
  clusters: ClusterView[];
  keywords: Array<{ term: string; weight: number }>;
  concentrationThreshold: number;
  /** Whether the organizer set the threshold (otherwise max(5, 5% of all)). */
  thresholdSet: boolean;
  /** Comments the clustering has read so far, of treeSize in the log. */
  analysedThrough: number;
  treeSize: number;
}

const zero = (): ByStance => Object.fromEntries(STANCES.map((s) => [s, 0])) as ByStance;

/**
 * The organizer's analysis (逐条分析): everything is read from counters and cluster tables kept
 * up to date as comments arrive, so its cost does not grow with the number of comments.
 */
@Injectable()
export class AnalysisService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly drafts: DraftsService,
    private readonly pass: AnalysisPass,
  ) {}

  async analysis(draftId: string, user: Principal): Promise<Analysis> {
    const draft = await this.drafts.findVisible(draftId, user);
    this.drafts.assertStaff(draft, user);
    // Gives the pass (the worker's, or this process's) a moment to analyse what was just stored.
    await this.pass.settle(draftId, CATCH_UP_WAIT_MS);
    return this.read(draftId);
  }

  /** Reads the current analysis without access checks (the report builds on it). */
  async read(draftId: string): Promise<Analysis> {
    const [stats, head, threshold, keywords] = await Promise.all([
      this.db.query(
        `SELECT s.version, s.plan_index AS "planIndex", s.anchor, s.stance, s.count::int AS count, u.label, u.ord
         FROM comment_unit_stats s
         LEFT JOIN draft_unit u ON u.draft_id = s.draft_id AND u.version = s.version AND u.plan_index = s.plan_index AND u.anchor = s.anchor
         WHERE s.draft_id = $1`,
        [draftId],
      ),
      this.db.query(
        `SELECT coalesce(l.tree_size, 0)::int AS size, coalesce(a.clustered_seq, 0)::int AS analysed
         FROM (SELECT $1::uuid AS id) d
         LEFT JOIN comment_log l ON l.draft_id = d.id LEFT JOIN comment_analysis_state a ON a.draft_id = d.id`,
        [draftId],
      ),
      this.thresholdSetting(draftId),
      this.db.query(
        `SELECT term, count::int AS weight FROM comment_keyword_stats WHERE draft_id = $1 ORDER BY count DESC, term LIMIT ${MAX_KEYWORDS}`,
        [draftId],
      ),
    ]);
    const byStance = zero();
    const units = new Map<string, Analysis['units'][number] & { ord: number }>();
    for (const s of stats as Array<{ version: number; planIndex: number; anchor: string; stance: Stance; count: number; label: string | null; ord: number | null }>) {
      byStance[s.stance] += s.count;
      const key = `${s.version}|${s.planIndex}|${s.anchor}`;
      let u = units.get(key);
      if (!u) {
        u = { anchor: s.anchor, planIndex: s.planIndex === MAIN_TEXT ? null : s.planIndex, version: s.version, label: s.label, total: 0, byStance: zero(), ord: s.ord ?? 0 };
        units.set(key, u);
      }
      u.total += s.count;
      u.byStance[s.stance] += s.count;
    }
    const total = head[0].size;
    const limit = concentrationThreshold(total, threshold);
    return {
      total,
      byStance,
      // Reading order: version, main text before plans, then the unit's place in the document.
      units: [...units.values()]
        .sort((a, b) => a.version - b.version || (a.planIndex ?? -1) - (b.planIndex ?? -1) || a.ord - b.ord)
        .map(({ ord: _ord, ...u }) => u),
      clusters: await this.clusters(draftId, limit),
      keywords,
      concentrationThreshold: limit,
      thresholdSet: threshold !== null,
      analysedThrough: head[0].analysed,
      treeSize: total,
    };
  }

  /** The largest clusters, or the one named by `only`. */
  async clusters(draftId: string, threshold: number, only?: string): Promise<ClusterView[]> {
    const rows = await this.db.query(
      `SELECT k.id, k.size, k.concentrated_override AS flagged, k.outcome, k.basis, k.reason,
              k.sample_comment_id AS "sampleId", s.text AS "sampleText",
              array(SELECT m.comment_id FROM comment_cluster_member m WHERE m.cluster_id = k.id ORDER BY m.seq LIMIT ${MAX_MEMBER_IDS}) AS "commentIds"
       FROM comment_cluster k JOIN comment s ON s.id = k.sample_comment_id
       WHERE k.draft_id = $1 AND ($2::uuid IS NULL OR k.id = $2) ORDER BY k.size DESC, k.id LIMIT ${MAX_CLUSTERS}`,
      [draftId, only ?? null],
    );
    return rows.map((r: any) => ({
      id: r.id,
      size: r.size,
      sample: r.sampleText,
      sampleId: r.sampleId,
      commentIds: r.commentIds,
      concentrated: isConcentrated(r.size, threshold, r.flagged),
      flagged: r.flagged === true,
      disposition: r.outcome ? { outcome: r.outcome, basis: r.basis, reason: r.reason } : null,
    }));
  }

  /** The threshold in force now, for the draft's current number of comments. */
  async currentThreshold(draftId: string): Promise<number> {
    const [row] = await this.db.query(
      `SELECT (SELECT tree_size::int FROM comment_log WHERE draft_id = $1) AS size,
              (SELECT concentration_threshold FROM draft_analysis_settings WHERE draft_id = $1) AS t`,
      [draftId],
    );
    return concentrationThreshold(row.size ?? 0, row.t ?? null);
  }

  async thresholdSetting(draftId: string): Promise<number | null> {
    const [row] = await this.db.query(`SELECT concentration_threshold AS t FROM draft_analysis_settings WHERE draft_id = $1`, [draftId]);
    return row?.t ?? null;
  }

  async updateSettings(draftId: string, user: Principal, dto: AnalysisSettingsDto): Promise<Analysis> {
    const draft = await this.drafts.findVisible(draftId, user);
    this.drafts.assertStaff(draft, user, 'organizer');
    await this.db.query(
      `INSERT INTO draft_analysis_settings (draft_id, concentration_threshold, updated_by, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (draft_id) DO UPDATE SET concentration_threshold = excluded.concentration_threshold, updated_by = excluded.updated_by, updated_at = now()`,
      [draftId, dto.concentrationThreshold, user.id],
    );
    return this.read(draftId);
  }

  /** Marks a cluster concentrated below the threshold (or follows the threshold again). */
  async flagCluster(draftId: string, clusterId: string, user: Principal, dto: ClusterFlagDto): Promise<ClusterView> {
    const draft = await this.drafts.findVisible(draftId, user);
    this.drafts.assertStaff(draft, user, 'organizer');
    const res = await this.db.query(`UPDATE comment_cluster SET concentrated_override = $3 WHERE id = $1 AND draft_id = $2 RETURNING id`, [
      clusterId,
      draftId,
      dto.concentrated,
    ]);
    if (!res[0]?.length) throw new NotFound('cluster');
    const [view] = await this.clusters(draftId, await this.currentThreshold(draftId), clusterId);
    return view;
  }


}
