import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { comment, offlineComment } from '../factories/comments';
import { createPublishedDraft, PublishedDraft } from '../factories/drafts';
import { dispose, eventually, inbox, publishReport, settled, verifiedResident } from '../factories/notices';
import { resident, SignedIn, staff } from '../factories/users';
import { startSmtpSink } from '../setup/smtp-sink';
import { createTestApp, TestApp } from '../setup/test-app';

type Sink = Awaited<ReturnType<typeof startSmtpSink>>;

const NOT_ADOPTED = { outcome: 'not_adopted', basis: 'feasibility', reason: '现有财力无法支持夜间免费停车' };
const ADOPTED = { outcome: 'adopted', reason: '已在第七条中增加夜间优惠' };
const CONCENTRATED_REASON = '夜间收费用于调节停车需求，取消后将加剧占道停车';

/** Notices only: account mail (email verification) goes through the same SMTP server. */
const noticeMails = (smtp: Sink) => smtp.mails.filter((m) => m.messageId.startsWith('<notice-'));

describe('Notices of the adoption report (R10)', () => {
  let t: TestApp;
  let smtp: Sink;
  let d: PublishedDraft;
  let wang: SignedIn; // verified, two comments
  let li: SignedIn; // verified, one comment
  let zhou: SignedIn; // not verified: inbox only
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: smtp.url });
    await t.startWorker();
    d = await createPublishedDraft(t);
    wang = await verifiedResident(t, '王小明');
    li = await verifiedResident(t, '李华');
    zhou = await resident(t, '周杰');
    ids.wang1 = (await comment(t, d.draftId, wang, { anchor: 'a7', stance: 'amend', text: '建议夜间二十时后道路停车免费。' })).id;
    ids.wang2 = (await comment(t, d.draftId, wang, { anchor: 'a9', stance: 'oppose', text: '罚款额度过高，建议降低到二百元。' })).id;
    ids.li = (await comment(t, d.draftId, li, { anchor: 'a5', stance: 'support', text: '支持新建小区按标准配建停车场。' })).id;
    ids.zhou = (await comment(t, d.draftId, zhou, { anchor: 'a8', stance: 'question', text: '内部停车场开放后安全由谁负责？' })).id;
    // Offline authors: one with an email, one with only a postal address, one with only a phone.
    ids.zhao = (await offlineComment(t, d.draftId, d.organizer, { text: '信函意见：建议增设充电车位。', author: { name: '赵老师', email: 'zhao.teacher@example.com' } })).id;
    ids.qian = (await offlineComment(t, d.draftId, d.organizer, { text: '来信建议老旧小区增加停车位。', author: { name: '钱大爷', address: '某市和平路88号3栋501室' } })).id;
    ids.sun = (await offlineComment(t, d.draftId, d.organizer, { channel: 'phone', text: '电话意见：希望公布监督电话。', author: { name: '孙女士', phone: '13912345678' } })).id;
    // Two near-duplicates make a cluster; with the threshold at 2 it is a concentrated opinion (R8).
    const chen = await resident(t, '陈静');
    const lin = await resident(t, '林峰');
    ids.chen = (await comment(t, d.draftId, chen, { anchor: 'a7', stance: 'oppose', text: '反对道路停车按小时收费，建议取消夜间停车收费，减轻居民负担。' })).id;
    ids.lin = (await comment(t, d.draftId, lin, { anchor: 'a7', stance: 'oppose', text: '反对道路停车按小时收费，建议取消夜间停车收费，减轻居民的负担。' })).id;
    await t.http().put(`/api/drafts/${d.draftId}/analysis/settings`).set(d.organizer.auth).send({ concentrationThreshold: 2 }).expect(200);
    const analysis = await eventually(async () => {
      const res = await t.http().get(`/api/drafts/${d.draftId}/analysis`).set(d.organizer.auth).expect(200);
      return res.body.clusters.find((c: any) => c.commentIds.includes(ids.chen) && c.concentrated);
    }, 20000, 'the near-duplicate cluster');
    await t.http().put(`/api/drafts/${d.draftId}/clusters/${analysis.id}/disposition`).set(d.organizer.auth).send({ outcome: 'not_adopted', basis: 'reasonableness', reason: CONCENTRATED_REASON }).expect(200);
    await dispose(t, d.organizer, ids.wang1, NOT_ADOPTED);
    await dispose(t, d.organizer, ids.wang2, { outcome: 'partially_adopted', reason: '罚款下限调整为三百元' });
    for (const k of ['li', 'zhou', 'zhao', 'qian', 'sun']) await dispose(t, d.organizer, ids[k], ADOPTED);
    await publishReport(t, d);
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('emails every reachable participant exactly once with the outcome of their own comments (R10)', async () => {
    const progress = await settled(t, d.draftId, d.organizer, 'adoption_report');
    // Eight participants: seven reachable (the letter waits for the organizer), one only through the public report.
    expect(progress).toMatchObject({ kind: 'adoption_report', sourceVersion: '1', total: 7, delivered: 6, failed: 0, pending: 1, unreachable: 1 });
    const byRecipient = new Map<string, number>();
    for (const m of noticeMails(smtp)) for (const to of m.to) byRecipient.set(to, (byRecipient.get(to) ?? 0) + 1);
    expect(Object.fromEntries(byRecipient)).toEqual({ [wang.email]: 1, [li.email]: 1, 'zhao.teacher@example.com': 1 });

    const toWang = noticeMails(smtp).find((m) => m.to.includes(wang.email))!;
    expect(toWang.subject).toContain('意见采纳情况');
    expect(toWang.messageId).toMatch(/^<notice-[0-9a-f-]{36}@consult>$/);
    expect(toWang.text).toContain('不予采纳（可行性）');
    expect(toWang.text).toContain('现有财力无法支持夜间免费停车');
    expect(toWang.text).toContain('部分采纳');
    expect(toWang.text).toContain('罚款下限调整为三百元');
    expect(toWang.text).toContain(`/#/drafts/${d.draftId}/report`);
    expect(toWang.text).not.toContain('支持新建小区'); // someone else's comment
    const toLi = noticeMails(smtp).find((m) => m.to.includes(li.email))!;
    expect(toLi.text).toContain('采纳');
    expect(toLi.text).not.toContain('现有财力');
  });

  it('tells every participant why the concentrated opinion was not adopted (R8, R10)', async () => {
    for (const mail of noticeMails(smtp).filter((m) => m.subject.includes('【意见采纳情况】'))) {
      expect(mail.text).toContain('相对集中但未予采纳的意见及理由');
      expect(mail.text).toContain(`理由（合理性）：${CONCENTRATED_REASON}`);
      expect(mail.text).toContain('共 2 条相同或相近意见');
    }
    const box = await inbox(t, zhou);
    expect(box.items[0].payload.concentrated).toEqual([expect.objectContaining({ size: 2, basis: 'reasonableness', reason: CONCENTRATED_REASON })]);
  });

  it('puts one notice in the inbox of every participant with an account, verified or not', async () => {
    for (const who of [wang, li, zhou]) {
      const box = await inbox(t, who);
      expect(box.total).toBe(1);
      expect(box.unread).toBe(1);
      expect(box.items[0]).toMatchObject({ kind: 'adoption_report', draftId: d.draftId });
      expect(box.items[0].deliveredAt).toBeTruthy();
    }
    const box = await inbox(t, wang);
    expect(box.items[0].payload.comments.map((c: any) => [c.commentId, c.outcome])).toEqual([
      [ids.wang1, 'not_adopted'],
      [ids.wang2, 'partially_adopted'],
    ]);
    await t.http().post(`/api/me/notices/${box.items[0].id}/read`).set(wang.auth).expect(200);
    expect((await inbox(t, wang)).unread).toBe(0);
    await t.http().post(`/api/me/notices/${box.items[0].id}/read`).set(li.auth).expect(404);
  });

  it('prepares a letter for the participant with only a postal address, masked for the public (R19)', async () => {
    const staffView = await t.http().get(`/api/drafts/${d.draftId}/notices/letters`).set(d.organizer.auth).expect(200);
    expect(staffView.body.total).toBe(1);
    expect(staffView.body.items[0]).toMatchObject({ recipientName: '钱大爷', address: '某市和平路88号3栋501室', status: 'pending' });
    const html = await t.http().get(`/api/drafts/${d.draftId}/notices/letters?format=html`).set(d.organizer.auth).expect(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toContain('钱大爷');
    const publicView = await t.http().get(`/api/drafts/${d.draftId}/notices/letters`).expect(200);
    expect(JSON.stringify(publicView.body)).not.toMatch(/钱大爷|和平路/);
    expect(publicView.body.items[0].recipientName).toBe('钱**');
    await t.http().get(`/api/drafts/${d.draftId}/notices/letters?format=html`).set(wang.auth).expect(403);
  });

  it('lists the participant nobody can reach, masked for the public, as told by the public report (R10, R19)', async () => {
    const pub = await t.http().get(`/api/drafts/${d.draftId}/notices/unreachable`).expect(200);
    expect(pub.body.items).toEqual([expect.objectContaining({ recipientName: '孙**', coveredBy: 'public_report', comments: 1 })]);
    expect(JSON.stringify(pub.body)).not.toContain('13912345678');
    const staffView = await t.http().get(`/api/drafts/${d.draftId}/notices/unreachable`).set(d.organizer.auth).expect(200);
    expect(staffView.body.items[0]).toMatchObject({ recipientName: '孙女士', phone: '13912345678' });
  });

  it('publishing the report again or retrying the fan-out tells nobody twice', async () => {
    const before = noticeMails(smtp).length;
    const rows = (await t.sql.query(`SELECT count(*)::int AS n FROM notice WHERE draft_id = $1`, [d.draftId])).rows[0].n;
    // A second publication with no changed disposition is a correction that concerns nobody.
    await publishReport(t, d);
    await settled(t, d.draftId, d.organizer, 'adoption_report_correction');
    // The fan-out of version 1 runs again (as after a crash).
    const queue = t.app.get<Queue>(getQueueToken('notices'));
    const old = await queue.getJob(`fanout-adoption_report-${d.draftId}-1`);
    await old?.remove();
    await queue.add('fan-out', { kind: 'adoption_report', draftId: d.draftId, reportVersion: 1 }, { jobId: `fanout-adoption_report-${d.draftId}-1` });
    await eventually(async () => {
      const job = await queue.getJob(`fanout-adoption_report-${d.draftId}-1`);
      const state = await job?.getState();
      if (state === 'failed') throw new Error(job!.failedReason);
      return state === 'completed';
    }, 20000, 'the repeated fan-out');
    await new Promise((r) => setTimeout(r, 1500));
    expect(noticeMails(smtp).length).toBe(before);
    expect((await t.sql.query(`SELECT count(*)::int AS n FROM notice WHERE draft_id = $1`, [d.draftId])).rows[0].n).toBe(rows);
    for (const who of [wang, li, zhou]) expect((await inbox(t, who)).total).toBe(1);
  });

  it('a corrected report tells only the participants whose outcome changed, and what changed', async () => {
    const before = noticeMails(smtp).length;
    await dispose(t, d.organizer, ids.wang1, { outcome: 'adopted', reason: '经重新测算，夜间免费可行' });
    await publishReport(t, d);
    const mail = await smtp.waitFor((m) => m.subject.includes('更正'));
    await settled(t, d.draftId, d.organizer, 'adoption_report_correction');
    expect(noticeMails(smtp).length).toBe(before + 1);
    expect(mail.to).toEqual([wang.email]);
    expect(mail.text).toContain('原处理结果：不予采纳（可行性）');
    expect(mail.text).toContain('更正后：采纳');
    expect(mail.text).not.toContain('罚款'); // the unchanged comment is not repeated
    expect((await inbox(t, li)).total).toBe(1);
    expect((await inbox(t, wang)).items[0].kind).toBe('adoption_report_correction');
  });
});

