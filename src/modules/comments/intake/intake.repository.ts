import { SerialByKey } from '../../../common/async/serial-by-key';
import { isUniqueViolation } from '../../../common/database/pg-errors';
import { pgPool, withPooledClient } from '../../../common/database/pooled-client';
import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { OverloadMonitor } from '../../../common/overload/overload.monitor';
import type { AccumulatorState } from '../log/merkle';
import { keyOf, planBatch, type BatchPlan, type StoredKey } from './batch-plan';
import { CommitPipeline } from './commit-pipeline';
import { buildContext, type DraftContext } from './draft-context';
import type { WindowState } from './intake-rules';
import { INSERT_IF_HEAD, INSERT_LOCKED, LOCK_LOG, STORED_KEYS } from './intake.sql';
import { receiptOf, type Submission } from './submission';

/** Log heads remembered per process (one per draft receiving comments). */
const MAX_HEADS = 1000;

/** The log head and draft state this process last saw under the lock or wrote itself. */
interface KnownHead {
  log: AccumulatorState;
  root: string;
  epoch: number;
  window: WindowState;
}

/**
 * SQL of the intake: the draft context it caches, and the group commit. The hot path talks to pg
 * directly (named prepared statements, no query builder): the one-statement commits on pipelined
 * connections of their own (CommitPipeline), the locked path on TypeORM's pool.
 *
 * A group commit first tries one autocommit statement planned against the head this process
 * wrote last (the usual case with one writer per draft); if the head moved (another instance, a
 * report publication), the draft changed state or a key is already stored, it plans the batch
 * again in a transaction holding the log row lock, which also serialises API instances.
 */
