// Recomputes a published draw record (hearing-draw/1) in the browser from the record alone, the
// way src/modules/draws/algorithm/hearing-draw.ts computes it and docs/draw-verification.md
// describes it: chain check, frozen-list hashes, every position, the ranking, selected and
// alternates. Every difference is reported precisely, per category.
import type { DrawCategory, DrawRecord } from '../api/hearing-types';
import { compareCodePoints, drawPrk, hashTimes, HmacKey, hmacKey, listHash, positionOf } from './draw-crypto';

/** A finding; `code` names the message, the other fields fill it. */
export interface Problem {
  code:
    | 'malformed'
    | 'algorithm'
    | 'chainRange'
    | 'chain'
    | 'randomness'
    | 'categoryOrder'
    | 'labelOrder'
    | 'labelTwice'
    | 'listHash'
    | 'method'
    | 'overQuota'
    | 'position'
    | 'selected'
    | 'alternates';
  label?: string;
  index?: number;
  expected?: string;
  actual?: string;
}

export interface CategoryCheck {
  category: string;
  ok: boolean;
  /** rfc3797 rankings use MD5, which Web Crypto does not offer: only the list hash is checked. */
  rankingUnchecked: boolean;
  problems: Problem[];
}

export interface DrawCheck {
  ok: boolean;
  /** The chain value hashed k times. */
  chainResult: string | null;
  chainOk: boolean;
  problems: Problem[];
  categories: CategoryCheck[];
  /** True for rfc3797 records: their rankings cannot be recomputed here. */
  partial: boolean;
}

const HEX64 = /^[0-9a-f]{64}$/;
const HEX = /^(?:[0-9a-f]{2})+$/;
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const short = (hex: string | undefined) => (hex && hex.length > 20 ? `${hex.slice(0, 16)}…` : (hex ?? '∅'));

/** The first place two lists differ, as a problem, or null when they are equal. */
function listDiff(code: 'selected' | 'alternates', expected: string[], actual: string[]): Problem | null {
  const len = Math.max(expected.length, actual.length);
  for (let i = 0; i < len; i++) {
    if (expected[i] !== actual[i]) return { code, index: i + 1, expected: expected[i] ?? '∅', actual: actual[i] ?? '∅' };
  }
  return null;
}

async function rankCategory(prk: HmacKey, c: DrawCategory): Promise<{ positions: string[]; order: string[] }> {
  const positions = await Promise.all(c.labels.map((label) => positionOf(prk, c.category, label)));
  const idx = c.labels.map((_, i) => i);
  idx.sort((a, b) => (positions[a] !== positions[b] ? (positions[a] < positions[b] ? -1 : 1) : compareCodePoints(c.labels[a], c.labels[b])));
  return { positions, order: idx.map((i) => c.labels[i]) };
}

async function checkCategory(c: DrawCategory, prk: HmacKey | null, seen: Set<string>): Promise<CategoryCheck> {
  const out: CategoryCheck = { category: String(c?.category), ok: false, rankingUnchecked: prk === null, problems: [] };
  const fail = (p: Problem) => (out.problems.push(p), out);
  if (!c || typeof c !== 'object' || ![c.labels, c.positions, c.selected, c.alternates].every(isStrings) || !Number.isSafeInteger(c.quota) || c.quota < 0) {
    return fail({ code: 'malformed' });
  }
  const sorted = [...c.labels].sort(compareCodePoints);
  const misplaced = sorted.findIndex((l, i) => l !== c.labels[i]);
  if (misplaced >= 0) return fail({ code: 'labelOrder', index: misplaced + 1, expected: sorted[misplaced], actual: c.labels[misplaced] });
  for (const label of c.labels) {
    if (seen.has(label)) return fail({ code: 'labelTwice', label });
    seen.add(label);
  }
  const hash = await listHash(c.labels);
  if (hash !== c.listHash) out.problems.push({ code: 'listHash', expected: hash, actual: String(c.listHash) });

  if (c.method === 'self-recommended') {
    // 自行推荐: no ranking; the chosen are the list, within the quota.
    if (c.labels.length > c.quota) out.problems.push({ code: 'overQuota', expected: String(c.quota), actual: String(c.labels.length) });
    const sel = listDiff('selected', c.labels, c.selected);
    if (sel) out.problems.push(sel);
    if (c.positions.length || c.alternates.length) out.problems.push({ code: 'malformed' });
    out.rankingUnchecked = false;
  } else {
    const method = c.labels.length <= c.quota ? 'all-selected' : 'ranked';
    if (c.method !== method) out.problems.push({ code: 'method', expected: method, actual: String(c.method) });
    if (prk) {
      const { positions, order } = await rankCategory(prk, c);
      const wrong = positions.findIndex((p, i) => p !== c.positions[i]);
      if (wrong >= 0 || positions.length !== c.positions.length) {
        const i = wrong >= 0 ? wrong : positions.length;
        out.problems.push({ code: 'position', label: c.labels[i] ?? '∅', expected: short(positions[i]), actual: short(c.positions[i]) });
      }
      const sel = listDiff('selected', order.slice(0, c.quota), c.selected);
      if (sel) out.problems.push(sel);
      const alt = listDiff('alternates', order.slice(c.quota), c.alternates);
      if (alt) out.problems.push(alt);
    }
  }
  out.ok = out.problems.length === 0;
  return out;
}

/** Verifies the whole record; never throws on bad input, it reports it. */
export async function verifyDraw(record: DrawRecord): Promise<DrawCheck> {
  const result: DrawCheck = { ok: false, chainResult: null, chainOk: false, problems: [], categories: [], partial: false };
  const stop = (p: Problem) => (result.problems.push(p), result);
  if (!record || typeof record !== 'object' || !Array.isArray(record.categories)) return stop({ code: 'malformed' });
  const { algorithm, commitment, n, k, chainValue, randomness } = record;
  if (algorithm !== 'hearing-draw/1' && algorithm !== 'rfc3797') return stop({ code: 'algorithm', actual: String(algorithm) });
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(k) || k < 1 || k > n) return stop({ code: 'chainRange', actual: `n=${n}, k=${k}` });
  if (typeof commitment !== 'string' || !HEX64.test(commitment) || typeof chainValue !== 'string' || !HEX.test(chainValue)) return stop({ code: 'malformed' });
  result.chainResult = await hashTimes(chainValue, k);
  result.chainOk = result.chainResult === commitment;
  if (!result.chainOk) result.problems.push({ code: 'chain', expected: commitment, actual: result.chainResult ?? '∅' });
  if (typeof randomness !== 'string' || randomness === '') return stop({ code: 'randomness' });

  result.partial = algorithm === 'rfc3797';
  const prk = result.partial ? null : await hmacKey(await drawPrk(chainValue, randomness));
  const seen = new Set<string>();
  let previous: string | null = null;
  for (const c of record.categories) {
    const key = typeof c?.category === 'string' ? c.category : '';
    if (!key || /[|\n]/.test(key) || (previous !== null && compareCodePoints(previous, key) >= 0)) {
      result.problems.push({ code: 'categoryOrder', actual: key || '∅' });
    }
    previous = key;
    result.categories.push(await checkCategory(c, prk, seen));
  }
  result.ok = result.problems.length === 0 && result.categories.every((c) => c.ok);
  return result;
}
