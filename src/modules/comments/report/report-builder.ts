// Reads everything the participation report states, inside the publishing transaction (the log
// row is locked, so no comment can arrive between the counts and the root).
import type { EntityManager } from 'typeorm';
import { MAIN_TEXT, type Outcome, type Stance } from '../comment.constants';
import { isConcentrated } from '../analysis/concentration';
import type { ClusterState } from '../dispositions/disposition-rules';
import { REPORT_FORMAT, type ReportCluster, type ReportComment, type ReportSnapshot, type ReportUnit } from './report-snapshot';

/** Clusters whose R8 state the report checks: concentrated ones, with their not-adopted members. */
export async function clusterStates(m: EntityManager, draftId: string, threshold: number): Promise<ClusterState[]> {
  const rows = await m.query(
    `SELECT k.id, k.size, k.concentrated_override AS flagged, k.outcome, k.reason,
            (SELECT count(*)::int FROM comment_cluster_member cm JOIN comment_disposition d ON d.comment_id = cm.comment_id
             WHERE cm.cluster_id = k.id AND d.outcome = 'not_adopted') AS "notAdopted"
     FROM comment_cluster k WHERE k.draft_id = $1 AND (k.size >= $2 OR k.concentrated_override)`,
    [draftId, threshold],
  );
  return rows.map((r: any) => ({ ...r, concentrated: isConcentrated(r.size, threshold, r.flagged) }));
}

export async function undisposedCount(m: EntityManager, draftId: string): Promise<number> {
  const [row] = await m.query(
    `SELECT count(*)::int AS n FROM comment c WHERE c.draft_id = $1
     AND NOT EXISTS (SELECT 1 FROM comment_disposition d WHERE d.comment_id = c.id)`,
    [draftId],
  );
  return row.n;
}

export interface SnapshotInput {
  draft: { id: string; title: string | null; version: number; commentOpensAt: Date | null; commentClosesAt: Date | null };
  reportVersion: number;
  publishedAt: Date;
  publishedBy: { id: string; name: string | null };
  log: { treeSize: number; rootHash: string };
  threshold: number;
}

export async function buildSnapshot(m: EntityManager, input: SnapshotInput): Promise<ReportSnapshot> {
  const draftId = input.draft.id;
  // Reading order of the units commented on, for the per-article summary.
  const unitOrder = new Map<string, number>();
  const comments: ReportComment[] = (
    await m.query(
      `SELECT c.id, c.seq::int AS seq, c.leaf_hash AS "leafHash", c.version, c.anchor, c.plan_index AS "planIndex", u.label AS "unitLabel", u.ord AS "unitOrd",
              c.quote_start AS qs, c.quote_end AS qe, c.quote_text AS qt, c.stance, c.channel, c.received_at AS "receivedAt",
              c.author_name AS name, c.author_email AS email, c.author_phone AS phone, c.author_address AS address, c.text,
              coalesce(mo.hidden, false) AS hidden, CASE WHEN mo.hidden THEN mo.reason END AS "hiddenReason",
              cm.cluster_id AS "clusterId", d.outcome, d.basis, d.reason, d.cluster_id AS "dispositionClusterId"
       FROM comment c
       JOIN comment_disposition d ON d.comment_id = c.id
       LEFT JOIN comment_moderation mo ON mo.comment_id = c.id
       LEFT JOIN comment_cluster_member cm ON cm.comment_id = c.id
       LEFT JOIN draft_unit u ON u.draft_id = c.draft_id AND u.version = c.version AND u.plan_index = c.plan_index AND u.anchor = c.anchor
       WHERE c.draft_id = $1 ORDER BY c.seq`,
      [draftId],
    )
  ).map((r: any) => {
    unitOrder.set(unitKey(r.version, r.planIndex === MAIN_TEXT ? null : r.planIndex, r.anchor), r.unitOrd ?? 0);
    return reportComment(r);
  });
  const byId = new Map(comments.map((c) => [c.id, c]));

  const clusters: ReportCluster[] = (
    await m.query(
      `SELECT k.id, k.size, k.concentrated_override AS flagged, k.outcome, k.basis, k.reason, k.sample_comment_id AS "sampleId",
              array(SELECT cm.comment_id FROM comment_cluster_member cm WHERE cm.cluster_id = k.id ORDER BY cm.seq) AS "commentIds"
       FROM comment_cluster k WHERE k.draft_id = $1 ORDER BY k.size DESC, k.id`,
      [draftId],
    )
  ).map((r: any) => {
    const sample = byId.get(r.sampleId);
    return {
      id: r.id,
      size: r.size,
      concentrated: isConcentrated(r.size, input.threshold, r.flagged),
      sample: { id: r.sampleId, text: sample?.text ?? null, hidden: sample?.hidden ?? false },
      outcome: r.outcome,
      basis: r.basis,
      reason: r.reason,
      commentIds: r.commentIds,
    };
  });

  const [people] = await m.query(
    `SELECT count(DISTINCT coalesce('u:' || author_id::text,
              'o:' || lower(author_name) || '|' || coalesce(lower(author_email), '') || '|' || coalesce(author_phone, '')))::int AS n
     FROM comment WHERE draft_id = $1`,
    [draftId],
  );

  return {
    format: REPORT_FORMAT,
    reportVersion: input.reportVersion,
    publishedAt: input.publishedAt.toISOString(),
    publishedBy: input.publishedBy,
    draft: {
      id: draftId,
      title: input.draft.title,
      version: input.draft.version,
      commentOpensAt: input.draft.commentOpensAt?.toISOString() ?? null,
      commentClosesAt: input.draft.commentClosesAt?.toISOString() ?? null,
    },
    log: input.log,
    totals: {
      comments: comments.length,
      participants: people.n,
      hidden: comments.filter((c) => c.hidden).length,
      byChannel: tally(comments, (c) => c.channel),
      byStance: tally(comments, (c) => c.stance),
      byOutcome: tally(comments, (c) => c.disposition.outcome),
    },
    concentrationThreshold: input.threshold,
    units: perUnit(comments, unitOrder),
    clusters,
    comments,
  };
}