@Injectable()
export class IntakeRepository {
  private readonly heads = new Map<string, KnownHead>();
  // The optimistic statement last sent per draft: resolves to whether it moved the head.
  private readonly inFlight = new Map<string, Promise<boolean>>();
  // Commits under the lock run one at a time per draft in this process.
  private readonly lockedCommits = new SerialByKey();
  private readonly logger = new Logger(IntakeRepository.name);
  private readonly pipeline = new CommitPipeline(() => pgPool(this.db).options);
  /**
   * Group commits by path (shown by /api/health): a lone writer's should nearly all be one
   * statement, and a one-statement commit should rarely need sending twice.
   */
  readonly commits = { oneStatement: 0, underLock: 0, resent: 0 };

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Optional() monitor?: OverloadMonitor,
  ) {
    monitor?.gauge('intakeCommitsOneStatement', () => this.commits.oneStatement);
    monitor?.gauge('intakeCommitsUnderLock', () => this.commits.underLock);
    monitor?.gauge('intakeStatementsResent', () => this.commits.resent);
  }

  async loadContext(draftId: string): Promise<DraftContext | null> {
    const [draft] = await this.db.query(
      `SELECT id, unit_id, status, version, public_version, comment_opens_at, comment_closes_at FROM draft WHERE id = $1`,
      [draftId],
    );
    if (!draft) return null;
    const units: Array<{ planIndex: number; anchor: string; text: string }> = await this.db.query(
      `SELECT plan_index AS "planIndex", anchor, text FROM draft_unit WHERE draft_id = $1 AND version = $2`,
      [draftId, draft.version],
    );
    return buildContext(
      {
        id: draft.id,
        unitId: draft.unit_id,
        status: draft.status,
        version: draft.version,
        publicVersion: draft.public_version,
        opensAt: draft.comment_opens_at ? new Date(draft.comment_opens_at).getTime() : null,
        closesAt: draft.comment_closes_at ? new Date(draft.comment_closes_at).getTime() : null,
      },
      units,
    );
  }

  /** A stored comment under this key (a replay arriving when the window no longer accepts it). */
  async findByKey(scope: { authorId: string | null; enteredBy: string | null; web: boolean }, key: string): Promise<StoredKey | null> {
    const rows = await this.db.query(
      scope.web
        ? `SELECT id, seq::int AS seq, leaf_hash, root_hash, request_hash FROM comment WHERE author_id = $1 AND idempotency_key = $2`
        : `SELECT id, seq::int AS seq, leaf_hash, root_hash, request_hash FROM comment WHERE author_id IS NULL AND entered_by = $1 AND idempotency_key = $2`,
      [scope.web ? scope.authorId : scope.enteredBy, key],
    );
    return rows[0] ? { requestHash: rows[0].request_hash, receipt: receiptOf(rows[0].id, rows[0].seq, rows[0].leaf_hash, rows[0].root_hash) } : null;
  }

  /** Stores a batch of one draft's submissions; each outcome says stored, replayed or refused. */
  async commitBatch(draftId: string, subs: readonly Submission[]): Promise<BatchPlan> {
    // A batch planned while commits under the lock are still queued would take the head the first
    // of them leaves, find it moved by the next and fall back too: under load the fallbacks kept
    // each other going (two in three commits under the lock, 40 % fewer comments/s). Planned after
    // them, it starts from the head the last one left.
    await this.lockedCommits.drained(draftId);
    const plan = await this.tryOptimistic(draftId, subs).catch(() => null);
    if (plan) {
      this.commits.oneStatement++;
      return plan;
    }
    this.commits.underLock++;
    return this.lockedCommits.run(draftId, () => this.commitUnderLock(draftId, subs));
  }

  private async commitUnderLock(draftId: string, subs: readonly Submission[]): Promise<BatchPlan> {
    try {
      return await this.commitLocked(draftId, subs);
    } catch (e) {
      // A concurrent request elsewhere took one of the keys: plan again, now seeing it.
      if (!isUniqueViolation(e)) throw e;
      return this.commitLocked(draftId, subs);
    }
  }

  /**
   * The one-statement commit against the remembered head. The head after this batch is remembered
   * before the statement is sent, so the batcher can plan and send the next batch while this one
   * is still running: on the draft's pipelined connection (CommitPipeline) PostgreSQL runs it right
   * after this one. Should it still find the head not yet moved (this one was sent again after a
   * lost connection), it is sent once more when the batch before it has landed.
   */
  private async tryOptimistic(draftId: string, subs: readonly Submission[]): Promise<BatchPlan | null> {
    const known = this.heads.get(draftId);
    if (!known) return null;
    const plan = planBatch(known.log, known.window, subs, new Map());
    if (plan.rows.length === 0) return null;
    const next: KnownHead = { log: plan.log, root: plan.log.rootHash, epoch: known.epoch + 1, window: known.window };
    this.remember(draftId, next);
    const previous = this.inFlight.get(draftId);
    const send = () => this.insertIfHead(draftId, plan, known, subs).catch((e: unknown) => this.statementFailed(e));
    // What the next batch waits for is this batch's final outcome, retry included: were it only the
    // first attempt, a batch that overtook this one while this one was itself retrying would give up
    // and take the lock path, and every batch planned on top of it after it.
    const outcome = (async () => {
      const moved = await send();
      if (moved || !previous || !(await previous)) return moved;
      this.commits.resent++;
      return send();
    })();
    this.inFlight.set(draftId, outcome);
    const moved = await outcome;
    if (this.inFlight.get(draftId) === outcome) this.inFlight.delete(draftId);
    if (moved) return plan;
    // Batches planned on top of this one fail the same way and replan under the lock.
    if (this.heads.get(draftId) === next) this.heads.delete(draftId);
    return null;
  }

  /** The batch is planned again under the lock; an error here is still worth a line in the log. */
  private statementFailed(e: unknown): false {
    this.logger.warn(`one-statement group commit failed, retried under the lock: ${(e as Error).message}`);
    return false;
  }

  private async insertIfHead(draftId: string, plan: BatchPlan, expected: KnownHead, subs: readonly Submission[]): Promise<boolean> {
    const res = await this.pipeline.query(draftId, {
      name: 'comments_insert_if_head',
      text: INSERT_IF_HEAD,
      values: [
        ...insertValues(draftId, plan),
        expected.log.size,
        expected.epoch,
        expected.window.status,
        expected.window.version,
        ...keyArrays(subs),
        expected.root,
      ],
    });
    return res.rows.length === 1;
  }

  /** After the last batch: waits for the statements sent and closes the pipelined connections. */
  close(): Promise<void> {
    return this.pipeline.close();
  }

  private commitLocked(draftId: string, subs: readonly Submission[]): Promise<BatchPlan> {
    return withPooledClient(this.db, async (client) => {
      await client.query('BEGIN');
      const head = await this.lockLog(client, draftId);
      const stored = await this.storedKeys(client, subs);
      const plan = planBatch(head.log, head.window, subs, stored);
      if (plan.rows.length) await client.query({ name: 'comments_insert_locked', text: INSERT_LOCKED, values: insertValues(draftId, plan) });
      await client.query('COMMIT');
      this.remember(
        draftId,
        plan.rows.length ? { log: plan.log, root: plan.log.rootHash, epoch: head.epoch + 1, window: head.window } : head,
      );
      return plan;
    });
  }

  private remember(draftId: string, head: KnownHead): void {
    this.heads.delete(draftId);
    this.heads.set(draftId, head);
    if (this.heads.size > MAX_HEADS) this.heads.delete(this.heads.keys().next().value!);
  }

  private async lockLog(client: PoolClient, draftId: string): Promise<KnownHead> {
    let res = await client.query({ name: 'comments_lock_log', text: LOCK_LOG, values: [draftId] });
    if (res.rows.length === 0) {
      // The draft's first comment: create its log head, then lock it like every later batch.
      await client.query(`INSERT INTO comment_log (draft_id) VALUES ($1) ON CONFLICT DO NOTHING`, [draftId]);
      res = await client.query({ name: 'comments_lock_log', text: LOCK_LOG, values: [draftId] });
    }
    const r = res.rows[0];
    return {
      log: { size: r.size, frontier: r.frontier },
      root: r.root,
      epoch: r.epoch,
      window: {
        status: r.status,
        version: r.version,
        opensAt: r.opens ? new Date(r.opens).getTime() : null,
        closesAt: r.closes ? new Date(r.closes).getTime() : null,
      },
    };
  }

  private async storedKeys(client: PoolClient, subs: readonly Submission[]): Promise<Map<string, StoredKey>> {
    const found = new Map<string, StoredKey>();
    const keys = keyArrays(subs);
    if (keys[0].length + keys[2].length === 0) return found;
    const res = await client.query({ name: 'comments_stored_keys', text: STORED_KEYS, values: keys });
    for (const r of res.rows) {
      found.set(keyOf({ authorId: r.author_id, enteredBy: r.entered_by, channel: r.channel }, r.idempotency_key), {
        requestHash: r.request_hash,
        receipt: receiptOf(r.id, r.seq, r.leaf_hash, r.root_hash),
      });
    }
    return found;
  }
}