describe('Notice progress and the organizer views: who may see what', () => {
  let t: TestApp;
  let smtp: Sink;
  let d: PublishedDraft;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: smtp.url });
    d = await createPublishedDraft(t);
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('shows progress to the unit staff only', async () => {
    const other = await createPublishedDraft(t);
    const someone = await resident(t);
    await t.http().get(`/api/drafts/${d.draftId}/notices`).expect(401);
    await t.http().get(`/api/drafts/${d.draftId}/notices`).set(someone.auth).expect(403);
    await t.http().get(`/api/drafts/${d.draftId}/notices`).set(other.organizer.auth).expect(403);
    await t.http().get(`/api/drafts/${d.draftId}/notices/failures`).set(other.organizer.auth).expect(403);
    await t.http().post(`/api/drafts/${d.draftId}/notices/retry`).set(other.organizer.auth).expect(403);
    await t.http().post(`/api/drafts/${d.draftId}/notices/retry`).set(d.reviewer.auth).expect(403);
    const res = await t.http().get(`/api/drafts/${d.draftId}/notices`).set(d.reviewer.auth).expect(200);
    expect(res.body).toMatchObject({ total: 0, delivered: 0, failed: 0, pending: 0, kind: null });
  });

  it('answers 400 naming the field for bad input and 404 for an unknown draft', async () => {
    const bad = await t.http().get('/api/drafts/nope/notices').set(d.organizer.auth).expect(400);
    expect(bad.body.message).toContain('id');
    const kind = await t.http().get(`/api/drafts/${d.draftId}/notices?kind=gossip`).set(d.organizer.auth).expect(400);
    expect(kind.body.message).toContain('kind');
    const page = await t.http().get('/api/me/notices?pageSize=1000').set(d.organizer.auth).expect(400);
    expect(page.body.message).toContain('pageSize');
    await t.http().get('/api/drafts/00000000-0000-4000-8000-000000000000/notices').set(d.organizer.auth).expect(404);
    await t.http().post('/api/me/notices/00000000-0000-4000-8000-000000000000/read').set(d.organizer.auth).expect(404);
    const ids = await t.http().post(`/api/drafts/${d.draftId}/notices/letters/mailed`).set(d.organizer.auth).send({ ids: ['x'] }).expect(400);
    expect(ids.body.message).toContain('ids');
    await t.http().get('/api/me/notices').expect(401);
  });

  it('lets any signed-in resident follow and unfollow a public draft (R20)', async () => {
    const someone = await resident(t);
    expect((await t.http().get(`/api/drafts/${d.draftId}/follow`).set(someone.auth).expect(200)).body).toMatchObject({ following: false, participant: false });
    expect((await t.http().post(`/api/drafts/${d.draftId}/follow`).set(someone.auth).expect(200)).body).toMatchObject({ following: true, explicit: true });
    expect((await t.http().delete(`/api/drafts/${d.draftId}/follow`).set(someone.auth).expect(200)).body).toMatchObject({ following: false });
    await t.http().post(`/api/drafts/${d.draftId}/follow`).expect(401);
    await t.http().post('/api/drafts/00000000-0000-4000-8000-000000000000/follow').set(someone.auth).expect(404);
  });

  it('opens the queue dashboard to the administrator only', async () => {
    const organizer = await staff(t, ['organizer']);
    const none = await t.http().get('/api/admin/queues').expect(401);
    expect(none.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    const denied = await t.http().get('/api/admin/queues').set(organizer.auth).expect(403);
    expect(denied.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    const admin = (await t.http().post('/api/auth/login').send({ email: t.cfg.ADMIN_EMAIL, password: t.cfg.ADMIN_PASSWORD }).expect(200)).body.accessToken;
    const page = await t.http().get('/api/admin/queues').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(page.text).toContain('<base href="/api/admin/queues');
    const api = await t.http().get('/api/admin/queues/api/queues').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(api.body.queues.map((q: any) => q.name)).toEqual(expect.arrayContaining(['notices', 'notice-delivery']));
    const browser = await t.http().get(`/api/admin/queues?token=${admin}`).expect(303);
    const cookie = String(browser.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(browser.headers.location).toBe('/api/admin/queues');
    await t.http().get('/api/admin/queues').set('Cookie', cookie.split(';')[0]).expect(200);
  });
});
