import canonicalize from 'canonicalize';
import { createHash, randomUUID } from 'node:crypto';
import { comment, offlineComment, StoredComment } from '../factories/comments';
import { createPublishedDraft, PublishedDraft } from '../factories/drafts';
import { resident, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../setup/test-app';

// An independent verifier: node:crypto, an RFC 8785 library and the RFC texts; nothing from the server.
const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const leafOf = (logged: object) => sha256(Buffer.from([0]), Buffer.from(canonicalize(logged)!, 'utf8'));

/** RFC 9162 §2.1.3.2. */
function verifyInclusion(leaf: Buffer, index: number, size: number, path: string[], root: string): boolean {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const hex of path) {
    const p = Buffer.from(hex, 'hex');
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = sha256(Buffer.from([1]), p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = sha256(Buffer.from([1]), r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.toString('hex') === root;
}

/** MTH(D[n]) of RFC 6962 §2.1, straight from the definition. */
function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return sha256(Buffer.alloc(0));
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha256(Buffer.from([1]), mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

describe('Comment log and proofs (e2e)', () => {
  let t: TestApp;
  let d: PublishedDraft;
  let authors: SignedIn[];
  let receipts: Array<StoredComment & { author: SignedIn | null }>;

  beforeAll(async () => {
    t = await createTestApp();
    d = await createPublishedDraft(t);
    authors = await Promise.all(['王小明', '李华', '张伟'].map((n) => resident(t, n)));
    receipts = [];
    for (let i = 0; i < 11; i++) {
      const who = authors[i % 3];
      const text = i === 4 ? '请联系我 13812345678，"引号" \\ 反斜杠\n换行 😀 <b>&</b>' : `第${i}条意见`;
      receipts.push({ ...(await comment(t, d.draftId, who, { text, stance: i % 2 ? 'oppose' : 'support' })), author: who });
      if (i === 6) receipts.push({ ...(await offlineComment(t, d.draftId, d.organizer)), author: null });
    }
  });

  afterAll(async () => {
    await t.close();
  });

  const proof = (id: string, who?: SignedIn | null, query = '') => {
    const req = t.http().get(`/api/comments/${id}/proof${query}`);
    return who ? req.set(who.auth) : req;
  };

  it('publishes the log head: {treeSize, rootHash} equal to RFC 6962 MTH over the stored leaves', async () => {
    const head = await t.http().get(`/api/drafts/${d.draftId}/log`).expect(200);
    expect(head.body.treeSize).toBe(12);
    const { rows } = await t.sql.query(`SELECT leaf_hash FROM comment WHERE draft_id = $1 ORDER BY seq`, [d.draftId]);
    expect(head.body.rootHash).toBe(mth(rows.map((r) => Buffer.from(r.leaf_hash, 'hex'))).toString('hex'));
  });

  it('every proof verifies without trusting the server: leaf recomputed from the logged JSON, path to the published root', async () => {
    const head = (await t.http().get(`/api/drafts/${d.draftId}/log`).expect(200)).body;
    for (const r of receipts) {
      const res = await proof(r.id, r.author ?? d.organizer).expect(200);
      const p = res.body;
      expect(p).toMatchObject({ leafIndex: r.seq - 1, treeSize: head.treeSize, rootHash: head.rootHash, leafHash: r.receipt.leafHash });
      expect(Object.keys(p.comment).sort()).toEqual(
        ['anchor', 'authorRef', 'channel', 'draftId', 'id', 'planIndex', 'quote', 'receivedAt', 'seq', 'stance', 'text', 'version'].sort(),
      );
      expect(p.comment).toMatchObject({ id: r.id, seq: r.seq, draftId: d.draftId, text: r.body.text, planIndex: null, quote: null });
      const leaf = leafOf(p.comment);
      expect(leaf.toString('hex')).toBe(r.receipt.leafHash);
      expect(verifyInclusion(leaf, p.leafIndex, p.treeSize, p.path, head.rootHash)).toBe(true);
      // The pseudonym carries no identity (R19).
      expect(p.comment.authorRef).not.toContain(r.author?.id ?? d.organizer.id);
    }
  });

  it('proves inclusion in the tree each receipt names (?treeSize=), whose root the receipt carries', async () => {
    for (const r of receipts) {
      expect(r.receipt.treeSize).toBe(r.seq);
      const p = (await proof(r.id, null, `?treeSize=${r.receipt.treeSize}`).expect(200)).body;
      expect(p.rootHash).toBe(r.receipt.rootHash);
      expect(verifyInclusion(Buffer.from(r.receipt.leafHash, 'hex'), r.seq - 1, r.receipt.treeSize, p.path, r.receipt.rootHash)).toBe(true);
    }
    // An earlier comment is also in every later tree.
    const first = receipts[0];
    const later = receipts[7];
    const p = (await proof(first.id, null, `?treeSize=${later.seq}`).expect(200)).body;
    expect(verifyInclusion(Buffer.from(first.receipt.leafHash, 'hex'), 0, later.seq, p.path, later.receipt.rootHash)).toBe(true);
  });

  it('gives the logged JSON only to its author and the unit staff: its text may hold personal data (R19)', async () => {
    const r = receipts[4];
    const open = (await proof(r.id).expect(200)).body;
    expect(open).toEqual({ leafIndex: r.seq - 1, leafHash: r.receipt.leafHash, treeSize: 12, rootHash: expect.any(String), path: expect.any(Array) });
    expect(JSON.stringify(open)).not.toContain('13812345678');
    const stranger = authors.find((a) => a !== r.author)!;
    expect((await proof(r.id, stranger).expect(200)).body.comment).toBeUndefined();
    expect((await proof(r.id, r.author).expect(200)).body.comment.text).toContain('13812345678');
    expect((await proof(r.id, d.reviewer).expect(200)).body.comment.text).toContain('13812345678');
    // An offline comment has no account: only staff get its JSON.
    const letter = receipts.find((x) => x.author === null)!;
    expect((await proof(letter.id, d.organizer).expect(200)).body.comment.channel).toBe('letter');
  });

  it('refuses a tree size the comment is not in (400), a size beyond the log (400), an unknown comment (404)', async () => {
    const r = receipts[5];
    expect((await proof(r.id, null, `?treeSize=${r.seq - 1}`).expect(400)).body.message).toMatch(/not yet in that tree/);
    expect((await proof(r.id, null, '?treeSize=13').expect(400)).body.message).toMatch(/larger than the log/);
    expect((await proof(r.id, null, '?treeSize=0').expect(400)).body.message).toMatch(/treeSize/);
    await proof(randomUUID()).expect(404);
    await t.http().get(`/api/drafts/${randomUUID()}/log`).expect(404);
  });

  describe('immutability in the database (R7)', () => {
    it('refuses an UPDATE of a stored comment in SQL', async () => {
      await expect(t.sql.query(`UPDATE comment SET text = 'changed' WHERE id = $1`, [receipts[1].id])).rejects.toThrow(/comment is append only: UPDATE refused/);
    });

    it('refuses a DELETE and a TRUNCATE in SQL', async () => {
      await expect(t.sql.query(`DELETE FROM comment WHERE id = $1`, [receipts[1].id])).rejects.toThrow(/comment is append only: DELETE refused/);
      await expect(t.sql.query(`TRUNCATE comment CASCADE`)).rejects.toThrow(/append only: TRUNCATE refused/);
      const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM comment WHERE draft_id = $1`, [d.draftId]);
      expect(rows[0].n).toBe(12);
    });

    it('a comment altered behind the guard’s back (trigger disabled by a superuser) no longer verifies against the published root', async () => {
      const published = (await t.http().get(`/api/drafts/${d.draftId}/log`).expect(200)).body;
      const victim = receipts[3];
      const before = (await proof(victim.id, victim.author).expect(200)).body;
      expect(verifyInclusion(leafOf(before.comment), before.leafIndex, before.treeSize, before.path, published.rootHash)).toBe(true);

      await t.sql.query(`ALTER TABLE comment DISABLE TRIGGER comment_immutable`);
      try {
        await t.sql.query(`UPDATE comment SET text = '我其实支持这个条款。', stance = 'support' WHERE id = $1`, [victim.id]);
      } finally {
        await t.sql.query(`ALTER TABLE comment ENABLE TRIGGER comment_immutable`);
      }

      const after = (await proof(victim.id, victim.author).expect(200)).body;
      expect(after.comment.text).toBe('我其实支持这个条款。');
      const forged = leafOf(after.comment);
      expect(forged.toString('hex')).not.toBe(victim.receipt.leafHash);
      expect(verifyInclusion(forged, after.leafIndex, after.treeSize, after.path, published.rootHash)).toBe(false);
      // Re-hashing the altered row into the log would change the root everyone already holds.
      const { rows } = await t.sql.query(`SELECT id, leaf_hash FROM comment WHERE draft_id = $1 ORDER BY seq`, [d.draftId]);
      const leaves = rows.map((r) => (r.id === victim.id ? forged : Buffer.from(r.leaf_hash, 'hex')));
      expect(mth(leaves).toString('hex')).not.toBe(published.rootHash);
    });
  });
});
