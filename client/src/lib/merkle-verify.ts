// Checks a comment receipt in the browser, trusting nothing the server computed except the hashes
// it has to publish: RFC 6962 hashing (leaf = SHA-256(0x00 || data), node = SHA-256(0x01 || l || r))
// and the RFC 9162 §2.1.3.2 inclusion-proof verification, with Web Crypto's SHA-256.
// docs/verify-receipt.md describes the same procedure for people verifying outside the site.

export type Bytes = Uint8Array<ArrayBuffer>;

export function fromHex(hex: string): Bytes | null {
  if (typeof hex !== 'string' || !/^(?:[0-9a-fA-F]{2})*$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function sha256(...parts: Uint8Array[]): Promise<Bytes> {
  const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    data.set(p, at);
    at += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
}

const LEAF = Uint8Array.of(0x00);
const NODE = Uint8Array.of(0x01);

/**
 * RFC 8785 canonical JSON: object keys sorted by UTF-16 code units at every level, no whitespace,
 * strings and numbers as ECMAScript's JSON.stringify writes them (which is what JCS specifies).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('JSON has no infinite numbers');
    const s = JSON.stringify(value);
    if (s === undefined) throw new Error('value has no JSON form');
    return s;
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** Leaf hash of a logged comment record: SHA-256(0x00 || UTF-8(canonical JSON)). */
export function leafHashOf(record: unknown): Promise<Bytes> {
  return sha256(LEAF, new TextEncoder().encode(canonicalJson(record)));
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Bytes> {
  return sha256(NODE, left, right);
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** RFC 9162 §2.1.3.2: does `path` lead from `leaf` at `index` to `root` of a tree of `treeSize`? */
export async function verifyInclusion(leaf: Uint8Array, index: number, treeSize: number, path: Uint8Array[], root: Uint8Array): Promise<boolean> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) return false;
  if (leaf.length !== 32 || root.length !== 32) return false;
  // Division instead of bit shifts: shifts wrap past 2^31 leaves.
  let fn = index;
  let sn = treeSize - 1;
  let r: Uint8Array = leaf;
  for (const p of path) {
    if (p.length !== 32 || sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(r, root);
}

export interface ProofInput {
  leafIndex: number;
  leafHash: string;
  treeSize: number;
  rootHash: string;
  path: string[];
  /** The logged comment, given to its author and the unit's staff: lets the leaf be recomputed. */
  comment?: unknown;
}

export interface ReceiptInput {
  leafIndex: number;
  leafHash: string;
  treeSize: number;
  rootHash: string;
}

export type FailReason = 'leafMismatch' | 'recordMismatch' | 'badHex' | 'pathMismatch' | 'receiptRootMismatch';

export interface ProofCheck {
  ok: boolean;
  reason?: FailReason;
}

/** One inclusion proof for the leaf the resident holds; with the logged record, its hash too. */
export async function checkProof(receiptLeafHash: string, proof: ProofInput): Promise<ProofCheck> {
  const leaf = fromHex(receiptLeafHash);
  const root = fromHex(proof.rootHash);
  const path = proof.path.map(fromHex);
  if (!leaf || leaf.length !== 32 || !root || path.some((p) => p === null)) return { ok: false, reason: 'badHex' };
  if (proof.leafHash.toLowerCase() !== receiptLeafHash.toLowerCase()) return { ok: false, reason: 'leafMismatch' };
  if (proof.comment !== undefined && !equal(await leafHashOf(proof.comment), leaf)) return { ok: false, reason: 'recordMismatch' };
  const ok = await verifyInclusion(leaf, proof.leafIndex, proof.treeSize, path as Uint8Array[], root);
  return ok ? { ok } : { ok, reason: 'pathMismatch' };
}

/**
 * A receipt checked twice: in the tree it was issued for (whose root the receipt states, so the
 * server cannot have rewritten that history) and in the current tree (whose root is the one the
 * adoption report publishes).
 */
export async function checkReceipt(receipt: ReceiptInput, atReceipt: ProofInput, now: ProofInput): Promise<ProofCheck> {
  if (atReceipt.treeSize !== receipt.treeSize || atReceipt.rootHash.toLowerCase() !== receipt.rootHash.toLowerCase()) {
    return { ok: false, reason: 'receiptRootMismatch' };
  }
  const first = await checkProof(receipt.leafHash, atReceipt);
  if (!first.ok) return first;
  return checkProof(receipt.leafHash, now);
}
