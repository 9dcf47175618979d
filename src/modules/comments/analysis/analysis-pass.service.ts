import { guardPooledClient } from '../../../common/database/pooled-client';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { NearDuplicateIndex } from '../../analysis/near-duplicate';

/** Comments read per transaction of the pass. */
const CHUNK = 10_000;
/**
 * The pass runs in the API process: its in-memory loops give way to requests and live broadcasts
 * every SLICE comments (a 10,000-comment chunk in one go stalled the event loop for ~1 s under load).
 */
const SLICE = 1000;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Delay after new comments before a pass starts, so that a burst is analysed in one go. */
const NUDGE_DELAY_MS = 300;
const LEASE = `interval '15 seconds'`;

interface DraftIndex {
  index: NearDuplicateIndex;
  /** The last seq added to `index`; equal to comment_analysis_state.clustered_seq when in step. */
  cursor: number;
}

/**
 * Near-duplicate clustering and keyword counts, just behind the intake and off the request path.
 * Each pass reads the comments after the stored cursor in log order, feeds their MinHash
 * signatures to the draft's in-memory index and stores cluster sizes, memberships and keyword
 * counts with the new cursor in one transaction. The index is rebuilt from stored signatures only
 * when it is not in step with the database (first use in this process, or another instance ran
 * the pass meanwhile); a lease in comment_analysis_state keeps one instance doing it per draft.
 */
@Injectable()
export class AnalysisPass implements OnApplicationShutdown {
  private readonly logger = new Logger(AnalysisPass.name);
  private readonly instance = randomUUID();
  private readonly indexes = new Map<string, DraftIndex>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  private closing = false;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private get pool(): Pool {
    return (this.db.driver as unknown as { master: Pool }).master;
  }

  /** New comments were stored: analyse them soon. */
  nudge(draftId: string): void {
    if (this.closing || this.timers.has(draftId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(draftId);
      this.catchUp(draftId).catch((e) => this.logger.warn(`analysis of draft ${draftId} failed: ${(e as Error).message}`));
    }, NUDGE_DELAY_MS);
    timer.unref();
    this.timers.set(draftId, timer);
  }

  /**
   * Runs passes until every stored comment is analysed. `force` ignores another instance's lease
   * (the report needs the clusters complete now).
   */
  catchUp(draftId: string, force = false): Promise<void> {
    // One pass at a time per draft in this process; a later call waits and then runs its own.
    const previous = this.running.get(draftId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.runUntilDone(draftId, force));
    this.running.set(draftId, next);
    const clear = () => {
      if (this.running.get(draftId) === next) this.running.delete(draftId);
    };
    next.then(clear, clear);
    return next;
  }

  private async runUntilDone(draftId: string, force: boolean): Promise<void> {
    while (!this.closing && (await this.runChunk(draftId, force)) === CHUNK);
  }

  /** One transaction; returns how many comments it analysed. */
  private async runChunk(draftId: string, force: boolean): Promise<number> {
    const client = await this.pool.connect();
    const release = guardPooledClient(client);
    let failure: unknown;
    try {
      await client.query('BEGIN');
      await client.query(`INSERT INTO comment_analysis_state (draft_id) VALUES ($1) ON CONFLICT DO NOTHING`, [draftId]);
      const [state] = (
        await client.query(
          `SELECT clustered_seq::int AS cursor, owner, coalesce(lease_until > now(), false) AS leased
           FROM comment_analysis_state WHERE draft_id = $1 FOR UPDATE`,
          [draftId],
        )
      ).rows;
      if (state.leased && state.owner !== this.instance && !force) {
        await client.query('ROLLBACK');
        return 0;
      }
      let mem = this.indexes.get(draftId);
      if (!mem || mem.cursor !== state.cursor) mem = await this.rebuild(client, draftId, state.cursor);
      // From here on the in-memory index runs ahead of the database until COMMIT.
      this.indexes.delete(draftId);
      // Keywords as one joined string: splitting it is much cheaper than parsing a text[] literal.
      const rows: Array<{ id: string; seq: number; signature: string | null; keywords: string }> = (
        await client.query(
          `SELECT id, seq::int AS seq, signature, array_to_string(keywords, chr(31)) AS keywords
           FROM comment WHERE draft_id = $1 AND seq > $2 ORDER BY seq LIMIT ${CHUNK}`,
          [draftId, state.cursor],
        )
      ).rows;
      const cursor = rows.length ? rows[rows.length - 1].seq : state.cursor;
      if (rows.length) await this.store(client, draftId, await addAll(mem.index, rows));
      await client.query(
        `UPDATE comment_analysis_state SET clustered_seq = $2, owner = $3, lease_until = now() + ${LEASE} WHERE draft_id = $1`,
        [draftId, cursor, this.instance],
      );
      await client.query('COMMIT');
      this.indexes.set(draftId, { index: mem.index, cursor });
      return rows.length;
    } catch (e) {
      failure = e;
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      release(failure);
    }
  }

