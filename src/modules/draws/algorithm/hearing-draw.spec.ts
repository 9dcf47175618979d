import { createHash, hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import {
  compareCodePoints,
  drawPrk,
  frozenListHash,
  hashChain,
  hkdfExpand32,
  hkdfExtract,
  positionOf,
  runDraw,
  verifyChainValue,
  verifyDrawRecord,
  type DrawCategoryInput,
  type DrawInput,
  type DrawRecord,
} from './hearing-draw';

const CHAIN = hashChain('organizer secret 2025', 5);
const labels = (count: number, prefix = 'R') =>
  Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(4, '0')}`);

function input(categories: DrawCategoryInput[], randomness = 'lottery 2025-03-01: 03 11 17 22 29 31', k = 1): DrawInput {
  return {
    commitment: CHAIN[5],
    n: 5,
    k,
    chainValue: CHAIN[5 - k],
    randomnessSource: 'China Welfare Lottery 双色球, draw of 2025-03-01',
    randomness,
    categories,
  };
}

describe('hash chain and commitment', () => {
  it('starts from the UTF-8 bytes and hashes raw bytes (SHA-256("abc") test vector)', () => {
    const chain = hashChain('abc', 1);
    expect(chain[0]).toBe('616263');
    expect(chain[1]).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('opens the commitment with H^(n-k) hashed k times, and nothing else', () => {
    for (let k = 1; k <= 5; k++) expect(verifyChainValue(CHAIN[5 - k], CHAIN[5], k)).toBe(true);
    expect(verifyChainValue(CHAIN[4], CHAIN[5], 2)).toBe(false);
    expect(verifyChainValue(CHAIN[3], CHAIN[5], 1)).toBe(false);
    expect(verifyChainValue('zz', CHAIN[5], 1)).toBe(false);
  });

  it('refuses to draw with a chain value that does not open the commitment', () => {
    expect(() => runDraw({ ...input([]), chainValue: CHAIN[3] })).toThrow(/commitment/);
    expect(() => runDraw({ ...input([]), k: 6 })).toThrow(/k must/);
  });
});

describe('HKDF built from HMAC', () => {
  it('Expand(Extract(salt, ikm), info, 32) equals node hkdfSync', () => {
    fc.assert(
      fc.property(fc.uint8Array(), fc.uint8Array({ minLength: 1 }), fc.uint8Array(), (salt, ikm, info) => {
        const ours = hkdfExpand32(hkdfExtract(Buffer.from(salt), Buffer.from(ikm)), Buffer.from(info));
        const node = Buffer.from(hkdfSync('sha256', ikm, salt, info, 32));
        expect(ours.equals(node)).toBe(true);
      }),
    );
  });

  it('the record positions equal hkdfSync with salt = chain value, IKM = randomness, info = category|label', () => {
    const record = runDraw(input([{ category: 'resident', quota: 2, labels: ['甲-1', '乙-2', 'C-3'] }]));
    const cat = record.categories[0];
    cat.labels.forEach((label, i) => {
      const okm = hkdfSync('sha256', Buffer.from(record.randomness), Buffer.from(record.chainValue, 'hex'), Buffer.from(`resident|${label}`), 32);
      expect(cat.positions[i]).toBe(Buffer.from(okm).toString('hex'));
    });
  });

  it('NFC-normalizes the randomness value', () => {
    const cats = [{ category: 'resident', quota: 3, labels: labels(10) }];
    expect(runDraw(input(cats, 'Caf\u00e9')).categories).toEqual(runDraw(input(cats, 'Cafe\u0301')).categories);
  });
});

describe('frozen list', () => {
  it('hashes the labels sorted by code point and joined with \\n', () => {
    const expected = createHash('sha256').update('A-1\nB-2\n甲', 'utf8').digest('hex');
    expect(frozenListHash(['甲', 'B-2', 'A-1'])).toBe(expected);
  });

  it('orders by code point, not UTF-16 unit (U+FF01 before U+1F600)', () => {
    expect(compareCodePoints('\uff01', '\u{1f600}')).toBeLessThan(0);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        const bytes = Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
        expect(Math.sign(compareCodePoints(a, b))).toBe(a === b ? 0 : bytes);
      }),
    );
  });

  it('refuses duplicate, empty and multi-line labels, and a label in two categories', () => {
    expect(() => frozenListHash(['a', 'a'])).toThrow(/duplicate/);
    expect(() => frozenListHash(['a\nb'])).toThrow();
    expect(() => frozenListHash([''])).toThrow();
    const twice = [
      { category: 'resident', quota: 1, labels: ['x', 'y'] },
      { category: 'stakeholder', quota: 1, labels: ['y', 'z'] },
    ];
    expect(() => runDraw(input(twice))).toThrow(/more than one category/);
  });
});

describe('ranking properties', () => {
  it('does not depend on the order of labels or categories', () => {
    const res = labels(30);
    const stk = labels(12, 'S');
    const reference = runDraw(input([
      { category: 'resident', quota: 5, labels: res },
      { category: 'stakeholder', quota: 3, labels: stk },
    ]));
    fc.assert(
      fc.property(
        fc.shuffledSubarray(res, { minLength: res.length }),
        fc.shuffledSubarray(stk, { minLength: stk.length }),
        fc.boolean(),
        (r, s, flip) => {
          const cats = [
            { category: 'resident', quota: 5, labels: r },
            { category: 'stakeholder', quota: 3, labels: s },
          ];
          expect(runDraw(input(flip ? cats.reverse() : cats))).toEqual(reference);
        },
      ),
    );
  });

  it('raising the quota keeps earlier selections as a prefix, and never exceeds the quota', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 45 }), fc.integer({ min: 0, max: 45 }), fc.string(), (count, q1, q2, rnd) => {
        const [lo, hi] = q1 <= q2 ? [q1, q2] : [q2, q1];
        const draw = (quota: number) => runDraw(input([{ category: 'resident', quota, labels: labels(count) }], rnd || 'x')).categories[0];
        const a = draw(lo);
        const b = draw(hi);
        expect(a.selected.length).toBe(Math.min(lo, count));
        expect(b.selected.length).toBe(Math.min(hi, count));
        expect(b.selected.slice(0, a.selected.length)).toEqual(a.selected);
        expect([...a.selected, ...a.alternates]).toEqual([...b.selected, ...b.alternates]);
        expect(a.method).toBe(count <= lo ? 'all-selected' : 'ranked');
      }),
    );
  });

  it('selects everyone when applicants do not exceed the quota, and records it', () => {
    const cat = runDraw(input([{ category: 'expert', quota: 5, labels: labels(4) }])).categories[0];
    expect(cat.method).toBe('all-selected');
    expect([...cat.selected].sort()).toEqual(labels(4));
    expect(cat.alternates).toEqual([]);
  });

  it('records self-recommended categories without a draw, within their quota', () => {
    const record = runDraw(input([{ category: 'deputy', quota: 2, labels: ['D-2', 'D-1'], selfRecommended: true }]));
    expect(record.categories[0]).toMatchObject({ method: 'self-recommended', selected: ['D-1', 'D-2'], positions: [], alternates: [] });
    expect(verifyDrawRecord(record)).toEqual({ ok: true });
    expect(() => runDraw(input([{ category: 'deputy', quota: 1, labels: ['D-1', 'D-2'], selfRecommended: true }]))).toThrow();
  });

  it('ranks quota cells as partitions keyed "<category>:<cell>"', () => {
    const record = runDraw(input([
      { category: 'resident', cell: '东城区', quota: 1, labels: ['E-1', 'E-2', 'E-3'] },
      { category: 'resident', cell: '西城区', quota: 1, labels: ['W-1', 'W-2'] },
    ]));
    const east = record.categories.find((c) => c.category === 'resident:东城区')!;
    const prk = drawPrk(record.chainValue, record.randomness);
    expect(east.positions).toEqual(east.labels.map((l) => positionOf(prk, 'resident:东城区', l)));
    expect(verifyDrawRecord(record)).toEqual({ ok: true });
  });

  it('gives each of 50 applicants a 10-seat chance within 5 sigma of 0.2 over 10,000 draws', () => {
    const pool = labels(50);
    const counts = new Map<string, number>(pool.map((l) => [l, 0]));
    const trials = 10_000;
    for (let t = 0; t < trials; t++) {
      const cat = runDraw(input([{ category: 'resident', quota: 10, labels: pool }], `randomness #${t}`)).categories[0];
      for (const l of cat.selected) counts.set(l, counts.get(l)! + 1);
    }
    const p = 10 / 50;
    const sigma = Math.sqrt(trials * p * (1 - p)); // 40
    for (const c of counts.values()) expect(Math.abs(c - trials * p)).toBeLessThanOrEqual(5 * sigma);
  });
});

