import { SerialByKey } from '../../../common/async/serial-by-key';
import { withPooledClient } from '../../../common/database/pooled-client';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { extractKeywords } from '../../analysis/keywords';
import { NearDuplicateIndex, signature } from '../../analysis/near-duplicate';

/** Comments read at a time; when that many are waiting the pass is catching up, and stores them at once. */
const CHUNK = 10_000;
/**
 * Comments stored per transaction when the pass is just behind the intake. Those transactions run
 * while the intake rewrites its hot rows, and PostgreSQL cannot prune those rows until they end.
 */
const LIVE_STORE = 250;
/**
 * The pass normally runs in the worker, but the API runs it too when staff read the analysis or
 * publish a report: its in-memory loops give way to requests and live broadcasts every SLICE
 * comments (a 10,000-comment chunk in one go stalled the event loop for ~1 s under load).
 */
const SLICE = 1000;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const LEASE = `interval '15 seconds'`;
const STATE_COLUMNS = `clustered_seq::int AS cursor, owner, coalesce(lease_until > now(), false) AS leased`;
/** runChunk's answer when another process stored the same range first: read again and go on. */
const OVERTAKEN = -1;

interface AnalysisState {
  cursor: number;
  owner: string | null;
  leased: boolean;
}

interface DraftIndex {
  index: NearDuplicateIndex;
  /** The last seq added to `index`; equal to comment_analysis_state.clustered_seq when in step. */
  cursor: number;
}

/**
 * Near-duplicate clustering and keyword counts, just behind the intake and off the request path.
 * Each pass reads the texts after the stored cursor in log order, segments them (jieba) and
 * computes their MinHash signatures, feeds those to the draft's in-memory index and stores the
 * signatures, cluster sizes, memberships and keyword counts with the new cursor in one
 * transaction. The index is rebuilt from stored signatures only when it is not in step with the
 * database (first use in this process, or another process ran the pass meanwhile); a lease in
 * comment_analysis_state keeps one process doing it per draft (the worker's AnalysisScheduler).
 */
@Injectable()
export class AnalysisPass implements OnApplicationShutdown {
  private readonly logger = new Logger(AnalysisPass.name);
  private readonly instance = randomUUID();
  private readonly indexes = new Map<string, DraftIndex>();
  // One pass at a time per draft in this process; a later call waits and then runs its own.
  private readonly passes = new SerialByKey();
  private closing = false;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Runs passes until every stored comment is analysed. `force` ignores another process's lease
   * (the report needs the clusters complete now). `hold` keeps the lease afterwards: the worker's
   * scheduler will be back in a moment with its index in step; anyone else lets it go when done.
   */
  catchUp(draftId: string, opts: PassOptions = {}): Promise<void> {
    return this.passes.run(draftId, () => this.runUntilDone(draftId, opts));
  }

