// The tamper-evident comment log of one draft: an RFC 6962 / RFC 9162 Merkle tree whose leaves are
// the comments in `seq` order (leafIndex = seq - 1). Pure functions over Buffers, Node crypto only,
// so that docs/verify-receipt.md can be reproduced by anyone in any language.
import { hash as oneShotHash } from 'node:crypto';
import { canonicalJson } from '../../../common/hashing/canonical-json';

export const HASH_SIZE = 32;
const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/**
 * Exactly the fields of a comment that go into its leaf, as published next to the proof.
 * The leaf is SHA-256(0x00 || UTF-8(RFC 8785 canonical JSON of this object)), so every field must
 * be present with exactly this spelling and type; absent optional values are `null`, never
 * omitted (canonical JSON drops `undefined` keys, which would make the published form ambiguous).
 *
 * - `id`, `draftId`: UUIDs as lower-case strings.
 * - `version`: the draft version the comment was made on (integer from 1).
 * - `seq`: position in the draft's log, from 1; the leaf index is `seq - 1`.
 * - `anchor`: the unit anchor commented on; `planIndex`: the alternative plan (from 0) or null.
 * - `quote`: `{start, end}` UTF-16 offsets into the unit text, or null.
 * - `stance`: support | oppose | amend | question | other.
 * - `text`: the comment text exactly as submitted (no trimming, no Unicode normalisation).
 * - `channel`: web | email | letter | fax | symposium | phone.
 * - `receivedAt`: ISO 8601 string as produced by `Date.prototype.toISOString()` (UTC, `Z`, ms).
 * - `authorRef`: an opaque pseudonymous id of the author (not the account id, no name, email or
 *   phone): the log proves a comment was recorded and kept, it must not publish who wrote it.
 */
export type LoggedComment = {
  id: string;
  draftId: string;
  version: number;
  seq: number;
  anchor: string;
  planIndex: number | null;
  quote: { start: number; end: number } | null;
  stance: 'support' | 'oppose' | 'amend' | 'question' | 'other';
  text: string;
  channel: 'web' | 'email' | 'letter' | 'fax' | 'symposium' | 'phone';
  receivedAt: string;
  authorRef: string;
};

function sha256(data: Buffer): Buffer {
  // crypto.hash (Node >= 20.12) is about twice as fast as createHash() for small inputs, which
  // dominates the cost of building proofs over large trees.
  return oneShotHash('sha256', data, 'buffer');
}

/** SHA-256 of the empty string: the root of the empty tree (RFC 6962 §2.1). */
export const EMPTY_ROOT: Buffer = sha256(Buffer.alloc(0));

/** Leaf hash of raw leaf bytes: SHA-256(0x00 || data). */
export function leafHashBytes(data: Buffer | Uint8Array): Buffer {
  const buf = Buffer.allocUnsafe(1 + data.length);
  buf[0] = LEAF_PREFIX;
  buf.set(data, 1);
  return sha256(buf);
}

/** Leaf hash of a comment: SHA-256(0x00 || UTF-8 of its canonical JSON). */
export function leafHash(comment: object): Buffer {
  return leafHashOfJson(canonicalJson(comment));
}

/** Leaf hash of a comment's canonical JSON, already written (loggedCommentJson). */
export function leafHashOfJson(json: string): Buffer {
  const buf = Buffer.allocUnsafe(1 + Buffer.byteLength(json, 'utf8'));
  buf[0] = LEAF_PREFIX;
  buf.write(json, 1, 'utf8');
  return sha256(buf);
}

/** Interior node: SHA-256(0x01 || left || right). */
export function nodeHash(left: Buffer, right: Buffer): Buffer {
  const buf = Buffer.allocUnsafe(1 + left.length + right.length);
  buf[0] = NODE_PREFIX;
  left.copy(buf, 1);
  right.copy(buf, 1 + left.length);
  return sha256(buf);
}

