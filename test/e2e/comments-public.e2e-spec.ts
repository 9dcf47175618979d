import { randomUUID } from 'node:crypto';
import { containsPersonalData } from '../../src/common/privacy/mask';
import { comment, offlineComment, StoredComment } from '../factories/comments';
import { createPublishedDraft, draftStaff, PublishedDraft } from '../factories/drafts';
import { resident, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../setup/test-app';
import { publicText } from '../support/public-text';

const DAY = 24 * 3600 * 1000;

const PERSONAL = '我的电话13812345678，邮箱wang.xm@example.com，身份证110101199003071234，住在某市和平区和平路88号3栋501室。第七条收费太高。';

describe('Comment lists (e2e)', () => {
  let t: TestApp;
  let d: PublishedDraft;
  let wang: SignedIn;
  let li: SignedIn;
  let personal: StoredComment;
  let letter: StoredComment;

  beforeAll(async () => {
    t = await createTestApp();
    d = await createPublishedDraft(t);
    wang = await resident(t, '王小明');
    li = await resident(t, '欧阳娜娜');
    personal = await comment(t, d.draftId, wang, { anchor: 'a7', stance: 'oppose', text: PERSONAL });
    await comment(t, d.draftId, li, { anchor: 'a7', stance: 'support', text: '支持第七条。' });
    await comment(t, d.draftId, li, { anchor: 'a3', stance: 'amend', text: '第三条建议补充社会参与方式。' });
    await comment(t, d.draftId, wang, { anchor: 'a7', stance: 'oppose', text: '反对分时段收费。' });
    letter = await offlineComment(t, d.draftId, d.organizer, { anchor: 'a5', stance: 'question', text: '配建标准是多少？' });
  });

  afterAll(async () => {
    await t.close();
  });

  const list = (query = '', who?: SignedIn) => {
    const req = t.http().get(`/api/drafts/${d.draftId}/comments${query}`);
    return who ? req.set(who.auth) : req;
  };

  describe('the public list (R19)', () => {
    it('lists every comment in log order with masked names and no contact data', async () => {
      const res = await list().expect(200);
      expect(res.body).toMatchObject({ total: 5, page: 1, pageSize: 20 });
      expect(res.body.items.map((c: any) => c.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(res.body.items.map((c: any) => c.authorName)).toEqual(['王**', '欧阳**', '欧阳**', '王**', '赵**']);
      const first = res.body.items[0];
      expect(first).toEqual({
        id: personal.id,
        seq: 1,
        version: 1,
        anchor: 'a7',
        planIndex: null,
        quote: null,
        stance: 'oppose',
        channel: 'web',
        receivedAt: expect.any(String),
        authorName: '王**',
        leafHash: personal.receipt.leafHash,
        hidden: false,
        text: expect.any(String),
      });
      expect(res.body.items[4]).toMatchObject({ channel: 'letter', authorName: '赵**' });
      for (const c of res.body.items) expect(Object.keys(c)).not.toEqual(expect.arrayContaining(['author', 'authorId', 'email', 'phone', 'address', 'enteredBy']));
    });

    it('masks phone numbers, emails, ID numbers and addresses typed into the text (R19)', async () => {
      const res = await list().expect(200);
      const text: string = res.body.items[0].text;
      expect(text).toContain('[手机号已隐藏]');
      expect(text).toContain('[邮箱已隐藏]');
      expect(text).toContain('[身份证号已隐藏]');
      expect(text).toContain('[地址已隐藏]');
      expect(text).toContain('第七条收费太高。');
      expect(containsPersonalData(publicText(res.body))).toBe(false);
      for (const secret of ['13812345678', 'wang.xm@example.com', '110101199003071234', '和平路88号', 'zhao.teacher@example.com', '13912345678', '王小明']) {
        expect(JSON.stringify(res.body)).not.toContain(secret);
      }
    });

    it('filters by unit and stance, with totals from the per-unit counters', async () => {
      const a7 = await list('?anchor=a7').expect(200);
      expect(a7.body.total).toBe(3);
      const oppose = await list('?anchor=a7&stance=oppose').expect(200);
      expect(oppose.body.total).toBe(2);
      expect(oppose.body.items.every((c: any) => c.stance === 'oppose' && c.anchor === 'a7')).toBe(true);
      const page2 = await list('?pageSize=2&page=2').expect(200);
      expect(page2.body).toMatchObject({ total: 5, page: 2, pageSize: 2 });
      expect(page2.body.items.map((c: any) => c.seq)).toEqual([3, 4]);
      await list('?stance=angry').expect(400);
      await list('?pageSize=101').expect(400);
    });

    it('is 404 for a draft the public cannot see yet, and for an unknown draft', async () => {
      const now = Date.now();
      const scheduled = await createPublishedDraft(t, {
        fields: { commentOpensAt: new Date(now + DAY).toISOString(), commentClosesAt: new Date(now + 15 * DAY).toISOString() },
      });
      await t.http().get(`/api/drafts/${scheduled.draftId}/comments`).expect(404);
      await t.http().get(`/api/drafts/${scheduled.draftId}/comments`).set(scheduled.organizer.auth).expect(200);
      await t.http().get(`/api/drafts/${randomUUID()}/comments`).expect(404);
    });
  });

  describe('the organizer’s full view (?full=true)', () => {
    it('keeps the originals: names, contact data and unmasked text', async () => {
      const res = await list('?full=true', d.organizer).expect(200);
      const first = res.body.items[0];
      expect(first).toMatchObject({ text: PERSONAL, authorName: '王小明', authorId: wang.id, author: { name: '王小明', email: null } });
      expect(res.body.items[4]).toMatchObject({
        channel: 'letter',
        enteredBy: d.organizer.id,
        author: { name: '赵老师', email: 'zhao.teacher@example.com', phone: '13912345678', address: '某市和平路88号3栋501室' },
      });
      expect(letter.seq).toBe(5);
    });

    it('is for the unit’s staff: reviewers too; residents and other units get 403', async () => {
      await list('?full=true', d.reviewer).expect(200);
      await list('?full=true', wang).expect(403);
      await list('?full=true').expect(403);
      const other = await draftStaff(t);
      await list('?full=true', other.organizer).expect(403);
    });
  });

  describe('moderation (R7)', () => {
    let target: StoredComment;
    beforeAll(async () => {
      target = await comment(t, d.draftId, li, { anchor: 'a9', stance: 'oppose', text: '你们这些人都是***，滚！反对罚款。' });
    });

    it('hides the text on public pages with the reason; the comment stays listed and counted', async () => {
      const before = (await list().expect(200)).body.total;
      const res = await t.http().post(`/api/comments/${target.id}/moderation`).set(d.organizer.auth).send({ hidden: true, reason: '含有辱骂性语言' }).expect(200);
      expect(res.body).toMatchObject({ commentId: target.id, hidden: true, reason: '含有辱骂性语言', moderatedBy: d.organizer.id });
      const pub = await list('?anchor=a9').expect(200);
      expect(pub.body.total).toBe(1);
      expect(pub.body.items[0]).toMatchObject({ id: target.id, hidden: true, hiddenReason: '含有辱骂性语言', stance: 'oppose' });
      expect(pub.body.items[0].text).toBeUndefined();
      expect((await list().expect(200)).body.total).toBe(before);
      // The record keeps the original.
      const full = await list('?full=true&anchor=a9', d.organizer).expect(200);
      expect(full.body.items[0]).toMatchObject({ hidden: true, hiddenReason: '含有辱骂性语言', text: '你们这些人都是***，滚！反对罚款。' });
      const { rows } = await t.sql.query(`SELECT text FROM comment WHERE id = $1`, [target.id]);
      expect(rows[0].text).toBe('你们这些人都是***，滚！反对罚款。');
    });

    it('shows it again when unhidden, and keeps both steps in history', async () => {
      await t.http().post(`/api/comments/${target.id}/moderation`).set(d.organizer.auth).send({ hidden: false }).expect(200);
      const pub = await list('?anchor=a9').expect(200);
      expect(pub.body.items[0]).toMatchObject({ hidden: false, text: expect.stringContaining('反对罚款') });
      const { rows } = await t.sql.query(`SELECT hidden, reason, moderated_by FROM comment_moderation_history WHERE comment_id = $1 ORDER BY id`, [target.id]);
      expect(rows).toEqual([
        { hidden: true, reason: '含有辱骂性语言', moderated_by: d.organizer.id },
        { hidden: false, reason: null, moderated_by: d.organizer.id },
      ]);
      await expect(t.sql.query(`DELETE FROM comment_moderation_history WHERE comment_id = $1`, [target.id])).rejects.toThrow(/append only/);
    });

    it('refuses to hide without a reason shown in its place (422 R7)', async () => {
      const res = await t.http().post(`/api/comments/${target.id}/moderation`).set(d.organizer.auth).send({ hidden: true }).expect(422);
      expect(res.body.message).toMatch(/^R7: /);
      await t.http().post(`/api/comments/${target.id}/moderation`).set(d.organizer.auth).send({ hidden: true, reason: '   ' }).expect(422);
    });

    it('is for the unit’s organizer: 403 for residents, reviewers and other units, 404 for an unknown comment, 400 for bad input', async () => {
      const body = { hidden: true, reason: '辱骂' };
      await t.http().post(`/api/comments/${target.id}/moderation`).set(wang.auth).send(body).expect(403);
      await t.http().post(`/api/comments/${target.id}/moderation`).set(d.reviewer.auth).send(body).expect(403);
      const other = await draftStaff(t);
      await t.http().post(`/api/comments/${target.id}/moderation`).set(other.organizer.auth).send(body).expect(403);
      await t.http().post(`/api/comments/${randomUUID()}/moderation`).set(d.organizer.auth).send(body).expect(404);
      const bad = await t.http().post(`/api/comments/${target.id}/moderation`).set(d.organizer.auth).send({ hidden: 'yes' }).expect(400);
      expect(bad.body.message).toMatch(/hidden must be true or false/);
      await t.http().post(`/api/comments/${target.id}/moderation`).send(body).expect(401);
    });
  });
});
