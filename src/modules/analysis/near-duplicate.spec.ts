import { DEFAULT_THRESHOLD, NearDuplicateIndex, normalize, parseSignature, signature, similarity } from './near-duplicate';

const TEMPLATE = '我反对在小区内增设收费停车位，理由是小区道路狭窄，停车位会占用消防通道，影响居民出行安全，也会增加业主负担。';

// What a campaign looks like: the template, and copies people edited a little.
const VARIANTS = [
  TEMPLATE,
  '我坚决反对在小区内增设收费停车位，理由是小区道路狭窄，停车位会占用消防通道，影响居民出行安全，也会增加业主负担！',
  '我反对在小区里增设收费停车位，理由是小区道路很窄，停车位会占用消防通道，影响居民出行安全，也会增加业主负担。',
  '本人反对在小区内增设收费停车位。理由是：小区道路狭窄，停车位会占用消防通道，影响居民出行安全，也会增加业主的负担。',
  '我反对在小区内增设收费停车位，理由是小区道路狭窄，停车位会占用消防通道，影响居民出行安全。',
  '  我反对在小区内增设收费停车位 理由是小区道路狭窄 停车位会占用消防通道 影响居民出行安全 也会增加业主负担  ',
  '我反对在小区内增设收费停车位，理由是小区道路狭窄，停车位会占用消防通道，影响居民出行安全，也会增加业主负担。谢谢！',
];

const UNRELATED = [
  '建议延长公示期限，并在社区公告栏张贴草案全文，方便老年人阅读。',
  '我支持在小区内增设收费停车位，可以缓解停车难问题，规范停车秩序。',
  '第五条规定的补偿标准过低，应当参照市场价格重新评估。',
  '听证会应当增加普通居民代表的名额，并提前公布议程。',
  '我反对在小区内增设收费停车位，理由是会加剧拥堵。',
];

describe('normalize', () => {
  it('folds full-width characters, case, punctuation and whitespace', () => {
    expect(normalize('ＡＢＣ１２３，停车 位！！')).toBe('abc123停车位');
    expect(normalize('Hello, World…')).toBe('helloworld');
    expect(normalize('，。！？ 😀')).toBe('');
  });
});

describe('signature', () => {
  it('is a versioned hex string of fixed length', () => {
    const s = signature(TEMPLATE);
    expect(s).toMatch(/^mh1:[0-9a-f]{256}$/);
    expect(signature(TEMPLATE)).toBe(s);
  });

  it('never changes for a given text (stored signatures must stay comparable)', () => {
    // Pinned: a change here means a new version prefix and recomputing every stored signature.
    expect(signature('我反对在小区内增设收费停车位。')).toBe(
      'mh1:7f227edb01ad53b2af5d71b82744a0a5f4702efbc694b0fde3e32df9d2cc819859f39ce5194a0b4d8a4c91dcf3e3e868' +
        '29712e4296cda15d8b4af1def979e70f40d5a40b4d01cd53cea1a0230dace298e2ab947d4b97a76b35b448e9eca770cf4242' +
        '9d79efbc62b31fd64a45eecf65d808976f139f8ae24e29d68ac832d65e69',
    );
  });

  it('ignores punctuation, spacing and full-width forms', () => {
    expect(signature('停车位，收费！')).toBe(signature('停车位 收费'));
    expect(signature('ＡＢＣ停车')).toBe(signature('abc停车'));
  });

  it('handles empty and very short texts', () => {
    expect(signature('')).toMatch(/^mh1:f{256}$/);
    expect(signature('同意')).toBe(signature('同意。'));
    expect(signature('同意')).not.toBe(signature('反对'));
  });

  it('estimates high similarity for small edits and low for other texts', () => {
    const base = signature(TEMPLATE);
    for (const v of VARIANTS) expect(similarity(base, signature(v))).toBeGreaterThanOrEqual(0.7);
    for (const u of UNRELATED) expect(similarity(base, signature(u))).toBeLessThan(DEFAULT_THRESHOLD);
  });

  it('rejects malformed signatures', () => {
    expect(() => parseSignature('mh1:00')).toThrow();
    expect(() => parseSignature('mh2:' + '0'.repeat(256))).toThrow();
    expect(() => parseSignature('mh1:' + 'g'.repeat(256))).toThrow();
    expect(parseSignature('mh1:' + '00ff'.repeat(64))[0]).toBe(0xff);
  });
});

