// The representative draw, algorithm `hearing-draw/1` (see /docs/draw-verification.md and the
// "Draw record" section of the API contract). Commit-reveal on a SHA-256 hash chain plus a
// ranking by keyed hash in the manner of draft-thomson-elegy-vrs: nobody can predict the order
// before both the chain value (organizer) and the public randomness (outside world) exist, and
// anyone can recompute it from the published record alone.
import { createHash, createHmac } from 'node:crypto';
import { rfc3797KeyString, rfc3797Ranking, type Rfc3797Source } from './rfc3797';

export type DrawAlgorithm = 'hearing-draw/1' | 'rfc3797';
export type DrawMethod = 'ranked' | 'all-selected' | 'self-recommended';

export interface DrawCategoryInput {
  category: string; // e.g. 'resident'; with `cell` the record key becomes 'resident:东城区'
  cell?: string; // optional quota cell (e.g. a district): a partition ranked on its own
  quota: number;
  labels: readonly string[]; // pseudonymous labels, any order
  selfRecommended?: boolean; // 自行推荐: labels are the ones already chosen, no draw
}

export interface DrawInput {
  algorithm?: DrawAlgorithm; // default 'hearing-draw/1'
  commitment: string; // hex H^n(secret), published before sign-up closed
  n: number;
  k: number; // draw iteration: 1 first, 2 for a re-draw, ...
  chainValue: string; // hex H^(n-k)(secret)
  randomnessSource: string; // as announced: lottery and date, drand round, witnessed dice
  randomness?: string; // the value; for 'rfc3797' derived from rfc3797Sources
  rfc3797Sources?: Rfc3797Source[];
  categories: readonly DrawCategoryInput[];
}

export interface DrawCategory {
  category: string; // key: 'resident', or 'resident:东城区' for a quota cell
  method: DrawMethod;
  quota: number;
  labels: string[]; // canonical order: by code point
  listHash: string;
  positions: string[]; // hex, aligned with labels; empty for self-recommended
  selected: string[]; // both in ranking order
  alternates: string[];
}

export interface DrawRecord {
  algorithm: DrawAlgorithm;
  commitment: string;
  n: number;
  k: number;
  chainValue: string;
  randomnessSource: string;
  randomness: string; // as entered; NFC is applied when it is used
  rfc3797Sources?: Rfc3797Source[]; // only for 'rfc3797'; randomness is then their key string
  categories: DrawCategory[]; // in code point order of their keys
}

const sha256 = (data: Buffer): Buffer => createHash('sha256').update(data).digest();
const HEX = /^(?:[0-9a-f]{2})+$/;

/** [H^0(s), H^1(s), ..., H^n(s)] in hex; H^0 is the secret's UTF-8 bytes. */
export function hashChain(secret: string, n: number): string[] {
  if (!Number.isInteger(n) || n < 1) throw new Error('hashChain: n must be a positive integer');
  let value: Buffer = Buffer.from(secret, 'utf8');
  const chain = [value.toString('hex')];
  for (let i = 0; i < n; i++) {
    value = sha256(value);
    chain.push(value.toString('hex'));
  }
  return chain;
}

/** True when hashing the chain value's bytes k times gives the commitment. */
export function verifyChainValue(chainValue: string, commitment: string, k: number): boolean {
  if (typeof chainValue !== 'string' || !HEX.test(chainValue)) return false;
  if (typeof commitment !== 'string' || !/^[0-9a-f]{64}$/.test(commitment)) return false;
  if (!Number.isInteger(k) || k < 1) return false;
  let value: Buffer = Buffer.from(chainValue, 'hex');
  for (let i = 0; i < k; i++) value = sha256(value);
  return value.toString('hex') === commitment;
}

/**
 * Code point order without allocating. UTF-16 unit order differs from code point order only
 * when a surrogate (U+D800–DFFF) meets a unit in U+E000–FFFF, so those are shifted apart.
 */
export function compareCodePoints(a: string, b: string): number {
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800) x += x <= 0xdfff ? 0x2000 : -0x800;
    if (y >= 0xd800) y += y <= 0xdfff ? 0x2000 : -0x800;
    return x - y;
  }
  return a.length - b.length;
}

/** Labels sorted by code point; refuses duplicates and empty or multi-line labels. */
export function canonicalLabels(labels: readonly string[]): string[] {
  for (const label of labels as unknown[]) {
    // A newline would make the joined frozen list ambiguous.
    if (typeof label !== 'string' || label === '' || label.includes('\n')) {
      throw new Error(`invalid label ${JSON.stringify(label)}`);
    }
  }
  const sorted = [...labels].sort(compareCodePoints);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) throw new Error(`duplicate label ${sorted[i]}`);
  }
  return sorted;
}

/** SHA-256 (hex) of the UTF-8 labels sorted by code point and joined with '\n'. */
export function frozenListHash(labels: readonly string[]): string {
  return createHash('sha256').update(canonicalLabels(labels).join('\n'), 'utf8').digest('hex');
}