  /** Replays the stored signatures up to `cursor` in log order: the same sequence gives the same clusters. */
  private async rebuild(client: PoolClient, draftId: string, cursor: number): Promise<DraftIndex> {
    const index = new NearDuplicateIndex();
    for (let after = 0; after < cursor; ) {
      const rows: Array<{ id: string; seq: number; signature: string | null }> = (
        await client.query(
          `SELECT id, seq::int AS seq, signature FROM comment WHERE draft_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT 50000`,
          [draftId, after, cursor],
        )
      ).rows;
      if (!rows.length) break;
      for (let i = 0; i < rows.length; i++) {
        if (i % SLICE === SLICE - 1) await yieldToLoop();
        if (rows[i].signature) index.add(rows[i].id, rows[i].signature!);
      }
      after = rows[rows.length - 1].seq;
    }
    return { index, cursor };
  }

  private async store(client: PoolClient, draftId: string, found: PassResult): Promise<void> {
    if (found.clusterIds.length) {
      // A cluster row appears when its second member arrives; the leader joins as a member then.
      await client.query(
        `INSERT INTO comment_cluster AS c (id, draft_id, size, sample_comment_id)
         SELECT k, $1, n + 1, k FROM unnest($2::uuid[], $3::int[]) AS x(k, n)
         ON CONFLICT (id) DO UPDATE SET size = c.size + excluded.size - 1`,
        [draftId, found.clusterIds, found.joined],
      );
      await client.query(
        `INSERT INTO comment_cluster_member (comment_id, cluster_id, seq)
         SELECT k, k, c.seq FROM unnest($1::uuid[]) AS k JOIN comment c ON c.id = k
         ON CONFLICT (comment_id) DO NOTHING`,
        [found.clusterIds],
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
    for (const t of this.timers.values()) clearTimeout(t);
    return Promise.allSettled([...this.running.values()]);
  }
}

interface PassResult {
  clusterIds: string[];
  joined: number[];
  memberIds: string[];
  memberClusters: string[];
  memberSeqs: number[];
  terms: string[];
  termCounts: number[];
}

/** Feeds rows to the index; collects new memberships per cluster and keyword counts. */
export async function addAll(index: NearDuplicateIndex, rows: Array<{ id: string; seq: number; signature: string | null; keywords: string }>): Promise<PassResult> {
  const joined = new Map<string, number>();
  const out: PassResult = { clusterIds: [], joined: [], memberIds: [], memberClusters: [], memberSeqs: [], terms: [], termCounts: [] };
  const terms = new Map<string, number>();
  for (const [i, r] of rows.entries()) {
    if (i % SLICE === SLICE - 1) await yieldToLoop();
    if (r.keywords) for (const t of r.keywords.split('\u001f')) terms.set(t, (terms.get(t) ?? 0) + 1);
    if (!r.signature) continue;
    const cluster = index.add(r.id, r.signature);
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
