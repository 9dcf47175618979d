// Near-duplicate detection for comments: campaign texts (many people sending one template) and
// copy-paste variants with small edits. Feeds the "concentrated opinions" of R8.
//
// Why MinHash + LSH rather than SimHash: a copy with edits is best measured by the Jaccard overlap
// of character shingles, which MinHash estimates directly and without bias (the share of equal
// signature slots), even for short texts. SimHash estimates cosine similarity through 64 sign bits;
// on texts of 20-200 characters its Hamming distances are noisy and a near-neighbour search in
// Hamming space needs several permuted tables anyway. LSH banding gives a tunable S-curve: with
// 16 bands of 4 rows a pair with Jaccard 0.7 becomes a candidate with probability 0.99, one with
// 0.3 with probability 0.12, and every candidate is then checked on the full signature.
//
// Stored signatures must stay comparable forever: changing NUM_HASHES, SHINGLE, the seeds or
// normalize() requires a new version prefix and recomputing all stored signatures.

const VERSION = 'mh1:';
const SHINGLE = 3;
const NUM_HASHES = 64;
const BANDS = 16;
const ROWS = NUM_HASHES / BANDS;
/** Default: estimated Jaccard of the 3-shingle sets at or above which two texts are one cluster. */
export const DEFAULT_THRESHOLD = 0.6;

// Globals bound once: inside Jest's vm sandbox every global lookup (Math, …) goes through an
// interceptor and costs ~250 ns, which made hot loops 100x slower under test than in production.
const imul = Math.imul;

// MurmurHash3's 32-bit finalizer: a bijection with full avalanche, cheap in V8 via Math.imul.
// Returns a signed int32: values stay small integers for V8 (`>>> 0` would turn half of them into
// doubles), and minima under the signed order are as good as under the unsigned one.
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

// One seed per hash function, from a fixed splitmix-style sequence (never change: see above).
const SEEDS = new Int32Array(NUM_HASHES);
for (let i = 0, x = 0x2545f491; i < NUM_HASHES; i++) {
  x = (x + 0x9e3779b9) | 0;
  SEEDS[i] = fmix32(x);
}

/**
 * Canonical form for comparison: NFKC folds full-width letters and digits to half-width, then
 * lower case, then everything that is not a letter, mark or digit (punctuation, symbols, spaces,
 * emoji) is dropped, so that "，" versus "," or an extra "！！" does not count as an edit.
 */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{M}\p{N}]+/gu, '');
}

const HEX_DIGITS = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/**
 * MinHash signature of the text's character 3-shingles: 64 hash functions, the low 16 bits of each
 * minimum (b-bit MinHash: two unequal minima agree by chance with probability 2^-16, negligible),
 * as `mh1:` + 256 hex digits. Texts shorter than three characters are one shingle.
 */
export function signature(text: string): string {
  const cps = Array.from(normalize(text), (c) => c.codePointAt(0) as number);
  const mins = new Int32Array(NUM_HASHES).fill(0x7fffffff);
  const count = cps.length === 0 ? 0 : Math.max(1, cps.length - SHINGLE + 1);
  for (let s = 0; s < count; s++) {
    // FNV-1a over the shingle's code points, then one bijective mix per hash function.
    let h = 0x811c9dc5;
    const end = s + SHINGLE < cps.length ? s + SHINGLE : cps.length;
    for (let j = s; j < end; j++) h = imul(h ^ cps[j], 0x01000193);
    h = fmix32(h);
    for (let i = 0; i < NUM_HASHES; i++) {
      const v = fmix32(h ^ SEEDS[i]);
      if (v < mins[i]) mins[i] = v;
    }
  }
  // Written as ASCII into one buffer and decoded once: a flat string. Concatenation would build a
  // rope that V8 flattens (allocates again) on first read, which showed up at a million items.
  const out = Buffer.allocUnsafe(VERSION.length + 4 * NUM_HASHES);
  out.write(VERSION, 0, 'latin1');
  for (let i = 0, p = VERSION.length; i < NUM_HASHES; i++) {
    const v = mins[i];
    out[p++] = HEX_DIGITS[(v >>> 12) & 15];
    out[p++] = HEX_DIGITS[(v >>> 8) & 15];
    out[p++] = HEX_DIGITS[(v >>> 4) & 15];
    out[p++] = HEX_DIGITS[v & 15];
  }
  return out.toString('latin1');
}

const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX_VALUE['0123456789abcdef'.charCodeAt(i)] = i;
  HEX_VALUE['0123456789ABCDEF'.charCodeAt(i)] = i;
}

/** Decodes a stored signature into `out` (64 slots); throws on anything malformed. */
export function parseSignature(sig: string, out = new Uint16Array(NUM_HASHES)): Uint16Array {
  if (typeof sig !== 'string' || sig.length !== VERSION.length + 4 * NUM_HASHES || !sig.startsWith(VERSION)) {
    throw new Error('not a mh1 near-duplicate signature');
  }
  for (let i = 0, p = VERSION.length; i < NUM_HASHES; i++) {
    let v = 0;
    for (let k = 0; k < 4; k++, p++) {
      const c = sig.charCodeAt(p);
      const d = c < 128 ? HEX_VALUE[c] : -1;
      if (d < 0) throw new Error('not a mh1 near-duplicate signature');
      v = (v << 4) | d;
    }
    out[i] = v;
  }
  return out;
}

/** Estimated Jaccard similarity of the two texts' shingle sets (share of equal slots). */
export function similarity(a: string, b: string): number {
  const x = parseSignature(a);
  const y = parseSignature(b);
  let same = 0;
  for (let i = 0; i < NUM_HASHES; i++) if (x[i] === y[i]) same++;
  return same / NUM_HASHES;
}

