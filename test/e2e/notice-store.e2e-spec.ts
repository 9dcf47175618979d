// The notice table's writer: bulk batches go through COPY, everything else (and a batch that
// meets rows already written) through INSERT ... ON CONFLICT DO NOTHING; both store the same thing.
import { createHash } from 'node:crypto';
import type { NoticeDraft } from '../../src/modules/notices/notice.types';
import { NoticeStore } from '../../src/modules/notices/store/notice-store';
import { createPublishedDraft, PublishedDraft } from '../factories/drafts';
import { createTestApp, TestApp } from '../setup/test-app';

// Everything COPY's text format must escape, and some that it must not touch.
const AWKWARD = '您好：\n\t第五条 \\ 反斜杠 \\N 不是空值\r\n“引号” 😀 end\\';

function notices(draftId: string, version: string, n: number): NoticeDraft[] {
  return Array.from({ length: n }, (_, i) => ({
    recipient: `x.${createHash('md5').update(`person ${i}`).digest('hex')}`,
    userId: null,
    channel: i === 0 ? 'public' : 'email',
    kind: 'adoption_report',
    draftId,
    sourceVersion: version,
    recipientName: i % 2 ? `居民${i}` : null,
    address: i === 0 ? null : `person${i}@example.com`,
    subject: `【意见采纳情况】第${i}号`,
    body: `${AWKWARD} #${i}`,
    payload: { seq: i, note: AWKWARD, nested: { quote: '"\\"', list: [1, null, '\t'] } },
  }));
}

describe('Notice store (e2e)', () => {
  let t: TestApp;
  let d: PublishedDraft;
  let store: NoticeStore;

  beforeAll(async () => {
    t = await createTestApp();
    d = await createPublishedDraft(t);
    store = t.app.get(NoticeStore, { strict: false });
  });

  afterAll(async () => {
    await t.close();
  });

  const stored = async (version: string) =>
    (
      await t.sql.query(
        `SELECT recipient, channel, recipient_name, address, subject, body, payload, status, delivered_at, queued_at
           FROM notice WHERE draft_id = $1 AND source_version = $2 ORDER BY subject`,
        [d.draftId, version],
      )
    ).rows;

  it('stores a bulk batch exactly as composed: text, JSON, NULLs, settled public rows, queued stamps', async () => {
    const batch = notices(d.draftId, '1', 150);
    const pending = await store.insert(batch, { queued: true });
    expect(pending).toHaveLength(149); // the public row needs no delivery
    const rows = await stored('1');
    expect(rows).toHaveLength(150);
    const bySubject = new Map(batch.map((n) => [n.subject, n]));
    for (const r of rows) {
      const n = bySubject.get(r.subject)!;
      expect({ body: r.body, payload: r.payload, name: r.recipient_name, address: r.address }).toEqual({
        body: n.body,
        payload: n.payload,
        name: n.recipientName,
        address: n.address,
      });
      expect(r.queued_at).not.toBeNull();
      expect(r.status).toBe(n.channel === 'public' ? 'delivered' : 'pending');
      expect(r.delivered_at === null).toBe(n.channel !== 'public');
    }
  });

  it('finishes a batch of which part was written before (a resumed run): each row once, every pending one returned', async () => {
    const batch = notices(d.draftId, '2', 150);
    await store.insert(batch.slice(0, 60), { queued: false });
    const pending = await store.insert(batch, { queued: true });
    expect(pending).toHaveLength(149);
    expect(new Set(pending.map((p) => p.recipient)).size).toBe(149);
    const rows = await stored('2');
    expect(rows).toHaveLength(150);
    expect(rows.every((r: { body: string }) => r.body.startsWith(AWKWARD))).toBe(true);
    // Nothing written twice: the whole batch again adds no row.
    expect(await store.insert(batch, { queued: true })).toHaveLength(149);
    expect(await stored('2')).toHaveLength(150);
  });
});
