import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../common/auth/principal';
import { InvalidInput, NotFound } from '../../../common/errors/domain-error';
import { DraftsService } from '../../drafts/drafts.service';
import { LeafStore } from './leaf-store';
import { loggedComment } from './logged-comment';
import { EMPTY_ROOT, toHex, type LoggedComment } from './merkle';

export interface LogHead {
  treeSize: number;
  rootHash: string;
}

export interface InclusionProof extends LogHead {
  leafIndex: number;
  leafHash: string;
  path: string[];
  /** The logged JSON, for its author and the unit's staff only: the text may hold personal data (R19). */
  comment?: LoggedComment;
}

/** Drafts whose leaves are kept in memory for proofs. */
const CACHED_LOGS = 16;

/** The published side of each draft's comment log: its head and inclusion proofs (RFC 6962). */
@Injectable()
export class CommentLogService {
  private readonly stores = new Map<string, LeafStore>();
  private readonly loading = new Map<string, Promise<void>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly drafts: DraftsService,
  ) {}

  async head(draftId: string, user?: Principal): Promise<LogHead> {
    await this.drafts.findVisible(draftId, user);
    return this.readHead(draftId);
  }

  async readHead(draftId: string): Promise<LogHead> {
    const [row] = await this.db.query(`SELECT tree_size::int AS size, root_hash FROM comment_log WHERE draft_id = $1`, [draftId]);
    return row ? { treeSize: row.size, rootHash: row.root_hash } : { treeSize: 0, rootHash: toHex(EMPTY_ROOT) };
  }

  /**
   * PATH(leafIndex, D[treeSize]) for a comment, by default in the current tree; `treeSize` from a
   * receipt or a report proves inclusion in that earlier tree. The root is recomputed from the
   * stored leaves, never copied from a column, so it can be compared with a published root.
   */
  async proof(commentId: string, user: Principal | undefined, treeSize?: number): Promise<InclusionProof> {
    const [c] = await this.db.query(
      `SELECT c.id, c.draft_id AS "draftId", c.version, c.seq::int AS seq, c.anchor, c.plan_index AS "planIndex",
              c.quote_start AS "quoteStart", c.quote_end AS "quoteEnd", c.stance, c.text, c.channel,
              c.received_at AS "receivedAt", c.author_ref AS "authorRef", c.author_id AS "authorId", c.leaf_hash AS "leafHash"
       FROM comment c WHERE c.id = $1`,
      [commentId],
    );
    if (!c) throw new NotFound('comment');
    const draft = await this.drafts.findVisible(c.draftId, user);
    const head = await this.readHead(c.draftId);
    const size = treeSize ?? head.treeSize;
    if (size < c.seq) throw new InvalidInput('comment_log.tree_too_small', `treeSize ${size} is smaller than this comment's position ${c.seq}: it was not yet in that tree`, { treeSize: size, seq: c.seq });
    if (size > head.treeSize) throw new InvalidInput('comment_log.tree_too_large', `treeSize ${size} is larger than the log (${head.treeSize} comments)`, { treeSize: size, logSize: head.treeSize });
    const store = await this.leaves(c.draftId, size);
    const proof: InclusionProof = {
      leafIndex: c.seq - 1,
      leafHash: c.leafHash,
      treeSize: size,
      rootHash: toHex(store.builder.root(size)),
      path: store.builder.inclusionProof(c.seq - 1, size).map(toHex),
    };
    const mayReadText = (user && user.id === c.authorId) || this.drafts.isStaff(draft, user);
    if (mayReadText) proof.comment = loggedComment(c);
    return proof;
  }

  /** The draft's leaf store holding at least `size` leaves (loaded incrementally from the database). */
  private async leaves(draftId: string, size: number): Promise<LeafStore> {
    let store = this.stores.get(draftId);
    if (store) this.stores.delete(draftId); // re-inserted below: most recently used last
    store ??= new LeafStore();
    this.stores.set(draftId, store);
    if (this.stores.size > CACHED_LOGS) this.stores.delete(this.stores.keys().next().value!);
    // Loads of one draft run one after the other: two concurrent ones would append the same leaves.
    const loaded = (this.loading.get(draftId) ?? Promise.resolve()).then(() => this.fill(draftId, store, size));
    const settled = loaded.catch(() => undefined);
    this.loading.set(draftId, settled);
    settled.then(() => this.loading.get(draftId) === settled && this.loading.delete(draftId));
    await loaded;
    return store;
  }

  private async fill(draftId: string, store: LeafStore, size: number): Promise<void> {
    while (store.size < size) {
      const rows: Array<{ leaf_hash: string }> = await this.db.query(
        `SELECT leaf_hash FROM comment WHERE draft_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT 100000`,
        [draftId, store.size, size],
      );
      if (rows.length === 0) throw new Error(`the log of draft ${draftId} has a gap after ${store.size}`);
      store.append(rows.map((r) => r.leaf_hash));
    }
  }
}