/** The largest power of two strictly smaller than n (n >= 2): the RFC 6962 split point. */
export function splitPoint(n: number): number {
  if (n < 2) throw new RangeError('split needs at least two leaves');
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  // Not `n & (n - 1)`: bit operators wrap at 2^31.
  return n > 0 && Number.isInteger(Math.log2(n));
}

/** MTH(D[n]) of RFC 6962 §2.1, written straight from the definition (the reference for tests). */
export function merkleRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY_ROOT;
  const mth = (start: number, n: number): Buffer => {
    if (n === 1) return leaves[start];
    const k = splitPoint(n);
    return nodeHash(mth(start, k), mth(start + k, n - k));
  };
  return mth(0, leaves.length);
}

/**
 * Builds roots and inclusion proofs over an append-only list of leaf hashes. Roots of perfect,
 * aligned subtrees never change once their leaves exist, so they are memoised per level: the first
 * proof over n leaves costs about n hashes, later ones (any index, any size up to the number of
 * leaves seen) only touch the memo and the ragged right edge, O(log n) hashes.
 */
export class MerkleProofBuilder {
  // memo[level][i] = root of leaves [i * 2^level, (i + 1) * 2^level); level 0 is read from getLeaf.
  private readonly memo: Buffer[][] = [];

  constructor(private readonly getLeaf: (index: number) => Buffer) {}

  /** Convenience for a leaf array that only grows (the builder keeps reading from it). */
  static fromLeaves(leaves: readonly Buffer[]): MerkleProofBuilder {
    return new MerkleProofBuilder((i) => {
      if (i < 0 || i >= leaves.length) throw new RangeError(`no leaf ${i}`);
      return leaves[i];
    });
  }

  /** Root of the perfect subtree at `level` with position `index` within that level. */
  private perfectRoot(level: number, index: number): Buffer {
    if (level === 0) return this.getLeaf(index);
    const row = (this.memo[level] ??= []);
    let h = row[index];
    if (h === undefined) {
      h = nodeHash(this.perfectRoot(level - 1, 2 * index), this.perfectRoot(level - 1, 2 * index + 1));
      row[index] = h;
    }
    return h;
  }

  /**
   * Roots of the complete subtrees of 2^level leaves among the first `leafCount` leaves, in order.
   * Persist them (e.g. level 8, one hash per 256 comments) and `preload` them after a restart:
   * a cold proof then hashes at most one 2^level block instead of the whole tree.
   */
  perfectRoots(level: number, leafCount: number): Buffer[] {
    const count = Math.floor(leafCount / 2 ** level);
    return Array.from({ length: count }, (_, i) => this.perfectRoot(level, i));
  }

  /** Seeds the memo with stored roots of `perfectRoots(level, ...)`, starting at subtree `first`. */
  preload(level: number, roots: readonly Buffer[], first = 0): void {
    if (level < 1) throw new RangeError('level 0 is the leaves themselves');
    const row = (this.memo[level] ??= []);
    roots.forEach((h, i) => {
      if (h.length !== HASH_SIZE) throw new RangeError('a subtree root is 32 bytes');
      row[first + i] = h;
    });
  }

  /** MTH of leaves [start, start + n); every start reached by the RFC recursion is aligned. */
  subtreeRoot(start: number, n: number): Buffer {
    if (n === 0) return EMPTY_ROOT;
    if (isPowerOfTwo(n) && start % n === 0) return this.perfectRoot(Math.log2(n), start / n);
    const k = splitPoint(n);
    return nodeHash(this.subtreeRoot(start, k), this.subtreeRoot(start + k, n - k));
  }

  root(treeSize: number): Buffer {
    return this.subtreeRoot(0, treeSize);
  }