// Open-addressing hash table from a 32-bit band key to a cluster number (+1, so 0 means empty),
// key and value side by side in one Int32Array. At a million items an add is bound by cache misses
// (16 random probes into tables of several MB), so one probe per band serves both the lookup and
// the later insert, and a slot's key and value share a cache line. A Map per band would also hold
// millions of boxed entries for the GC to trace.
class BandTable {
  private slots = new Int32Array(2 * 1024);
  private used = 0;

  /** Makes room for one more key; call before find() so that the slot it returns stays valid. */
  reserve(): void {
    if (4 * (this.used + 1) > this.slots.length) this.grow();
  }

  /** The slot holding `key`, or the empty slot where it would go. */
  find(key: number): number {
    const mask = (this.slots.length >> 1) - 1;
    for (let i = fmix32(key) & mask; ; i = (i + 1) & mask) {
      if (this.slots[2 * i + 1] === 0 || this.slots[2 * i] === key) return i;
    }
  }

  valueAt(slot: number): number {
    return this.slots[2 * slot + 1];
  }

  /** Fills an empty slot returned by find(); the first cluster to reach a bucket keeps it. */
  claim(slot: number, key: number, value: number): void {
    if (this.slots[2 * slot + 1] !== 0) return;
    this.slots[2 * slot] = key;
    this.slots[2 * slot + 1] = value;
    this.used++;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1] !== 0) this.claim(this.find(old[i]), old[i], old[i + 1]);
    }
  }
}

/**
 * Incremental leader clustering. Each cluster is represented by its first member (the leader); its
 * key is that member's id. A new item joins the most similar leader reached through a shared LSH
 * bucket whose estimated Jaccard is at least the threshold (ties: the older cluster), otherwise it
 * leads a new cluster. Comparing with leaders only, not with every member, keeps clusters tight
 * (no chaining A~B~C~…~Z) and each add O(bands). The result depends only on the sequence of
 * (id, signature) pairs, so replaying stored signatures in arrival order rebuilds the same index.
 */
export class NearDuplicateIndex {
  private readonly tables = Array.from({ length: BANDS }, () => new BandTable());
  private leaderIds: string[] = [];
  private leaderSigs = new Uint16Array(NUM_HASHES * 1024);
  private items = 0;
  private readonly sig = new Uint16Array(NUM_HASHES);
  private readonly bandKeys = new Int32Array(BANDS);
  private readonly bandSlots = new Int32Array(BANDS);
  private readonly candidates = new Int32Array(BANDS);
  private readonly maxMismatches: number;

  constructor(readonly threshold = DEFAULT_THRESHOLD) {
    if (!(threshold > 0 && threshold <= 1)) throw new RangeError('threshold must be in (0, 1]');
    this.maxMismatches = Math.floor(NUM_HASHES * (1 - threshold) + 1e-9);
  }

  /** Number of items added. */
  get size(): number {
    return this.items;
  }

  get clusterCount(): number {
    return this.leaderIds.length;
  }

  /** Adds an item and returns its cluster key (the id of the cluster's first member). */
  add(id: string, signature: string | Uint16Array): string {
    const sig = typeof signature === 'string' ? parseSignature(signature, this.sig) : signature;
    if (sig.length !== NUM_HASHES) throw new Error('a signature has 64 slots');
    this.items++;

    let nCand = 0;
    for (let b = 0; b < BANDS; b++) {
      const o = b * ROWS;
      const key = fmix32((sig[o] << 16) | sig[o + 1]) ^ imul(fmix32((sig[o + 2] << 16) | sig[o + 3]), 0x27d4eb2d);
      const table = this.tables[b];
      table.reserve();
      const slot = table.find(key);
      this.bandKeys[b] = key;
      this.bandSlots[b] = slot;
      const c = table.valueAt(slot) - 1;
      if (c < 0) continue;
      let seen = false;
      for (let k = 0; k < nCand; k++) if (this.candidates[k] === c) seen = true;
      if (!seen) this.candidates[nCand++] = c;
    }

    let best = -1;
    let bestMismatches = this.maxMismatches + 1;
    for (let k = 0; k < nCand; k++) {
      const c = this.candidates[k];
      const m = this.mismatches(sig, c, bestMismatches);
      if (m < bestMismatches || (m === bestMismatches && best >= 0 && c < best)) {
        best = c;
        bestMismatches = m;
      }
    }

    let cluster = best;
    if (cluster < 0) {
      cluster = this.leaderIds.length;
      this.leaderIds.push(id);
      if ((cluster + 1) * NUM_HASHES > this.leaderSigs.length) {
        const bigger = new Uint16Array(this.leaderSigs.length * 2);
        bigger.set(this.leaderSigs);
        this.leaderSigs = bigger;
      }
      this.leaderSigs.set(sig, cluster * NUM_HASHES);
    }
    // Members also claim still-empty buckets for their cluster: a later variant that shares a band
    // only with a member is then still compared with that member's leader.
    for (let b = 0; b < BANDS; b++) this.tables[b].claim(this.bandSlots[b], this.bandKeys[b], cluster + 1);
    return this.leaderIds[cluster];
  }

  // Mismatching slots between sig and the leader of cluster c, stopping once past `limit`.
  private mismatches(sig: Uint16Array, c: number, limit: number): number {
    const base = c * NUM_HASHES;
    let m = 0;
    for (let i = 0; i < NUM_HASHES && m <= limit; i++) if (this.leaderSigs[base + i] !== sig[i]) m++;
    return m;
  }
}
