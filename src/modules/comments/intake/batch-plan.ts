// One group commit, decided in memory while the draft's log row is locked: which submissions are
// stored (with consecutive seqs, their leaves and the log root after each), which are replays of
// a stored Idempotency-Key, and which are refused because the window moved under the cache.
import { DomainError } from '../../../common/errors/domain-error';
import { leafHashOfJson, MerkleAccumulator, toHex, type AccumulatorState } from '../log/merkle';
import { loggedCommentJson } from '../log/logged-comment';
import { keyReused, offlineWindowProblem, webWindowProblem, type WindowState } from './intake-rules';
import { idempotencyScope, receiptOf, type CommentReceipt, type Submission } from './submission';

/** A stored comment found under the same Idempotency-Key. */
export interface StoredKey {
  requestHash: string;
  receipt: CommentReceipt;
}

export interface PlannedRow {
  sub: Submission;
  seq: number;
  leafHash: string;
  rootHash: string;
}

export type ItemOutcome = { ok: true; receipt: CommentReceipt; stored: boolean } | { ok: false; error: DomainError };

export interface BatchPlan {
  rows: PlannedRow[];
  outcomes: ItemOutcome[];
  log: AccumulatorState & { rootHash: string };
}

export const keyOf = (s: Pick<Submission, 'authorId' | 'enteredBy' | 'channel'>, key: string): string => `${idempotencyScope(s)}|${key}`;

export function planBatch(
  log: AccumulatorState,
  draft: WindowState,
  subs: readonly Submission[],
  stored: ReadonlyMap<string, StoredKey>,
): BatchPlan {
  const acc = MerkleAccumulator.restore(log);
  const rows: PlannedRow[] = [];
  // Keys taken within this batch (the batcher already joins concurrent retries; this is the guard).
  const fresh = new Map<string, StoredKey>();
  const outcomes = subs.map((sub): ItemOutcome => {
    const key = sub.idempotencyKey ? keyOf(sub, sub.idempotencyKey) : null;
    const prior = key ? (stored.get(key) ?? fresh.get(key)) : undefined;
    if (prior) {
      return prior.requestHash === sub.requestHash ? { ok: true, receipt: prior.receipt, stored: false } : { ok: false, error: keyReused() };
    }
    const at = sub.receivedAt.getTime();
    const problem = sub.channel === 'web' ? webWindowProblem(draft, at, sub.version) : offlineWindowProblem(draft, at, sub.version);
    if (problem) return { ok: false, error: problem };

    const seq = acc.size + 1;
    const leafBytes = leafHashOfJson(loggedCommentJson(sub, seq));
    const leaf = toHex(leafBytes);
    const root = toHex(acc.append(leafBytes));
    rows.push({ sub, seq, leafHash: leaf, rootHash: root });
    const receipt = receiptOf(sub.id, seq, leaf, root);
    if (key) fresh.set(key, { requestHash: sub.requestHash!, receipt });
    return { ok: true, receipt, stored: true };
  });
  return { rows, outcomes, log: { ...acc.toJSON(), rootHash: toHex(acc.root()) } };
}