  /** PATH(index, D[treeSize]) of RFC 6962 §2.1.1, leaf-side sibling first. */
  inclusionProof(index: number, treeSize: number): Buffer[] {
    if (!Number.isInteger(index) || !Number.isInteger(treeSize) || index < 0 || index >= treeSize) {
      throw new RangeError(`leaf ${index} is not in a tree of size ${treeSize}`);
    }
    const path: Buffer[] = [];
    // Walk down from the root, remembering the sibling subtrees, then reverse (bottom-up order).
    let start = 0;
    let n = treeSize;
    let m = index;
    while (n > 1) {
      const k = splitPoint(n);
      if (m < k) {
        path.push(this.subtreeRoot(start + k, n - k));
        n = k;
      } else {
        path.push(this.subtreeRoot(start, k));
        start += k;
        m -= k;
        n -= k;
      }
    }
    return path.reverse();
  }
}

/** PATH(index, D[n]) over a full leaf array. Reuse a MerkleProofBuilder for many proofs. */
export function inclusionProof(leaves: readonly Buffer[], index: number): Buffer[] {
  return MerkleProofBuilder.fromLeaves(leaves).inclusionProof(index, leaves.length);
}

/**
 * RFC 9162 §2.1.3.2, step by step, deliberately sharing nothing with the tree-building code above
 * so that a bug there cannot hide itself here. Arithmetic instead of bit operators keeps it correct
 * past 2^31 leaves.
 */
export function verifyInclusion(
  leaf: Buffer,
  index: number,
  treeSize: number,
  path: readonly Buffer[],
  expectedRoot: Buffer,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0) return false;
  if (index >= treeSize) return false;
  if (leaf.length !== HASH_SIZE || expectedRoot.length !== HASH_SIZE) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of path) {
    if (p.length !== HASH_SIZE || sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        // fn is a left child with no right sibling: climb until it becomes a right child.
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(expectedRoot);
}

/** Serialized accumulator: the perfect-subtree roots from left (largest) to right, in hex. */
export type AccumulatorState = { size: number; frontier: string[] };

/**
 * Keeps the root of a growing log in O(log n) memory and time per append: the "frontier" holds the
 * roots of the perfect subtrees that the binary expansion of `size` splits the leaves into, largest
 * first. The RFC 6962 root is those roots folded from the right.
 */
export class MerkleAccumulator {
  private frontier: Buffer[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  append(leaf: Buffer): Buffer {
    if (leaf.length !== HASH_SIZE) throw new RangeError('a leaf hash is 32 bytes');
    let h = leaf;
    // Each trailing 1 bit of the old size is a perfect subtree of the same height to merge with.
    for (let s = this.count; s % 2 === 1; s = Math.floor(s / 2)) {
      h = nodeHash(this.frontier.pop() as Buffer, h);
    }
    this.frontier.push(h);
    this.count += 1;
    return this.root();
  }

  root(): Buffer {
    if (this.count === 0) return EMPTY_ROOT;
    let r = this.frontier[this.frontier.length - 1];
    for (let i = this.frontier.length - 2; i >= 0; i--) r = nodeHash(this.frontier[i], r);
    return r;
  }

  toJSON(): AccumulatorState {
    return { size: this.count, frontier: this.frontier.map(toHex) };
  }

  static restore(state: AccumulatorState): MerkleAccumulator {
    const { size, frontier } = state;
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError('bad accumulator size');
    // One frontier entry per 1 bit of size: a mismatch means the stored state is corrupt.
    let bits = 0;
    for (let s = size; s > 0; s = Math.floor(s / 2)) bits += s % 2;
    if (frontier.length !== bits) throw new RangeError('frontier does not match size');
    const acc = new MerkleAccumulator();
    acc.frontier = frontier.map((h) => fromHex(h, HASH_SIZE));
    acc.count = size;
    return acc;
  }
}

export function toHex(b: Buffer): string {
  return b.toString('hex');
}

/** Strict hex decoding: Buffer.from(x, 'hex') silently truncates at the first bad character. */
export function fromHex(hex: string, expectedBytes?: number): Buffer {
  if (typeof hex !== 'string' || !/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new Error('not a hex string');
  const b = Buffer.from(hex, 'hex');
  if (expectedBytes !== undefined && b.length !== expectedBytes) {
    throw new Error(`expected ${expectedBytes} bytes, got ${b.length}`);
  }
  return b;
}
