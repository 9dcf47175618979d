import { createHash } from 'node:crypto';
import { ChainRevision, GENESIS_HASH, SEAL_ALGORITHM, sealHash, segmentHash, SegmentContent, verifyChain } from './transcript-chain';

const HEARING = '6f1c2a4e-0000-4000-8000-000000000001';

function content(seq: number, revision: number, text: string): SegmentContent {
  return { hearingId: HEARING, seq, revision, speaker: '王**', role: 'resident', text, at: '2026-03-02T02:00:00.000Z' };
}

function chain(texts: string[]): ChainRevision[] {
  let prev = GENESIS_HASH;
  return texts.map((text, i) => {
    const c = content(i + 1, 1, text);
    const hash = segmentHash(prev, c);
    const r = { ...c, prevHash: prev, hash };
    prev = hash;
    return r;
  });
}

describe('transcript chain', () => {
  it('hashes the previous hash bytes followed by the canonical JSON of a first revision', () => {
    const c = content(1, 1, '我反对第七条');
    const json = `{"at":"2026-03-02T02:00:00.000Z","hearingId":"${HEARING}","role":"resident","seq":1,"speaker":"王**","text":"我反对第七条"}`;
    const expected = createHash('sha256').update(Buffer.alloc(32)).update(json, 'utf8').digest('hex');
    expect(segmentHash(GENESIS_HASH, c)).toBe(expected);
  });

  it('names the revision in the hashed object of a later revision', () => {
    const first = segmentHash(GENESIS_HASH, content(1, 1, 'a'));
    const json = `{"at":"2026-03-02T02:00:00.000Z","hearingId":"${HEARING}","revision":2,"role":"resident","seq":1,"speaker":"王**","text":"b"}`;
    const expected = createHash('sha256').update(Buffer.from(first, 'hex')).update(json, 'utf8').digest('hex');
    expect(segmentHash(first, content(1, 2, 'b'))).toBe(expected);
  });

  it('verifies an intact chain with revisions and finds a changed text or a missing segment', () => {
    const revs = chain(['一', '二', '三']);
    const second = revs[1];
    const corrected = { ...content(2, 2, '二（更正）'), prevHash: second.hash, hash: segmentHash(second.hash, content(2, 2, '二（更正）')) };
    expect(verifyChain([...revs, corrected])).toBeNull();
    expect(verifyChain([revs[0], { ...revs[1], text: '改' }, revs[2]])).toMatch(/segment 2 revision 1 does not match/);
    expect(verifyChain([revs[0], revs[2]])).toMatch(/segment 2 is missing/);
  });

  it('seals over the canonical JSON of the record', () => {
    const record = {
      algorithm: SEAL_ALGORITHM,
      hearingId: HEARING,
      lastSeq: 1,
      chainHead: 'ab'.repeat(32),
      segments: [{ seq: 1, revision: 1, hash: 'ab'.repeat(32) }],
      representatives: [{ seatId: 's1', category: 'resident', confirmedAt: null }],
      confirmationDeadline: '2026-03-09T15:59:59.000Z',
      sealedAt: '2026-03-10T01:00:00.000Z',
    } as const;
    const json =
      `{"algorithm":"${SEAL_ALGORITHM}","chainHead":"${'ab'.repeat(32)}","confirmationDeadline":"2026-03-09T15:59:59.000Z",` +
      `"hearingId":"${HEARING}","lastSeq":1,"representatives":[{"category":"resident","confirmedAt":null,"seatId":"s1"}],` +
      `"sealedAt":"2026-03-10T01:00:00.000Z","segments":[{"hash":"${'ab'.repeat(32)}","revision":1,"seq":1}]}`;
    expect(sealHash({ ...record, segments: [...record.segments], representatives: [...record.representatives] })).toBe(
      createHash('sha256').update(json, 'utf8').digest('hex'),
    );
  });
});
