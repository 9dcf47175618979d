import { Queue } from 'bullmq';
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { containsPersonalData } from '../../src/common/privacy/mask';
import { analysisCaughtUp, comment, disposeAll, offlineComment, StoredComment } from '../factories/comments';
import { closeDraftNow, createPublishedDraft, draftStaff, PublishedDraft } from '../factories/drafts';
import { resident, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../setup/test-app';
import { TEST_REDIS_URL } from '../setup/test-env';
import { publicText } from '../support/public-text';

const CAMPAIGN = '坚决反对第七条道路停车泊位分时段差别化收费的规定，这会大大增加老旧小区居民的停车负担，请取消该条，保留夜间免费停车政策';
const SCRIPT = '<script>alert("x")</script> & "引号" 第九条罚款过重';

// The report's tree verified independently: RFC 6962 over the stored leaves.
const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha256(Buffer.from([1]), mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

describe('Adoption report (e2e)', () => {
  let t: TestApp;
  let d: PublishedDraft;
  let people: SignedIn[];
  let campaign: StoredComment[];
  let personal: StoredComment;
  let abusive: StoredComment;
  let script: StoredComment;
  let letter: StoredComment;
  let queue: Queue;

  const publish = (who: SignedIn = d.organizer) => t.http().post(`/api/drafts/${d.draftId}/adoption-report`).set(who.auth);
  const report = (query = '', who?: SignedIn) => {
    const req = t.http().get(`/api/drafts/${d.draftId}/adoption-report${query}`);
    return who ? req.set(who.auth) : req;
  };

  beforeAll(async () => {
    t = await createTestApp();
    queue = new Queue('notices', { connection: { url: TEST_REDIS_URL } as never, prefix: `${t.cfg.REDIS_PREFIX}:bull` });
    d = await createPublishedDraft(t);
    people = await Promise.all(Array.from({ length: 7 }, (_, i) => resident(t, `王小${'一二三四五六七'[i]}`)));
    campaign = [];
    for (let i = 0; i < 5; i++) campaign.push(await comment(t, d.draftId, people[i], { anchor: 'a7', stance: 'oppose', text: `${CAMPAIGN}${'！'.repeat(i)}` }));
    personal = await comment(t, d.draftId, people[5], { anchor: 'a3', stance: 'support', text: '支持。有事请打13812345678或发邮件到wang5@example.com。' });
    abusive = await comment(t, d.draftId, people[6], { anchor: 'a9', stance: 'oppose', text: '一群***，反对罚款！' });
    script = await comment(t, d.draftId, people[6], { anchor: 'a9', stance: 'other', text: SCRIPT });
    letter = await offlineComment(t, d.draftId, d.organizer, { anchor: 'a5', stance: 'amend', channel: 'fax', text: '建议提高配建标准。' });
    await t.http().post(`/api/comments/${abusive.id}/moderation`).set(d.organizer.auth).send({ hidden: true, reason: '含有辱骂性语言' }).expect(200);
    await analysisCaughtUp(t, d.draftId, d.organizer);
  });

  afterAll(async () => {
    await queue.close();
    await t.close();
  });

  it('is refused while the comment window is open (409)', async () => {
    const res = await publish().expect(409);
    expect(res.body.message).toMatch(/after the comment window closes; the draft is open/);
    await report().expect(404);
  });

  it('refuses deciding the draft before the report is published (422 R9)', async () => {
    await closeDraftNow(t, d.draftId);
    const res = await t.http().post(`/api/drafts/${d.draftId}/decide`).set(d.organizer.auth).send({}).expect(422);
    expect(res.body.message).toMatch(/^R9: /);
  });

  it('refuses to publish while any comment has no disposition (422 R9)', async () => {
    const res = await publish().expect(422);
    expect(res.body.message).toMatch(/^R9: 9 comment\(s\) have no disposition/);
    for (const c of [personal, abusive, script, letter]) {
      await t.http().put(`/api/comments/${c.id}/disposition`).set(d.organizer.auth).send({ outcome: 'adopted' }).expect(200);
    }
    for (const c of campaign.slice(0, 4)) {
      await t.http().put(`/api/comments/${c.id}/disposition`).set(d.organizer.auth).send({ outcome: 'not_adopted', basis: 'feasibility', reason: '不可行' }).expect(200);
    }
    const one = await publish().expect(422);
    expect(one.body.message).toMatch(/^R9: 1 comment\(s\) have no disposition/);
    const { rows } = await t.sql.query(`SELECT status FROM draft WHERE id = $1`, [d.draftId]);
    expect(rows[0].status).toBe('closed');
  });

  it('refuses a concentrated opinion not adopted without the cluster’s reason (422 R8)', async () => {
    await t.http().put(`/api/comments/${campaign[4].id}/disposition`).set(d.organizer.auth).send({ outcome: 'not_adopted', basis: 'feasibility', reason: '不可行' }).expect(200);
    const res = await publish().expect(422);
    expect(res.body.message).toMatch(new RegExp(`^R8: the concentrated opinion ${campaign[0].id} \\(5 comments\\)`));
  });

  it('is for the unit’s organizer (403 otherwise)', async () => {
    await publish(d.reviewer).expect(403);
    await publish(people[0]).expect(403);
    const other = await draftStaff(t);
    await publish(other.organizer).expect(403);
  });

  let published: any;

  it('publishes the report: counts, every comment with its disposition, clusters, per-article summary, log root (R9)', async () => {
    await t
      .http()
      .put(`/api/drafts/${d.draftId}/clusters/${campaign[0].id}/disposition`)
      .set(d.organizer.auth)
      .send({ outcome: 'not_adopted', basis: 'reasonableness', reason: '分时段收费为缓解停车难所必需，夜间已减免。' })
      .expect(200);
    const res = await publish().expect(201);
    published = res.body;
    const log = (await t.http().get(`/api/drafts/${d.draftId}/log`).expect(200)).body;
    expect(published).toMatchObject({
      format: 'adoption-report/1',
      reportVersion: 1,
      log: { treeSize: 9, rootHash: log.rootHash },
      totals: {
        comments: 9,
        participants: 8,
        hidden: 1,
        byChannel: { web: 8, fax: 1 },
        byStance: { oppose: 6, support: 1, other: 1, amend: 1 },
        byOutcome: { not_adopted: 5, adopted: 4 },
      },
      concentrationThreshold: 5,
    });
    const { rows } = await t.sql.query(`SELECT leaf_hash FROM comment WHERE draft_id = $1 ORDER BY seq`, [d.draftId]);
    expect(mth(rows.map((r) => Buffer.from(r.leaf_hash, 'hex'))).toString('hex')).toBe(published.log.rootHash);
    expect(published.comments.map((c: any) => c.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(published.clusters).toEqual([
      expect.objectContaining({ id: campaign[0].id, size: 5, concentrated: true, outcome: 'not_adopted', reason: '分时段收费为缓解停车难所必需，夜间已减免。' }),
    ]);
    expect(published.units.map((u: any) => [u.anchor, u.label, u.total])).toEqual([
      ['a3', '第三条', 1],
      ['a5', '第五条', 1],
      ['a7', '第七条', 5],
      ['a9', '第九条', 2],
    ]);
    expect(published.units[2].byOutcome).toEqual({ not_adopted: 5 });
    // The staff's copy keeps the originals.
    expect(published.comments.find((c: any) => c.id === letter.id).author).toMatchObject({ name: '赵老师', email: 'zhao.teacher@example.com' });
  });

  it('moves the draft to reported, lets it be decided, and records the step in its history', async () => {
    const draft = await t.http().get(`/api/drafts/${d.draftId}`).expect(200);
    expect(draft.body.status).toBe('reported');
    const history = await t.http().get(`/api/drafts/${d.draftId}/history`).expect(200);
    expect(history.body.items.map((e: any) => e.action)).toContain('reported');
    const { rows } = await t.sql.query(`SELECT report_version, tree_size::int, root_hash, published_by FROM adoption_report WHERE draft_id = $1`, [d.draftId]);
    expect(rows).toEqual([{ report_version: 1, tree_size: 9, root_hash: published.log.rootHash, published_by: d.organizer.id }]);
  });

  it('queues one notices fan-out job for the published report', async () => {
    const job = await queue.getJob(`fanout-adoption_report-${d.draftId}-1`);
    expect(job).toBeDefined();
    expect(job!.name).toBe('fan-out');
    expect(job!.data).toEqual({ kind: 'adoption_report', draftId: d.draftId, reportVersion: 1 });
    const { rows } = await t.sql.query(`SELECT fanout_queued_at FROM adoption_report WHERE draft_id = $1`, [d.draftId]);
    expect(rows[0].fanout_queued_at).not.toBeNull();
  });

  describe('GET /api/drafts/:id/adoption-report', () => {
    it('shows the public every comment, opposing ones included, with names masked and no personal data (R7, R19)', async () => {
      const res = await report().expect(200);
      expect(res.body.comments).toHaveLength(9);
      expect(res.body.comments.filter((c: any) => c.stance === 'oppose')).toHaveLength(6);
      expect(res.body.publishedBy).toBeUndefined();
      expect(containsPersonalData(publicText(res.body))).toBe(false);
      for (const secret of ['13812345678', 'wang5@example.com', 'zhao.teacher@example.com', '13912345678', '和平路88号', '王小一', '赵老师']) {
        expect(JSON.stringify(res.body)).not.toContain(secret);
      }
      const mine = res.body.comments.find((c: any) => c.id === personal.id);
      expect(mine).toMatchObject({ author: { name: '王**' }, text: expect.stringContaining('[手机号已隐藏]') });
      expect(Object.keys(mine.author)).toEqual(['name']);
    });

    it('shows a hidden comment as hidden, with its reason, stance and disposition but without its text (R7)', async () => {
      const res = await report().expect(200);
      const hidden = res.body.comments.find((c: any) => c.id === abusive.id);
      expect(hidden).toMatchObject({ hidden: true, hiddenReason: '含有辱骂性语言', stance: 'oppose', disposition: { outcome: 'adopted' } });
      expect(hidden.text).toBeUndefined();
      const full = await report('?full=true', d.organizer).expect(200);
      expect(full.body.comments.find((c: any) => c.id === abusive.id).text).toBe('一群***，反对罚款！');
    });

    it('gives the originals with full=true to unit staff only (403 otherwise)', async () => {
      await report('?full=true', d.reviewer).expect(200);
      await report('?full=true', people[0]).expect(403);
      await report('?full=true').expect(403);
    });

    it('renders print-ready HTML with every value escaped', async () => {
      const res = await report('?format=html').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
      const html = res.text;
      expect(html).toContain('公众参与情况说明');
      expect(html).toContain('@page');
      expect(html).not.toContain('<script>');
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;引号&quot;');
      expect(html).toContain(published.log.rootHash);
      expect(html).not.toContain('13812345678');
      expect(html).toContain('〔已隐藏 hidden：含有辱骂性语言〕');
      expect(html).not.toContain('一群***');
    });

    it('exports CSV (UTF-8 with BOM, formula-safe) and XLSX', async () => {
      const csv = await report('?format=csv').buffer(true).parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const text = (csv.body as Buffer).toString('utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      expect(text).toContain('"<script>alert(""x"")</script> & ""引号"" 第九条罚款过重"');
      expect(text).not.toContain('13812345678');

      const xlsx = await report('?format=xlsx&full=true', d.organizer).buffer(true).parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.body as never);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['概况 Summary', '意见 Comments', '聚类 Clusters', '条款 Units']);
      expect(wb.getWorksheet('意见 Comments')!.rowCount).toBe(10);
      const emails = wb.getWorksheet('意见 Comments')!.getColumn(7).values;
      expect(emails).toContain('zhao.teacher@example.com');
      await report('?format=pdf').expect(400);
    });
  });

  it('lets a receipt holder prove their comment is in the tree the report states', async () => {
    const p = (await t.http().get(`/api/comments/${personal.id}/proof?treeSize=${published.log.treeSize}`).expect(200)).body;
    expect(p.rootHash).toBe(published.log.rootHash);
    expect(p.leafHash).toBe(personal.receipt.leafHash);
  });

  it('lets no comment in after publication, so the stated root stays the log’s (R9)', async () => {
    const { rows } = await t.sql.query(`SELECT comment_closes_at FROM draft WHERE id = $1`, [d.draftId]);
    const inTime = new Date(new Date(rows[0].comment_closes_at).getTime() - 1000).toISOString();
    const res = await t
      .http()
      .post(`/api/drafts/${d.draftId}/comments/offline`)
      .set(d.organizer.auth)
      .send({ anchor: 'a1', stance: 'support', text: '迟到的信件', channel: 'letter', receivedAt: inTime, author: { name: '周先生' } })
      .expect(409);
    expect(res.body.message).toMatch(/reported/);
    const log = (await t.http().get(`/api/drafts/${d.draftId}/log`).expect(200)).body;
    expect(log).toEqual(published.log);
  });

  it('keeps a published report unchanged in the database', async () => {
    await expect(t.sql.query(`UPDATE adoption_report SET snapshot = '{}' WHERE draft_id = $1`, [d.draftId])).rejects.toThrow(/never changed/);
    await expect(t.sql.query(`DELETE FROM adoption_report WHERE draft_id = $1`, [d.draftId])).rejects.toThrow(/never changed/);
  });

  it('publishes a corrected version after a disposition changes, keeping version 1', async () => {
    await t.http().put(`/api/comments/${letter.id}/disposition`).set(d.organizer.auth).send({ outcome: 'partially_adopted', reason: '部分采纳' }).expect(200);
    const res = await publish().expect(201);
    expect(res.body).toMatchObject({ reportVersion: 2, log: published.log, totals: { byOutcome: { adopted: 3, partially_adopted: 1, not_adopted: 5 } } });
    expect((await report().expect(200)).body.reportVersion).toBe(2);
    expect((await report('?reportVersion=1').expect(200)).body.totals.byOutcome).toEqual({ not_adopted: 5, adopted: 4 });
    await report('?reportVersion=3').expect(404);
    const job = await queue.getJob(`fanout-adoption_report-${d.draftId}-2`);
    expect(job!.data).toEqual({ kind: 'adoption_report', draftId: d.draftId, reportVersion: 2 });
    const history = await t.http().get(`/api/drafts/${d.draftId}/history`).expect(200);
    expect(history.body.items.map((e: any) => e.action)).toContain('report_corrected');
  });

  it('lets the draft be decided once the report is published (R9)', async () => {
    await t.http().post(`/api/drafts/${d.draftId}/decide`).set(d.organizer.auth).send({}).expect(200);
    // Decided: dispositions and reports are final now.
    await t.http().put(`/api/comments/${letter.id}/disposition`).set(d.organizer.auth).send({ outcome: 'adopted' }).expect(409);
    await publish().expect(409);
  });

  it('publishes a report for a draft nobody commented on', async () => {
    const empty = await createPublishedDraft(t);
    await closeDraftNow(t, empty.draftId);
    const res = await t.http().post(`/api/drafts/${empty.draftId}/adoption-report`).set(empty.organizer.auth).expect(201);
    expect(res.body).toMatchObject({ totals: { comments: 0, participants: 0 }, log: { treeSize: 0 }, comments: [], clusters: [] });
  });

  it('disposeAll (factory) makes any closed draft publishable', async () => {
    const other = await createPublishedDraft(t);
    for (let i = 0; i < 3; i++) await comment(t, other.draftId, people[i]);
    await closeDraftNow(t, other.draftId);
    expect(await disposeAll(t, other.draftId, other.organizer)).toBe(3);
    await t.http().post(`/api/drafts/${other.draftId}/adoption-report`).set(other.organizer.auth).expect(201);
  });
});
