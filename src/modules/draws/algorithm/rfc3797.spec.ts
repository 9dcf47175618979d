import fc from 'fast-check';
import { hashChain, runDraw, verifyDrawRecord } from './hearing-draw';
import {
  rfc3797Digest,
  rfc3797KeyString,
  rfc3797Select,
  rfc3797StepsForKey,
  type Rfc3797Source,
} from './rfc3797';

// RFC 3797 section 6, "Fully Worked Example". The inputs and expected outputs below are the
// published ones as transcribed in two independent third-party test suites (the CPAN module
// Algorithm::Voting::Sortition and the Go package kleroterion), which agree with each other;
// they were NOT produced by this implementation.
const POOL = [
  'John', 'Mary', 'Bashful', 'Dopey', 'Sleepy', 'Grouchy', 'Doc', 'Sneazy', 'Handsome',
  'Cassandra', 'Pollyanna', 'Pendragon', 'Pandora', 'Faith', 'Hope', 'Charity', 'Lee',
  'Longsuffering', 'Chastity', 'Smith', 'Pride', 'Sloth', 'Envy', 'Anger', 'Kasczynski',
];
const SOURCES: Rfc3797Source[] = ['9319', [2, 5, 12, 8, 10], [9, 18, 26, 34, 41, 45]];
const KEY = '9319./2.5.8.10.12./9.18.26.34.41.45./';
const DIGESTS = [
  '990DD0A5692A029A98B5E01AA28F3459',
  '3691E55CB63FCC37914430B2F70B5EC6',
  'FE814EDF564C190AC1D25753979990FA',
  '1863CCACEB568C31D7DDBDF1D4E91387',
  'F4AB33DF4889F0AF29C513905BE1D758',
  '13EAEB529F61ACFB9A29D0BA3A60DE4A',
  '992DB77C382CA2BDB9727001F3CDCCD9',
  '63AB4258ECA922976811C7F55C383CE7',
  'DFBC5AC97CED01B3A6E348E3CC63F40D',
  '31CB111C4A4EBE9287CEAE16FE51B909',
];
const SELECTED = [
  'Lee', 'Doc', 'Mary', 'Charity', 'Kasczynski', 'Envy', 'Sneazy', 'Anger', 'Chastity', 'Pandora',
];

describe('RFC 3797 section 6 worked example', () => {
  it('builds the published key string (values sorted within a source, sources in order)', () => {
    expect(rfc3797KeyString(SOURCES)).toBe(KEY);
  });

  it('reproduces the published MD5 values for j = 0..9', () => {
    DIGESTS.forEach((hex, j) => expect(rfc3797Digest(KEY, j).toString('hex').toUpperCase()).toBe(hex));
  });

  it('reproduces the published remainders of the first four steps', () => {
    const steps = rfc3797StepsForKey(25, 4, KEY);
    expect(steps.map((s) => [s.divisor, s.remainder])).toEqual([[25, 16], [24, 6], [23, 1], [22, 13]]);
  });

  it('selects the published ten, in order', () => {
    const numbers = rfc3797Select(25, 10, SOURCES);
    expect(numbers.map((i) => POOL[i - 1])).toEqual(SELECTED);
  });

  it('gives the same result through a DrawRecord when the canonical order is the pool order', () => {
    // Zero-padded numbers make code point order equal to the RFC's numbering.
    const labels = POOL.map((name, i) => `${String(i + 1).padStart(2, '0')} ${name}`);
    const chain = hashChain('example secret', 3);
    const record = runDraw({
      algorithm: 'rfc3797',
      commitment: chain[3],
      n: 3,
      k: 1,
      chainValue: chain[2],
      randomnessSource: 'RFC 3797 section 6',
      rfc3797Sources: SOURCES,
      categories: [{ category: 'resident', quota: 10, labels: [...labels].reverse() }],
    });
    expect(record.randomness).toBe(KEY);
    const cat = record.categories[0];
    expect(cat.selected.map((l) => l.slice(3))).toEqual(SELECTED);
    expect(cat.alternates).toHaveLength(15);
    expect(cat.positions[16]).toBe(DIGESTS[0].toLowerCase()); // Lee was taken at step 0
    expect(verifyDrawRecord(record)).toEqual({ ok: true });
  });
});

describe('RFC 3797 mechanics', () => {
  it('writes numbers without leading zeros and sorts them numerically, also beyond 2^53', () => {
    expect(rfc3797KeyString([[10, '007', 9]])).toBe('7.9.10./');
    expect(rfc3797KeyString([['123456789012345678901', '99']])).toBe('99.123456789012345678901./');
    expect(rfc3797KeyString([{ text: 'Dow Jones: 12,345.67' }, 3])).toBe('DOWJONES1234567/3./');
  });

  it('refuses negative, fractional or empty sources', () => {
    expect(() => rfc3797KeyString([])).toThrow();
    expect(() => rfc3797KeyString([[-1]])).toThrow();
    expect(() => rfc3797KeyString([1.5])).toThrow();
    expect(() => rfc3797KeyString(['12a'])).toThrow();
    expect(() => rfc3797KeyString([[]])).toThrow();
  });

  it('matches a naive remove-from-array implementation (Fenwick tree check)', () => {
    const naive = (pool: number, count: number, key: string): number[] => {
      const left = Array.from({ length: pool }, (_, i) => i + 1);
      const out: number[] = [];
      for (let j = 0; j < count; j++) {
        const digest = BigInt('0x' + rfc3797Digest(key, j).toString('hex'));
        out.push(left.splice(Number(digest % BigInt(left.length)), 1)[0]);
      }
      return out;
    };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.string(), (pool, text) => {
        const key = rfc3797KeyString([{ text }, pool]);
        const got = rfc3797StepsForKey(pool, pool, key).map((s) => s.selected);
        expect(got).toEqual(naive(pool, pool, key));
      }),
      { numRuns: 100 },
    );
  });

  it('refuses more than 65,536 steps and selecting more than the pool', () => {
    expect(() => rfc3797StepsForKey(70000, 70000, KEY)).toThrow(/at most/);
    expect(() => rfc3797Select(3, 4, SOURCES)).toThrow();
  });

  it('rejects a record whose sources do not give its key string', () => {
    const chain = hashChain('s', 2);
    const record = runDraw({
      algorithm: 'rfc3797',
      commitment: chain[2],
      n: 2,
      k: 1,
      chainValue: chain[1],
      randomnessSource: 'test',
      rfc3797Sources: SOURCES,
      categories: [{ category: 'resident', quota: 2, labels: ['a', 'b', 'c', 'd'] }],
    });
    expect(verifyDrawRecord(record).ok).toBe(true);
    const changed = { ...record, rfc3797Sources: ['9318', [2, 5, 12, 8, 10], [9, 18, 26, 34, 41, 45]] };
    expect(verifyDrawRecord(changed).ok).toBe(false);
    const swapped = structuredClone(record);
    [swapped.categories[0].selected[0], swapped.categories[0].alternates[0]] = [
      swapped.categories[0].alternates[0],
      swapped.categories[0].selected[0],
    ];
    expect(verifyDrawRecord(swapped)).toMatchObject({ ok: false, reason: expect.stringMatching(/selected/) });
  });
});