/** HKDF-Extract (RFC 5869) with SHA-256: HMAC(key = salt, message = IKM). */
export function hkdfExtract(salt: Buffer, ikm: Buffer): Buffer {
  return createHmac('sha256', salt).update(ikm).digest();
}

/** HKDF-Expand with SHA-256 for L = 32: one block, T(1) = HMAC(PRK, info || 0x01). */
export function hkdfExpand32(prk: Buffer, info: Buffer): Buffer {
  return createHmac('sha256', prk).update(info).update(Buffer.of(1)).digest();
}

/** PRK from the revealed chain value (salt) and the public randomness (IKM, NFC, UTF-8). */
export function drawPrk(chainValue: string, randomness: string): Buffer {
  const ikm = Buffer.from(randomness.normalize('NFC'), 'utf8');
  return hkdfExtract(Buffer.from(chainValue, 'hex'), ikm);
}

/** An applicant's position: HKDF-Expand(PRK, "<category>|<label>", 32) in hex. */
export function positionOf(prk: Buffer, category: string, label: string): string {
  return hkdfExpand32(prk, Buffer.from(`${category}|${label}`, 'utf8')).toString('hex');
}

// Category keys: '|' would make the info string ambiguous, '\n' would break printed lists.
function categoryKey(input: { category: unknown; cell?: unknown }): string {
  const { category, cell } = input;
  if (typeof category !== 'string' || category === '' || /[|\n]/.test(category)) {
    throw new Error(`invalid category ${JSON.stringify(category)}`);
  }
  if (cell === undefined) return category;
  if (typeof cell !== 'string' || cell === '' || /[|\n]/.test(cell) || category.includes(':')) {
    throw new Error(`invalid quota cell ${JSON.stringify(cell)} of ${category}`);
  }
  return `${category}:${cell}`;
}

// The ranking key of one draw: PRK for hearing-draw/1, the key string for rfc3797.
type Ranker = (category: string, labels: string[]) => { order: string[]; positions: string[] };

function rankerFor(algorithm: DrawAlgorithm, chainValue: string, randomness: string): Ranker {
  if (algorithm === 'rfc3797') return (_category, labels) => rfc3797Ranking(labels, randomness);
  const prk = drawPrk(chainValue, randomness);
  return (category, labels) => {
    const positions = labels.map((label) => positionOf(prk, category, label));
    // Lower-case hex compares like the bytes; ties (never seen in practice) go by label.
    const order = labels.map((_, i) => i);
    order.sort((a, b) => {
      if (positions[a] !== positions[b]) return positions[a] < positions[b] ? -1 : 1;
      return compareCodePoints(labels[a], labels[b]);
    });
    return { order: order.map((i) => labels[i]), positions };
  };
}

// One category of the record, from its key, canonical labels and quota. The whole ranking is
// kept, so a higher quota only moves the split between selected and alternates (prefix property).
function computeCategory(
  rank: Ranker, category: string, labels: string[], quota: number, selfRecommended: boolean,
): DrawCategory {
  if (!Number.isSafeInteger(quota) || quota < 0) throw new Error(`invalid quota for ${category}`);
  const listHash = frozenListHash(labels);
  if (selfRecommended && labels.length > quota) {
    throw new Error(`${category}: ${labels.length} chosen for ${quota} seats`);
  }
  const { order, positions } = selfRecommended ? { order: labels, positions: [] } : rank(category, labels);
  let method: DrawMethod = labels.length <= quota ? 'all-selected' : 'ranked';
  if (selfRecommended) method = 'self-recommended';
  const [selected, alternates] = [order.slice(0, quota), order.slice(quota)];
  return { category, method, quota, labels, listHash, positions, selected, alternates };
}

function checkChain(commitment: string, n: number, k: number, chainValue: string): string | null {
  if (!Number.isSafeInteger(n) || n < 1) return 'n must be a positive integer';
  if (!Number.isSafeInteger(k) || k < 1 || k > n) return 'k must be an integer from 1 to n';
  if (typeof commitment !== 'string' || !/^[0-9a-f]{64}$/.test(commitment)) {
    return 'commitment must be 64 lower-case hex digits';
  }
  if (typeof chainValue !== 'string' || !HEX.test(chainValue)) return 'chainValue must be lower-case hex';
  if (!verifyChainValue(chainValue, commitment, k)) {
    return `chain value hashed ${k} time(s) does not give the commitment`;
  }
  return null;
}

