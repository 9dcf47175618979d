import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson } from '../../../common/hashing/canonical-json';
import {
  EMPTY_ROOT,
  LoggedComment,
  MerkleAccumulator,
  MerkleProofBuilder,
  fromHex,
  inclusionProof,
  leafHash,
  leafHashBytes,
  merkleRoot,
  nodeHash,
  toHex,
  verifyInclusion,
} from './merkle';

// The inputs of the certificate-transparency reference tree (merkle_tree_test.cc, also used by
// Trillian and Go's sumdb): eight leaves of raw bytes.
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(
  (h) => leafHashBytes(Buffer.from(h, 'hex')),
);
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const CT_PATHS: Array<[number, number, string[]]> = [
  [0, 1, []],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];

function syntheticLeaves(n: number): Buffer[] {
  return Array.from({ length: n }, (_, i) => leafHashBytes(Buffer.from(`leaf-${i}`)));
}

function flipBit(b: Buffer, bit: number): Buffer {
  const c = Buffer.from(b);
  c[bit >> 3] ^= 1 << (bit & 7);
  return c;
}

const sample: LoggedComment = {
  id: '0b7f3c5e-2d1a-4f6b-9c8d-7e6f5a4b3c2d',
  draftId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  version: 1,
  seq: 3,
  anchor: 'a-5',
  planIndex: null,
  quote: { start: 4, end: 12 },
  stance: 'oppose',
  text: '我反对在小区内增设收费停车位。',
  channel: 'web',
  receivedAt: '2026-03-02T08:15:00.000Z',
  authorRef: 'p-4f1c2a',
};