function reportComment(r: any): ReportComment {
  return {
    id: r.id,
    seq: r.seq,
    leafHash: r.leafHash,
    version: r.version,
    anchor: r.anchor,
    planIndex: r.planIndex === MAIN_TEXT ? null : r.planIndex,
    unitLabel: r.unitLabel,
    quote: r.qs === null ? null : { start: r.qs, end: r.qe, text: r.qt },
    stance: r.stance,
    channel: r.channel,
    receivedAt: new Date(r.receivedAt).toISOString(),
    author: { name: r.name, email: r.email, phone: r.phone, address: r.address },
    text: r.text,
    hidden: r.hidden,
    hiddenReason: r.hiddenReason,
    clusterId: r.clusterId,
    disposition: { outcome: r.outcome, basis: r.basis, reason: r.reason, clusterId: r.dispositionClusterId },
  };
}

function tally<T, K extends string>(items: readonly T[], key: (t: T) => K): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const it of items) out[key(it)] = (out[key(it)] ?? 0) + 1;
  return out;
}

const unitKey = (version: number, planIndex: number | null, anchor: string) => `${version}|${planIndex ?? -1}|${anchor}`;

/** The per-article summary: every unit commented on, in reading order (version, main text, plans). */
function perUnit(comments: readonly ReportComment[], order: ReadonlyMap<string, number>): ReportUnit[] {
  const units = new Map<string, ReportUnit>();
  for (const c of comments) {
    const key = unitKey(c.version, c.planIndex, c.anchor);
    let u = units.get(key);
    if (!u) {
      u = { version: c.version, anchor: c.anchor, planIndex: c.planIndex, label: c.unitLabel, total: 0, byStance: {}, byOutcome: {} };
      units.set(key, u);
    }
    u.total++;
    u.byStance[c.stance as Stance] = (u.byStance[c.stance as Stance] ?? 0) + 1;
    u.byOutcome[c.disposition.outcome as Outcome] = (u.byOutcome[c.disposition.outcome as Outcome] ?? 0) + 1;
  }
  const ord = (u: ReportUnit) => order.get(unitKey(u.version, u.planIndex, u.anchor)) ?? 0;
  return [...units.values()].sort((a, b) => a.version - b.version || (a.planIndex ?? -1) - (b.planIndex ?? -1) || ord(a) - ord(b));
}
