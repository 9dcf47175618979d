// The browser's receipt check (client/src/lib/merkle-verify.ts) against the server's log code:
// same hashes, and every proof the server's tree builder makes verifies in the client.
import { leafHashBytes, MerkleProofBuilder, toHex } from '../../src/modules/comments/log/merkle';
import { canonicalJson, checkProof, checkReceipt, fromHex, leafHashOf, verifyInclusion } from '../../client/src/lib/merkle-verify';

// The server's RFC 8785 library is an ES module Jest cannot load here; the proofs below use only
// the tree code, and canonical JSON is checked against literal RFC 8785 output instead.
jest.mock('canonicalize', () => () => {
  throw new Error('not used in this test');
});

const leafHash = (record: object) => leafHashBytes(Buffer.from(canonicalJson(record), 'utf8'));

const comment = (seq: number) => ({
  id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
  draftId: '11111111-1111-4111-8111-111111111111',
  version: 1,
  seq,
  anchor: 'a5',
  planIndex: seq % 3 === 0 ? 0 : null,
  quote: seq % 2 ? { start: 2, end: 9 } : null,
  stance: 'oppose',
  text: `第${seq}条意见："收费过高"\n\t😀 \u2028 <b>&</b>`,
  channel: 'web',
  receivedAt: new Date(Date.UTC(2026, 2, 1, 8, 0, seq)).toISOString(),
  authorRef: `ref-${seq}`,
});

describe('client merkle-verify', () => {
  it('canonicalizes as RFC 8785 says and hashes leaves as the server does', async () => {
    expect(canonicalJson(comment(1))).toBe(
      '{"anchor":"a5","authorRef":"ref-1","channel":"web","draftId":"11111111-1111-4111-8111-111111111111",' +
        '"id":"00000000-0000-4000-8000-000000000001","planIndex":null,"quote":{"end":9,"start":2},' +
        '"receivedAt":"2026-03-01T08:00:01.000Z","seq":1,"stance":"oppose",' +
        '"text":"第1条意见：\\"收费过高\\"\\n\\t😀 \u2028 <b>&</b>","version":1}',
    );
    // RFC 8785 §3.2.3 sorts keys by UTF-16 code units; numbers as ECMAScript writes them.
    expect(canonicalJson({ '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3, '1': 4, '\u00f6': 5 })).toBe('{"\\r":2,"1":4,"ö":5,"€":1,"😀":3}');
    expect(canonicalJson([1, 2.5, -0, 1e21, 1e-7, true, null])).toBe('[1,2.5,0,1e+21,1e-7,true,null]');
    for (const seq of [1, 2, 3]) expect(toHex(Buffer.from(await leafHashOf(comment(seq))))).toBe(toHex(leafHash(comment(seq))));
  });

  it('verifies every server proof in trees of 1 to 33 leaves, and refuses tampered ones', async () => {
    const leaves = Array.from({ length: 33 }, (_, i) => leafHash(comment(i + 1)));
    const builder = MerkleProofBuilder.fromLeaves(leaves);
    for (let size = 1; size <= 33; size++) {
      const root = builder.root(size);
      for (let i = 0; i < size; i++) {
        const path = builder.inclusionProof(i, size);
        expect(await verifyInclusion(leaves[i], i, size, path, root)).toBe(true);
        if (path.length) {
          const bad = path.map((p, j) => (j === path.length - 1 ? Buffer.from(p.map((b, k) => (k === 0 ? b ^ 1 : b))) : p));
          expect(await verifyInclusion(leaves[i], i, size, bad, root)).toBe(false);
        }
        expect(await verifyInclusion(leaves[i], i, i, path, root)).toBe(false);
        if (size > 1) expect(await verifyInclusion(leaves[(i + 1) % size], i, size, path, root)).toBe(false);
      }
    }
  });

  it('checks a receipt against the tree it names and the current tree, and the logged record when given', async () => {
    const leaves = Array.from({ length: 12 }, (_, i) => leafHash(comment(i + 1)));
    const builder = MerkleProofBuilder.fromLeaves(leaves);
    const proof = (index: number, size: number, record?: unknown) => ({
      leafIndex: index,
      leafHash: toHex(leaves[index]),
      treeSize: size,
      rootHash: toHex(builder.root(size)),
      path: builder.inclusionProof(index, size).map(toHex),
      ...(record ? { comment: record } : {}),
    });
    const receipt = { leafIndex: 4, leafHash: toHex(leaves[4]), treeSize: 5, rootHash: toHex(builder.root(5)) };
    expect(await checkReceipt(receipt, proof(4, 5), proof(4, 12, comment(5)))).toEqual({ ok: true });
    const altered = { ...comment(5), text: '已被修改' };
    expect(await checkReceipt(receipt, proof(4, 5), proof(4, 12, altered))).toEqual({ ok: false, reason: 'recordMismatch' });
    expect(await checkReceipt({ ...receipt, rootHash: toHex(builder.root(6)) }, proof(4, 5), proof(4, 12))).toEqual({ ok: false, reason: 'receiptRootMismatch' });
    expect(await checkProof(toHex(leaves[3]), proof(4, 12))).toEqual({ ok: false, reason: 'leafMismatch' });
    expect(await checkProof(receipt.leafHash, { ...proof(4, 12), path: ['zz'] })).toEqual({ ok: false, reason: 'badHex' });
    expect(fromHex('abc')).toBeNull();
  });
});
