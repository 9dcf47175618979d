// RFC 3797 compatibility mode ("Publicly Verifiable NomCom Random Selection", section 4).
// Kept free of imports from hearing-draw.ts so that hearing-draw.ts can use it for both
// drawing and verifying without a circular import; the full DrawRecord for this algorithm is
// produced by runDraw({ algorithm: 'rfc3797', rfc3797Sources, ... }) in hearing-draw.ts, which
// calls rfc3797Ranking() below for each category.
import { createHash } from 'node:crypto';

/**
 * One public source of randomness, in the order the sources were announced:
 * - a number or a string of decimal digits: one numeric value (digits allow values beyond 2^53);
 * - an array of those: several numeric values (e.g. the balls of one lottery draw);
 * - `{ text }`: a text value (RFC 3797 asks for letters and digits only, upper-cased).
 */
export type Rfc3797Source = number | string | Array<number | string> | { text: string };

/** One selection step, as tabulated in the RFC's worked example. */
export interface Rfc3797Step {
  j: number; // 0 for the first selection
  digest: string; // MD5(j_hi j_lo || key || j_hi j_lo), upper-case hex like the RFC prints it
  divisor: number; // candidates still in the pool
  remainder: number; // digest as an unsigned big-endian integer, modulo divisor
  selected: number; // 1-based number in the ORIGINAL pool of the candidate taken
}

// The two-byte counter limits one ranking to 65,536 steps.
export const RFC3797_MAX_STEPS = 0x10000;

function decimal(value: number | string): bigint {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new Error(`rfc3797: ${value} is not a non-negative integer`);
    }
    return BigInt(value);
  }
  if (typeof value !== 'string' || !/^[0-9]+$/.test(value)) {
    throw new Error(`rfc3797: ${JSON.stringify(value)} is not a string of decimal digits`);
  }
  return BigInt(value);
}

/**
 * The canonical key string: for each source in the given order, its numeric values sorted
 * ascending, each written in decimal without leading zeros and followed by '.', then '/'.
 * A text source contributes its ASCII letters and digits, upper-cased, followed by '/'.
 */
export function rfc3797KeyString(sources: readonly Rfc3797Source[]): string {
  if (!Array.isArray(sources) || sources.length === 0) {
    throw new Error('rfc3797: at least one source of randomness is needed');
  }
  let key = '';
  for (const source of sources) {
    if (source !== null && typeof source === 'object' && !Array.isArray(source)) {
      if (typeof source.text !== 'string') throw new Error('rfc3797: text source without text');
      // Accents are split off (NFD) and dropped together with everything non-alphanumeric.
      key += source.text.normalize('NFD').replace(/[^A-Za-z0-9]/g, '').toUpperCase() + '/';
      continue;
    }
    const values = (Array.isArray(source) ? source : [source]).map(decimal);
    if (values.length === 0) throw new Error('rfc3797: empty source');
    values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    key += values.map((v) => `${v.toString()}.`).join('') + '/';
  }
  return key;
}

/** MD5 over the counter j (two bytes, big-endian) || key string || the same two bytes. */
export function rfc3797Digest(key: string, j: number): Buffer {
  if (!Number.isInteger(j) || j < 0 || j >= RFC3797_MAX_STEPS) {
    throw new Error(`rfc3797: step ${j} does not fit in two bytes`);
  }
  const counter = Buffer.from([j >> 8, j & 0xff]);
  return createHash('md5').update(counter).update(key, 'latin1').update(counter).digest();
}

// Remainder of a big-endian unsigned integer by folding bytes; exact while divisor * 256 stays
// below 2^53, which the 65,536-step limit guarantees.
function modulo(bytes: Buffer, divisor: number): number {
  let r = 0;
  for (const b of bytes) r = (r * 256 + b) % divisor;
  return r;
}

/**
 * Runs `count` selection steps over a pool numbered 1..poolSize. Step j takes the
 * (remainder + 1)-th candidate among those still in the pool, in original order.
 * A Fenwick tree finds that candidate in O(log n), so ranking a whole pool stays fast.
 */
export function rfc3797StepsForKey(poolSize: number, count: number, key: string): Rfc3797Step[] {
  if (!Number.isInteger(poolSize) || poolSize < 0) throw new Error('rfc3797: bad pool size');
  if (!Number.isInteger(count) || count < 0 || count > poolSize) {
    throw new Error(`rfc3797: cannot select ${count} of ${poolSize}`);
  }
  if (count > RFC3797_MAX_STEPS) {
    throw new Error(`rfc3797: at most ${RFC3797_MAX_STEPS} selections per ranking`);
  }
  // tree[i] counts remaining candidates in (i - lowbit(i), i]; all present at the start.
  const tree = new Int32Array(poolSize + 1);
  for (let i = 1; i <= poolSize; i++) tree[i] = i & -i;
  let topBit = 1;
  while (topBit * 2 <= poolSize) topBit *= 2;

  const steps: Rfc3797Step[] = [];
  for (let j = 0; j < count; j++) {
    const digest = rfc3797Digest(key, j);
    const divisor = poolSize - j;
    const remainder = modulo(digest, divisor);
    // Find the smallest index whose prefix count reaches remainder + 1.
    let pos = 0;
    let need = remainder + 1;
    for (let step = topBit; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= poolSize && tree[next] < need) {
        pos = next;
        need -= tree[next];
      }
    }
    const selected = pos + 1;
    for (let i = selected; i <= poolSize; i += i & -i) tree[i] -= 1;
    steps.push({ j, digest: digest.toString('hex').toUpperCase(), divisor, remainder, selected });
  }
  return steps;
}

/** 1-based numbers (as in the RFC's example) of the `count` candidates selected, in order. */
export function rfc3797Select(
  poolSize: number,
  count: number,
  sources: readonly Rfc3797Source[],
): number[] {
  return rfc3797StepsForKey(poolSize, count, rfc3797KeyString(sources)).map((s) => s.selected);
}

/**
 * Ranks a whole category for a DrawRecord. `labels` must already be in canonical order (the
 * frozen list order), which numbers the pool 1..n. Returns the labels in selection order and,
 * aligned with `labels`, each label's "position": the lower-case hex MD5 digest of the step
 * that took it, so a reader can check each step by hand.
 */
export function rfc3797Ranking(
  labels: readonly string[],
  key: string,
): { order: string[]; positions: string[] } {
  const steps = rfc3797StepsForKey(labels.length, labels.length, key);
  const positions = new Array<string>(labels.length);
  const order = steps.map((s) => {
    positions[s.selected - 1] = s.digest.toLowerCase();
    return labels[s.selected - 1];
  });
  return { order, positions };
}