describe(NearDuplicateIndex.name, () => {
  it('groups campaign variants and keeps unrelated texts apart', () => {
    const index = new NearDuplicateIndex();
    const keys = new Map<string, string>();
    const texts = [...VARIANTS.slice(0, 3), ...UNRELATED, ...VARIANTS.slice(3)];
    texts.forEach((t, i) => keys.set(t, index.add(`c${i}`, signature(t))));
    // The cluster key is the id of the cluster's first member.
    for (const v of VARIANTS) expect(keys.get(v)).toBe('c0');
    const unrelatedKeys = UNRELATED.map((u) => keys.get(u));
    expect(new Set(unrelatedKeys).size).toBe(UNRELATED.length);
    expect(unrelatedKeys).not.toContain('c0');
    expect(index.size).toBe(texts.length);
    expect(index.clusterCount).toBe(1 + UNRELATED.length);
  });

  it('rebuilds the same clusters from stored signatures in arrival order', () => {
    const texts = Array.from({ length: 400 }, (_, i) =>
      i % 3 === 0 ? `${TEMPLATE}${i % 7 === 0 ? '补充意见' + i : ''}` : `${UNRELATED[i % UNRELATED.length]}${'甲乙丙丁戊己庚辛'[i % 8]}${i}号意见`,
    );
    const stored = texts.map((t, i) => ({ id: `id-${i}`, sig: signature(t) }));
    const first = new NearDuplicateIndex();
    const a = stored.map((s) => first.add(s.id, s.sig));
    const second = new NearDuplicateIndex();
    const b = stored.map((s) => second.add(s.id, parseSignature(s.sig)));
    expect(b).toEqual(a);
  });

  it('compares with the leader only, so similarity does not chain', () => {
    const a = new Uint16Array(64);
    const b = a.slice();
    for (let i = 0; i < 20; i++) b[i] = 1; // 44/64 equal to a
    const c = b.slice();
    for (let i = 20; i < 40; i++) c[i] = 2; // 44/64 equal to b, 24/64 equal to a
    const index = new NearDuplicateIndex();
    expect(index.add('a', a)).toBe('a');
    expect(index.add('b', b)).toBe('a');
    expect(index.add('c', c)).toBe('c');
    expect(index.add('c2', c)).toBe('c');
  });

  it('honours the threshold', () => {
    const a = new Uint16Array(64);
    const b = a.slice();
    for (let i = 0; i < 16; i++) b[i] = 9; // similarity 0.75
    const loose = new NearDuplicateIndex(0.7);
    loose.add('a', a);
    expect(loose.add('b', b)).toBe('a');
    const strict = new NearDuplicateIndex(0.8);
    strict.add('a', a);
    expect(strict.add('b', b)).toBe('b');
    expect(() => new NearDuplicateIndex(0)).toThrow();
    expect(() => new NearDuplicateIndex(1.5)).toThrow();
  });

  it('prefers the most similar cluster, then the older one', () => {
    const base = new Uint16Array(64);
    const other = base.slice();
    for (let i = 0; i < 8; i++) other[i] = 5; // 56/64 equal to base
    const probe = base.slice();
    probe[63] = 7; // 63/64 equal to base, 55/64 equal to other
    const index = new NearDuplicateIndex(0.95);
    expect(index.add('base', base)).toBe('base');
    expect(index.add('other', other)).toBe('other');
    const loose = new NearDuplicateIndex(0.6);
    loose.add('base', base);
    loose.add('other', other); // joins base
    expect(loose.add('probe', probe)).toBe('base');
    expect(index.add('probe', probe)).toBe('base');
  });

  it('adds 100k items in a few seconds', () => {
    const sigs = Array.from({ length: 2000 }, (_, i) => signature(`${UNRELATED[i % 5]}${i}${TEMPLATE.slice(i % 20)}`));
    const index = new NearDuplicateIndex();
    const t0 = performance.now();
    for (let i = 0; i < 100_000; i++) index.add(`c${i}`, sigs[i % sigs.length]);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(index.size).toBe(100_000);
  });
});