describe('verifyDrawRecord', () => {
  const base = runDraw(input([
    { category: 'resident', quota: 3, labels: labels(8) },
    { category: 'stakeholder', quota: 2, labels: labels(5, 'S') },
  ]));
  const tamper = (edit: (r: DrawRecord) => void) => {
    const r = structuredClone(base);
    edit(r);
    return verifyDrawRecord(r);
  };

  it('accepts the record as drawn and after a JSON round trip', () => {
    expect(verifyDrawRecord(base)).toEqual({ ok: true });
    expect(verifyDrawRecord(JSON.parse(JSON.stringify(base)))).toEqual({ ok: true });
  });

  it.each<[string, (r: DrawRecord) => void, RegExp]>([
    ['changed label', (r) => { r.categories[0].labels[2] = 'R-0003x'; }, /list hash|positions/],
    ['added label', (r) => { r.categories[0].labels.push('R-9999'); }, /list hash/],
    ['changed randomness', (r) => { r.randomness += ' '; }, /positions/],
    ['wrong chain value', (r) => { r.chainValue = CHAIN[3]; }, /commitment/],
    ['wrong k', (r) => { r.k = 2; }, /commitment/],
    ['wrong commitment', (r) => { r.commitment = CHAIN[4]; }, /commitment/],
    ['wrong list hash', (r) => { r.categories[1].listHash = frozenListHash(['x']); }, /list hash/],
    ['swapped selected/alternate', (r) => {
      const c = r.categories[0];
      [c.selected[0], c.alternates[0]] = [c.alternates[0], c.selected[0]];
    }, /selected/],
    ['reordered selected', (r) => { r.categories[0].selected.reverse(); }, /selected/],
    ['reordered alternates', (r) => { r.categories[0].alternates.reverse(); }, /alternates/],
    ['edited position', (r) => { r.categories[0].positions[0] = '00'.repeat(32); }, /positions/],
    ['quota lowered', (r) => { r.categories[0].quota = 2; }, /selected/],
    ['claimed self-recommended', (r) => { r.categories[0].method = 'self-recommended'; }, /8 chosen|positions/],
    ['claimed all-selected', (r) => { r.categories[0].method = 'all-selected'; }, /method/],
    ['unknown algorithm', (r) => { (r as { algorithm: string }).algorithm = 'hearing-draw/2'; }, /algorithm/],
  ])('rejects %s', (_name, edit, reason) => {
    const result = tamper(edit);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('rejects malformed input without throwing', () => {
    expect(verifyDrawRecord(null as unknown as DrawRecord).ok).toBe(false);
    expect(verifyDrawRecord({ ...base, categories: [{}] } as unknown as DrawRecord).ok).toBe(false);
    expect(verifyDrawRecord({ ...base, categories: [...base.categories].reverse() }).ok).toBe(false);
  });
});