  /**
   * For readers (the staff's analysis page): the analysis up to the comments stored by now, whoever
   * runs the pass, waiting at most `ms`; after that, what is stored.
   */
  async settle(draftId: string, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    const sleep = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t)).unref());
    for (;;) {
      await Promise.race([this.catchUp(draftId).catch(() => undefined), sleep(deadline - Date.now())]);
      if (Date.now() >= deadline || !(await this.draftsBehind(draftId)).length) return;
      await sleep(Math.min(50, deadline - Date.now()));
    }
  }

  /** Lets go of this process's leases (on shutdown), so another process takes over at once. */
  async releaseLeases(): Promise<void> {
    await this.db.query(`UPDATE comment_analysis_state SET lease_until = NULL WHERE owner = $1 AND lease_until IS NOT NULL`, [this.instance]);
  }

  /** Drafts whose log is ahead of their analysis: all of them, or only `draftId`. */
  async draftsBehind(draftId?: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT l.draft_id AS id FROM comment_log l LEFT JOIN comment_analysis_state s USING (draft_id)
        WHERE l.tree_size > coalesce(s.clustered_seq, 0) AND ($1::uuid IS NULL OR l.draft_id = $1)`,
      [draftId ?? null],
    );
    return rows.map((r) => r.id);
  }

  private async runUntilDone(draftId: string, opts: PassOptions): Promise<void> {
    for (;;) {
      if (this.closing) return;
      const done = await this.runChunk(draftId, opts);
      // A full chunk: there may be more. Overtaken: another process stored that range first.
      if (done !== CHUNK && done !== OVERTAKEN) return;
    }
  }

  /**
   * One chunk: reads the texts after the cursor and analyses them with no transaction open, then
   * stores the result in short transactions (LIVE_STORE comments each, or the whole chunk when
   * catching up), each only if the cursor has not moved meanwhile. A transaction held open across
   * the analysis (tens of milliseconds of jieba and MinHash, back to back) kept PostgreSQL from
   * pruning the rows the intake rewrites with every batch (the log head, the per-unit counters),
   * and the intake's statements then cost several times more.
   * Returns how many comments it analysed, or OVERTAKEN.
   */
  private async runChunk(draftId: string, { force = false, hold = false }: PassOptions): Promise<number> {
    const state = await this.readState(draftId);
    if (this.leasedElsewhere(state, force)) return 0;
    const rows: CommentText[] = await this.db.query(
      `SELECT id, seq::int AS seq, text FROM comment WHERE draft_id = $1 AND seq > $2 ORDER BY seq LIMIT ${CHUNK}`,
      [draftId, state.cursor],
    );
    // Nothing new: no lease taken, and no index rebuilt just to find that out.
    if (!rows.length) return 0;
    let mem = this.indexes.get(draftId);
    if (!mem || mem.cursor !== state.cursor) mem = await this.rebuild(draftId, state.cursor);
    // From here on the in-memory index runs ahead of the database until the last store commits.
    this.indexes.delete(draftId);
    const catchingUp = rows.length === CHUNK;
    const step = catchingUp ? CHUNK : LIVE_STORE;
    let cursor = state.cursor;
    for (let from = 0; from < rows.length; from += step) {
      const part = rows.slice(from, from + step);
      const found = await analyse(mem.index, part);
      const next = part[part.length - 1].seq;
      if (!(await this.storeAt(draftId, cursor, next, found, { force, keepLease: hold || catchingUp }))) return OVERTAKEN;
      cursor = next;
    }
    this.indexes.set(draftId, { index: mem.index, cursor });
    return rows.length;
  }

  /** Stores one analysed range and moves the cursor from `from` to `to`; false if it is no longer at `from`. */
  private storeAt(draftId: string, from: number, to: number, found: PassResult, opts: { force: boolean; keepLease: boolean }): Promise<boolean> {
    return withPooledClient(this.db, async (client) => {
      await client.query('BEGIN');
      const now = await this.lockState(client, draftId);
      if (now.cursor !== from || this.leasedElsewhere(now, opts.force)) {
        await client.query('ROLLBACK');
        return false;
      }
      await this.store(client, draftId, found);
      await client.query(
        `UPDATE comment_analysis_state SET clustered_seq = $2, owner = $3, lease_until = CASE WHEN $4::boolean THEN now() + ${LEASE} END
          WHERE draft_id = $1`,
        [draftId, to, this.instance, opts.keepLease],
      );
      await client.query('COMMIT');
      return true;
    });
  }

  /** Another process holds the draft's lease (ignored when `force`d: the report needs the pass now). */
  private leasedElsewhere(state: AnalysisState, force: boolean): boolean {
    return state.leased && state.owner !== this.instance && !force;
  }

  private async readState(draftId: string): Promise<AnalysisState> {
    const [state] = await this.db.query(`SELECT ${STATE_COLUMNS} FROM comment_analysis_state WHERE draft_id = $1`, [draftId]);
    return state ?? { cursor: 0, owner: null, leased: false };
  }

  private async lockState(client: PoolClient, draftId: string): Promise<AnalysisState> {
    await client.query(`INSERT INTO comment_analysis_state (draft_id) VALUES ($1) ON CONFLICT DO NOTHING`, [draftId]);
    const { rows } = await client.query(`SELECT ${STATE_COLUMNS} FROM comment_analysis_state WHERE draft_id = $1 FOR UPDATE`, [draftId]);
    return rows[0];
  }

  /** Replays the stored signatures up to `cursor` in log order: the same sequence gives the same clusters. */
  private async rebuild(draftId: string, cursor: number): Promise<DraftIndex> {
    const index = new NearDuplicateIndex();
    for (let after = 0; after < cursor; ) {
      const rows: Array<{ id: string; seq: number; signature: string }> = await this.db.query(
        `SELECT comment_id AS id, seq::int AS seq, signature FROM comment_signature
          WHERE draft_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT 50000`,
        [draftId, after, cursor],
      );
      if (!rows.length) break;
      for (let i = 0; i < rows.length; i++) {
        if (i % SLICE === SLICE - 1) await yieldToLoop();
        index.add(rows[i].id, rows[i].signature);
      }
      after = rows[rows.length - 1].seq;
    }
    return { index, cursor };
  }

  private async store(client: PoolClient, draftId: string, found: PassResult): Promise<void> {
    await client.query(
      `INSERT INTO comment_signature (draft_id, seq, comment_id, signature)
       SELECT $1, * FROM unnest($2::bigint[], $3::uuid[], $4::text[])`,
      [draftId, found.signed.seqs, found.signed.ids, found.signed.signatures],
    );
    if (found.clusterIds.length) {
      // A cluster row appears when its second member arrives; the leader joins as a member then.
      // A cluster is new here if its size is just what this range added (an existing one had at
      // least two members already): only those leaders are looked up and filed.
      await client.query(
        `WITH x AS (SELECT * FROM unnest($2::uuid[], $3::int[]) AS x(k, n)),
         upserted AS (
           INSERT INTO comment_cluster AS c (id, draft_id, size, sample_comment_id)
           SELECT k, $1, n + 1, k FROM x
           ON CONFLICT (id) DO UPDATE SET size = c.size + excluded.size - 1
           RETURNING id, size)
         INSERT INTO comment_cluster_member (comment_id, cluster_id, seq)
         SELECT u.id, u.id, m.seq FROM upserted u JOIN x ON x.k = u.id AND u.size = x.n + 1 JOIN comment m ON m.id = u.id
         ON CONFLICT (comment_id) DO NOTHING`,
        [draftId, found.clusterIds, found.joined],
      );
      await client.query(
        `INSERT INTO comment_cluster_member (comment_id, cluster_id, seq)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[])`,
        [found.memberIds, found.memberClusters, found.memberSeqs],
      );
    }
    if (found.terms.length) {
      await client.query(
        `INSERT INTO comment_keyword_stats AS k (draft_id, term, count)
         SELECT $1, t, n FROM unnest($2::text[], $3::bigint[]) AS x(t, n)
         ON CONFLICT (draft_id, term) DO UPDATE SET count = k.count + excluded.count`,
        [draftId, found.terms, found.termCounts],
      );
    }
  }

  onApplicationShutdown(): Promise<unknown> {
    this.closing = true;
    return this.passes.settled();
  }
}

export interface PassOptions {
  force?: boolean;
  hold?: boolean;
}

interface CommentText {
  id: string;
  seq: number;
  text: string;
}

interface PassResult {
  /** Every analysed comment's signature, stored for rebuilding the index. */
  signed: { seqs: number[]; ids: string[]; signatures: string[] };
  clusterIds: string[];
  joined: number[];
  memberIds: string[];
  memberClusters: string[];
  memberSeqs: number[];
  terms: string[];
  termCounts: number[];
}

/**
 * Computes each comment's features (keywords by jieba, MinHash signature) and feeds the signatures
 * to the index; collects new memberships per cluster and keyword counts.
 */
export async function analyse(index: NearDuplicateIndex, rows: CommentText[]): Promise<PassResult> {
  const joined = new Map<string, number>();
  const out: PassResult = { signed: { seqs: [], ids: [], signatures: [] }, clusterIds: [], joined: [], memberIds: [], memberClusters: [], memberSeqs: [], terms: [], termCounts: [] };
  const terms = new Map<string, number>();
  for (const [i, r] of rows.entries()) {
    if (i % SLICE === SLICE - 1) await yieldToLoop();
    for (const k of extractKeywords(r.text)) terms.set(k.term, (terms.get(k.term) ?? 0) + 1);
    const sig = signature(r.text);
    out.signed.seqs.push(r.seq);
    out.signed.ids.push(r.id);
    out.signed.signatures.push(sig);
    const cluster = index.add(r.id, sig);
    if (cluster === r.id) continue; // leads a new cluster of one: nothing to store yet
    joined.set(cluster, (joined.get(cluster) ?? 0) + 1);
    out.memberIds.push(r.id);
    out.memberClusters.push(cluster);
    out.memberSeqs.push(r.seq);
  }
  for (const [k, n] of joined) {
    out.clusterIds.push(k);
    out.joined.push(n);
  }
  for (const [t, n] of terms) {
    out.terms.push(t);
    out.termCounts.push(n);
  }
  return out;
}