/** [web authors, their keys, offline staff, their keys] of the submissions that carry a key. */
function keyArrays(subs: readonly Submission[]): [string[], string[], string[], string[]] {
  const out: [string[], string[], string[], string[]] = [[], [], [], []];
  for (const s of subs) {
    if (!s.idempotencyKey) continue;
    const web = s.channel === 'web';
    out[web ? 0 : 2].push((web ? s.authorId : s.enteredBy)!);
    out[web ? 1 : 3].push(s.idempotencyKey);
  }
  return out;
}

function insertValues(draftId: string, plan: BatchPlan): unknown[] {
  const rows = plan.rows;
  const col = <T>(f: (r: (typeof rows)[number]) => T): T[] => rows.map(f);
  return [
    draftId,
    col((r) => r.sub.id),
    col((r) => r.sub.version),
    col((r) => r.seq),
    col((r) => r.sub.anchor),
    col((r) => r.sub.planIndex),
    col((r) => r.sub.quoteStart),
    col((r) => r.sub.quoteEnd),
    col((r) => r.sub.quoteText),
    col((r) => r.sub.stance),
    col((r) => r.sub.text),
    col((r) => r.sub.channel),
    col((r) => r.sub.receivedAt.toISOString()),
    col((r) => r.sub.authorId),
    col((r) => r.sub.authorName),
    col((r) => r.sub.authorEmail),
    col((r) => r.sub.authorPhone),
    col((r) => r.sub.authorAddress),
    col((r) => r.sub.authorRef),
    col((r) => r.sub.enteredBy),
    col((r) => r.sub.idempotencyKey),
    col((r) => r.sub.requestHash),
    col((r) => r.leafHash),
    col((r) => r.rootHash),
    plan.log.size,
    plan.log.frontier,
    plan.log.rootHash,
  ];
}
