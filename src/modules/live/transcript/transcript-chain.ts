// The hash chain of a hearing transcript and its seal: pure functions, Node crypto only, so that
// docs/transcript-seal.md can be reproduced by anyone in any language.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../common/hashing/canonical-json';

export const SEAL_ALGORITHM = 'hearing-transcript-seal/1';
/** The `prev_hash` of segment 1, revision 1: 32 zero bytes. */
export const GENESIS_HASH = '0'.repeat(64);

/** Exactly what is hashed for one revision of one segment. `at` is `Date#toISOString()`. */
export interface SegmentContent {
  hearingId: string;
  seq: number;
  revision: number;
  speaker: string;
  role: string;
  text: string;
  at: string;
}

function sha256Hex(...parts: Buffer[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

/**
 * The object hashed for a revision. A first revision leaves `revision` out (it is implied), so
 * the live chain reads {hearingId, seq, speaker, role, text, at}; later revisions name it.
 */
export function hashedObject(c: SegmentContent): Record<string, string | number> {
  const base = { hearingId: c.hearingId, seq: c.seq, speaker: c.speaker, role: c.role, text: c.text, at: c.at };
  return c.revision === 1 ? base : { ...base, revision: c.revision };
}

/**
 * SHA-256(prev || UTF-8(canonical JSON)), prev being the 32 raw bytes of the previous hash:
 * for a first revision the previous segment's first revision (GENESIS_HASH for seq 1), for a
 * later revision the revision before it of the same segment.
 */
export function segmentHash(prevHash: string, c: SegmentContent): string {
  if (!/^[0-9a-f]{64}$/.test(prevHash)) throw new Error('prevHash must be 64 lower-case hex digits');
  return sha256Hex(Buffer.from(prevHash, 'hex'), Buffer.from(canonicalJson(hashedObject(c)), 'utf8'));
}

export interface SealedRepresentative {
  seatId: string;
  category: string;
  /** ISO time of the confirmation, or null for a representative who had not confirmed (R14). */
  confirmedAt: string | null;
}

/** The published seal record; its hash is SHA-256(UTF-8(canonical JSON of this object)). */
export interface SealRecord {
  algorithm: typeof SEAL_ALGORITHM;
  hearingId: string;
  lastSeq: number;
  /** Hash of the last first revision: the head of the chain written live. */
  chainHead: string;
  /** The final (highest) revision of every segment, in seq order. */
  segments: Array<{ seq: number; revision: number; hash: string }>;
  /** Every representative who had to confirm, by seat id (code-point order). */
  representatives: SealedRepresentative[];
  confirmationDeadline: string;
  sealedAt: string;
}

export function sealHash(record: SealRecord): string {
  return sha256Hex(Buffer.from(canonicalJson(record as unknown as Parameters<typeof canonicalJson>[0]), 'utf8'));
}

export interface ChainRevision extends SegmentContent {
  prevHash: string;
  hash: string;
}

/**
 * Checks every stored revision against its content and its predecessor, and returns the first
 * problem found, or null when the whole chain holds. Revisions may come in any order.
 */
export function verifyChain(revisions: ChainRevision[]): string | null {
  const byKey = new Map(revisions.map((r) => [`${r.seq}/${r.revision}`, r]));
  const sorted = [...revisions].sort((a, b) => a.seq - b.seq || a.revision - b.revision);
  let expectedSeq = 1;
  for (const r of sorted) {
    if (r.revision === 1) {
      if (r.seq !== expectedSeq) return `segment ${expectedSeq} is missing`;
      expectedSeq++;
    }
    const prev = r.revision === 1 ? (r.seq === 1 ? GENESIS_HASH : byKey.get(`${r.seq - 1}/1`)?.hash) : byKey.get(`${r.seq}/${r.revision - 1}`)?.hash;
    if (prev === undefined) return `segment ${r.seq} revision ${r.revision} has no predecessor`;
    if (r.prevHash !== prev) return `segment ${r.seq} revision ${r.revision} does not follow its predecessor`;
    if (segmentHash(prev, r) !== r.hash) return `segment ${r.seq} revision ${r.revision} does not match its hash`;
  }
  return null;
}
