import { StateConflict } from '../../../common/errors/domain-error';
import { leafHash, merkleRoot, MerkleAccumulator, toHex } from '../log/merkle';
import { loggedComment } from '../log/logged-comment';
import { keyOf, planBatch } from './batch-plan';
import type { WindowState } from './intake-rules';
import type { Submission } from './submission';

const window: WindowState = { status: 'open', version: 1, opensAt: 0, closesAt: Date.UTC(2030, 0, 1) };
let n = 0;
const sub = (over: Partial<Submission> = {}): Submission => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  draftId: '11111111-1111-4111-8111-111111111111',
  version: 1,
  anchor: 'a7',
  planIndex: -1,
  quoteStart: null,
  quoteEnd: null,
  quoteText: null,
  stance: 'oppose',
  text: `意见${n}`,
  channel: 'web',
  receivedAt: new Date(Date.UTC(2026, 2, 2)),
  authorId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  authorName: '王小明',
  authorEmail: null,
  authorPhone: null,
  authorAddress: null,
  authorRef: `u:${n}`,
  enteredBy: null,
  idempotencyKey: null,
  requestHash: null,
  ...over,
});

describe(planBatch.name, () => {
  it('assigns consecutive seqs after the log, with each receipt naming the tree of size seq', () => {
    const before = new MerkleAccumulator();
    const earlier = [sub(), sub()].map((s, i) => leafHash(loggedComment({ ...s, seq: i + 1 })));
    earlier.forEach((l) => before.append(l));
    const batch = [sub(), sub(), sub()];
    const plan = planBatch(before.toJSON(), window, batch, new Map());
    expect(plan.rows.map((r) => r.seq)).toEqual([3, 4, 5]);
    const leaves = [...earlier, ...plan.rows.map((r) => Buffer.from(r.leafHash, 'hex'))];
    plan.rows.forEach((r, i) => {
      expect(r.leafHash).toBe(toHex(leafHash(loggedComment({ ...batch[i], seq: 3 + i }))));
      expect(r.rootHash).toBe(toHex(merkleRoot(leaves.slice(0, 3 + i))));
    });
    expect(plan.outcomes.map((o) => o.ok && o.receipt.receipt)).toEqual(
      plan.rows.map((r) => ({ leafIndex: r.seq - 1, leafHash: r.leafHash, treeSize: r.seq, rootHash: r.rootHash })),
    );
    expect(plan.log).toMatchObject({ size: 5, rootHash: toHex(merkleRoot(leaves)) });
  });

  it('answers a stored key with the stored receipt (same body) or 409 (another body), storing nothing', () => {
    const a = sub({ idempotencyKey: 'k1', requestHash: 'h1' });
    const b = sub({ idempotencyKey: 'k2', requestHash: 'other' });
    const receipt = { id: 'x', seq: 1, receipt: { leafIndex: 0, leafHash: 'l', treeSize: 1, rootHash: 'r' } };
    const stored = new Map([
      [keyOf(a, 'k1'), { requestHash: 'h1', receipt }],
      [keyOf(b, 'k2'), { requestHash: 'h2', receipt }],
    ]);
    const plan = planBatch({ size: 1, frontier: ['00'.repeat(32)] }, window, [a, b], stored);
    expect(plan.rows).toEqual([]);
    expect(plan.outcomes[0]).toEqual({ ok: true, receipt, stored: false });
    expect(plan.outcomes[1]).toMatchObject({ ok: false, error: expect.any(StateConflict) });
    expect(plan.log.size).toBe(1);
  });

  it('stores a key once when it comes twice in one batch', () => {
    const plan = planBatch({ size: 0, frontier: [] }, window, [sub({ idempotencyKey: 'k', requestHash: 'h' }), sub({ idempotencyKey: 'k', requestHash: 'h' })], new Map());
    expect(plan.rows).toHaveLength(1);
    expect(plan.outcomes[1]).toEqual({ ok: true, receipt: (plan.outcomes[0] as { receipt: unknown }).receipt, stored: false });
  });

  it('refuses, without a gap in seq, what the locked draft row no longer accepts', () => {
    const late = sub({ receivedAt: new Date(Date.UTC(2031, 0, 1)) });
    const plan = planBatch({ size: 0, frontier: [] }, window, [sub(), late, sub()], new Map());
    expect(plan.rows.map((r) => r.seq)).toEqual([1, 2]);
    expect(plan.outcomes[1]).toMatchObject({ ok: false, error: expect.any(StateConflict) });
    const closed = planBatch({ size: 0, frontier: [] }, { ...window, status: 'reported' }, [sub()], new Map());
    expect(closed.rows).toEqual([]);
  });
});