describe('merkle log', () => {
  it('matches the certificate-transparency reference roots for sizes 0..8', () => {
    for (let n = 0; n <= 8; n++) expect(toHex(merkleRoot(CT_LEAVES.slice(0, n)))).toBe(CT_ROOTS[n]);
    expect(toHex(EMPTY_ROOT)).toBe(CT_ROOTS[0]);
  });

  it('matches the reference inclusion paths and verifies them', () => {
    for (const [index, size, expected] of CT_PATHS) {
      const leaves = CT_LEAVES.slice(0, size);
      const path = inclusionProof(leaves, index);
      expect(path.map(toHex)).toEqual(expected);
      expect(verifyInclusion(leaves[index], index, size, path, fromHex(CT_ROOTS[size]))).toBe(true);
    }
  });

  it('hashes a comment as SHA-256(0x00 || canonical JSON), independent of key order', () => {
    const shuffled = Object.fromEntries(Object.entries(sample).reverse());
    expect(leafHash(shuffled).equals(leafHash(sample))).toBe(true);
    // RFC 8785 for strings and integers: keys sorted by UTF-16 code unit at every level, no spaces,
    // non-ASCII text left as UTF-8.
    const canonical =
      '{"anchor":"a-5","authorRef":"p-4f1c2a","channel":"web","draftId":"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",' +
      '"id":"0b7f3c5e-2d1a-4f6b-9c8d-7e6f5a4b3c2d","planIndex":null,"quote":{"end":12,"start":4},' +
      '"receivedAt":"2026-03-02T08:15:00.000Z","seq":3,"stance":"oppose","text":"我反对在小区内增设收费停车位。","version":1}';
    expect(canonicalJson(sample)).toBe(canonical);
    const manual = createHash('sha256').update(Buffer.concat([Buffer.from([0]), Buffer.from(canonical, 'utf8')])).digest();
    expect(toHex(leafHash(sample))).toBe(toHex(manual));
    expect(leafHash({ ...sample, text: sample.text + ' ' }).equals(leafHash(sample))).toBe(false);
  });

  it('computes interior nodes as SHA-256(0x01 || left || right)', () => {
    const [a, b] = CT_LEAVES;
    const manual = createHash('sha256').update(Buffer.concat([Buffer.from([1]), a, b])).digest();
    expect(nodeHash(a, b).equals(manual)).toBe(true);
  });

  it('proves every index of every tree of sizes 1..70', () => {
    const all = syntheticLeaves(70);
    const builder = MerkleProofBuilder.fromLeaves(all);
    for (let n = 1; n <= 70; n++) {
      const leaves = all.slice(0, n);
      const root = merkleRoot(leaves);
      expect(builder.root(n).equals(root)).toBe(true);
      for (let i = 0; i < n; i++) {
        const path = inclusionProof(leaves, i);
        expect(builder.inclusionProof(i, n).map(toHex)).toEqual(path.map(toHex));
        expect(verifyInclusion(leaves[i], i, n, path, root)).toBe(true);
      }
    }
  });

  it('refuses a proof when one bit of the leaf, the path or the root is flipped', () => {
    const leaves = syntheticLeaves(37);
    const root = merkleRoot(leaves);
    for (const i of [0, 1, 17, 31, 32, 36]) {
      const path = inclusionProof(leaves, i);
      for (const bit of [0, 7, 100, 255]) {
        expect(verifyInclusion(flipBit(leaves[i], bit), i, 37, path, root)).toBe(false);
        expect(verifyInclusion(leaves[i], i, 37, path, flipBit(root, bit))).toBe(false);
        for (let p = 0; p < path.length; p++) {
          const bad = path.map((h, j) => (j === p ? flipBit(h, bit) : h));
          expect(verifyInclusion(leaves[i], i, 37, bad, root)).toBe(false);
        }
      }
    }
  });

  it('refuses a proof with the wrong index, size or path length', () => {
    const leaves = syntheticLeaves(21);
    const root = merkleRoot(leaves);
    const path = inclusionProof(leaves, 6);
    expect(verifyInclusion(leaves[6], 6, 21, path, root)).toBe(true);
    expect(verifyInclusion(leaves[6], 7, 21, path, root)).toBe(false);
    expect(verifyInclusion(leaves[6], 6, 40, path, root)).toBe(false);
    expect(verifyInclusion(leaves[6], 6, 16, path, root)).toBe(false);
    expect(verifyInclusion(leaves[6], 21, 21, path, root)).toBe(false);
    expect(verifyInclusion(leaves[6], -1, 21, path, root)).toBe(false);
    expect(verifyInclusion(leaves[6], 6, 21, path.slice(0, -1), root)).toBe(false);
    expect(verifyInclusion(leaves[6], 6, 21, [...path, root], root)).toBe(false);
    expect(verifyInclusion(leaves[0], 0, 1, [], leaves[0])).toBe(true);
    expect(verifyInclusion(leaves[0], 0, 1, [leaves[1]], leaves[0])).toBe(false);
  });

  it('verifies random proofs over larger trees', () => {
    const all = syntheticLeaves(3000);
    const builder = MerkleProofBuilder.fromLeaves(all);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.nat(), (n, seed) => {
        const i = seed % n;
        return verifyInclusion(all[i], i, n, builder.inclusionProof(i, n), merkleRoot(all.slice(0, n)));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the same root as merkleRoot in the accumulator for sizes 1..300', () => {
    const leaves = syntheticLeaves(300);
    const acc = new MerkleAccumulator();
    expect(acc.root().equals(EMPTY_ROOT)).toBe(true);
    for (let n = 1; n <= 300; n++) {
      const r = acc.append(leaves[n - 1]);
      expect(acc.size).toBe(n);
      expect(toHex(r)).toBe(toHex(merkleRoot(leaves.slice(0, n))));
    }
  });

  it('restores a serialized accumulator and carries on appending', () => {
    const leaves = syntheticLeaves(130);
    const acc = new MerkleAccumulator();
    for (let n = 0; n < 130; n++) {
      const state = JSON.parse(JSON.stringify(acc.toJSON()));
      const restored = MerkleAccumulator.restore(state);
      expect(restored.size).toBe(n);
      expect(restored.root().equals(acc.root())).toBe(true);
      expect(restored.append(leaves[n]).equals(acc.append(leaves[n]))).toBe(true);
    }
  });

  it('rejects a corrupt accumulator state', () => {
    const acc = new MerkleAccumulator();
    for (const l of syntheticLeaves(5)) acc.append(l);
    const state = acc.toJSON();
    expect(state.frontier).toHaveLength(2);
    expect(() => MerkleAccumulator.restore({ ...state, size: 4 })).toThrow();
    expect(() => MerkleAccumulator.restore({ ...state, frontier: [state.frontier[0], 'zz'] })).toThrow();
    expect(() => MerkleAccumulator.restore({ ...state, frontier: [state.frontier[0], 'abcd'] })).toThrow();
    expect(() => MerkleAccumulator.restore({ size: -1, frontier: [] })).toThrow();
  });

  it('serves proofs over 100k leaves quickly once the memo is warm', () => {
    const n = 100_000;
    const leaves = syntheticLeaves(n);
    const builder = MerkleProofBuilder.fromLeaves(leaves);
    const root = builder.root(n); // warms the memo: about n hashes, once per process
    let slowest = 0;
    for (let k = 0; k < 100; k++) {
      const i = (k * 7919) % n;
      const t0 = performance.now();
      const path = builder.inclusionProof(i, n);
      slowest = Math.max(slowest, performance.now() - t0);
      expect(verifyInclusion(leaves[i], i, n, path, root)).toBe(true);
    }
    // Typically ~0.03 ms; the bound leaves room for a loaded CI machine.
    expect(slowest).toBeLessThan(50);
  });

  it('answers cold proofs from preloaded subtree roots', () => {
    const n = 5000;
    const leaves = syntheticLeaves(n);
    const stored = MerkleProofBuilder.fromLeaves(leaves).perfectRoots(6, n);
    expect(stored).toHaveLength(Math.floor(n / 64));
    const root = merkleRoot(leaves);
    const fresh = MerkleProofBuilder.fromLeaves(leaves);
    fresh.preload(6, stored);
    for (const i of [0, 63, 64, 2500, 4991, 4999]) {
      expect(verifyInclusion(leaves[i], i, n, fresh.inclusionProof(i, n), root)).toBe(true);
    }
    // The memo is really used: a wrong stored root yields a proof that does not verify.
    const tampered = MerkleProofBuilder.fromLeaves(leaves);
    tampered.preload(6, stored.map((h, i) => (i === 3 ? flipBit(h, 0) : h)));
    expect(verifyInclusion(leaves[0], 0, n, tampered.inclusionProof(0, n), root)).toBe(false);
  });

  it('rejects malformed hex strictly', () => {
    expect(() => fromHex('0g')).toThrow();
    expect(() => fromHex('abc')).toThrow();
    expect(() => fromHex('ab', 32)).toThrow();
    expect(toHex(fromHex('00ff'))).toBe('00ff');
  });
});