/** Performs the draw. Throws when the chain value does not open the commitment. */
export function runDraw(input: DrawInput): DrawRecord {
  const algorithm = input.algorithm ?? 'hearing-draw/1';
  if (algorithm !== 'hearing-draw/1' && algorithm !== 'rfc3797') {
    throw new Error(`unknown algorithm ${String(algorithm)}`);
  }
  const commitment = String(input.commitment).toLowerCase();
  const chainValue = String(input.chainValue).toLowerCase();
  const chainError = checkChain(commitment, input.n, input.k, chainValue);
  if (chainError) throw new Error(chainError);
  if (typeof input.randomnessSource !== 'string' || input.randomnessSource === '') {
    throw new Error('randomnessSource is required');
  }
  let randomness = input.randomness;
  if (algorithm === 'rfc3797') {
    const key = rfc3797KeyString(input.rfc3797Sources ?? []);
    if (randomness !== undefined && randomness !== key) {
      throw new Error('randomness must equal the RFC 3797 key string');
    }
    randomness = key;
  }
  if (typeof randomness !== 'string' || randomness === '') throw new Error('randomness is required');

  const rank = rankerFor(algorithm, chainValue, randomness);
  const seen = new Set<string>();
  const keys = new Set<string>();
  const categories = input.categories.map((c) => {
    const key = categoryKey(c);
    if (keys.has(key)) throw new Error(`category ${key} given twice`);
    keys.add(key);
    const labels = canonicalLabels(c.labels);
    // One applicant, one partition: a label in two categories could take two seats.
    for (const label of labels) {
      if (seen.has(label)) throw new Error(`label ${label} appears in more than one category`);
      seen.add(label);
    }
    return computeCategory(rank, key, labels, c.quota, c.selfRecommended === true);
  });
  categories.sort((a, b) => compareCodePoints(a.category, b.category));
  const { n, k, randomnessSource } = input;
  const record: DrawRecord = { algorithm, commitment, n, k, chainValue, randomnessSource, randomness, categories };
  if (algorithm === 'rfc3797') record.rfc3797Sources = input.rfc3797Sources;
  return record;
}

const sameList = (a: unknown, b: readonly string[]): boolean =>
  Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);
const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((x) => typeof x === 'string');
const METHODS: readonly unknown[] = ['ranked', 'all-selected', 'self-recommended'];

// Checks one published category against a recomputation; returns what differs, or null.
// Throws (caught by the caller) on malformed labels, keys or quotas.
function checkCategory(rank: Ranker, c: DrawCategory, seen: Set<string>): string | null {
  const lists = [c.labels, c.positions, c.selected, c.alternates];
  if (!lists.every(isStringList)) return 'malformed lists';
  if (!METHODS.includes(c.method)) return 'unknown method';
  const labels = canonicalLabels(c.labels);
  if (!sameList(c.labels, labels)) return 'labels not in canonical order';
  for (const label of labels) {
    if (seen.has(label)) return `label ${label} also appears in another category`;
    seen.add(label);
  }
  const expected = computeCategory(rank, c.category, labels, c.quota, c.method === 'self-recommended');
  if (c.listHash !== expected.listHash) return 'list hash does not match the labels';
  if (c.method !== expected.method) return `method should be ${expected.method}`;
  if (!sameList(c.positions, expected.positions)) return 'positions do not match';
  if (!sameList(c.selected, expected.selected)) return 'selected do not match the ranking';
  if (!sameList(c.alternates, expected.alternates)) return 'alternates do not match the ranking';
  return null;
}

/** Recomputes everything from the record alone; says what does not match. */
export function verifyDrawRecord(record: DrawRecord): { ok: true } | { ok: false; reason: string } {
  const fail = (reason: string) => ({ ok: false as const, reason });
  if (record === null || typeof record !== 'object') return fail('not a draw record');
  const { algorithm, commitment, n, k, chainValue, randomness } = record;
  if (algorithm !== 'hearing-draw/1' && algorithm !== 'rfc3797') {
    return fail(`unknown algorithm ${String(algorithm)}`);
  }
  const chainError = checkChain(commitment, n, k, chainValue);
  if (chainError) return fail(chainError);
  if (typeof randomness !== 'string' || randomness === '') return fail('randomness missing');
  if (typeof record.randomnessSource !== 'string') return fail('randomnessSource missing');
  if (algorithm === 'rfc3797') {
    let key: string;
    try {
      key = rfc3797KeyString(record.rfc3797Sources ?? []);
    } catch (e) {
      return fail(`rfc3797Sources: ${(e as Error).message}`);
    }
    if (key !== randomness) return fail('randomness is not the RFC 3797 key string of rfc3797Sources');
  }
  if (!Array.isArray(record.categories)) return fail('categories missing');

  const rank = rankerFor(algorithm, chainValue, randomness);
  const seen = new Set<string>();
  let previous: string | null = null;
  for (const c of record.categories) {
    if (c === null || typeof c !== 'object') return fail('malformed category');
    const where = `category ${String(c.category)}: `;
    let problem: string | null;
    try {
      categoryKey({ category: c.category });
      if (previous !== null && compareCodePoints(previous, c.category) >= 0) {
        return fail(`${where}categories not in code point order or repeated`);
      }
      previous = c.category;
      problem = checkCategory(rank, c, seen);
    } catch (e) {
      problem = (e as Error).message;
    }
    if (problem) return fail(where + problem);
  }
  return { ok: true };
}
