import { CalendarService } from '../../src/common/calendar/calendar.service';
import { comment, disposeAll } from '../factories/comments';
import { createPublishedDraft, PublishedDraft } from '../factories/drafts';
import { announcedHearing, apply, invitationToken } from '../factories/hearings';
import { eventually, inbox, publishReport, settled, verifiedResident } from '../factories/notices';
import { resident, SignedIn } from '../factories/users';
import { startSmtpSink } from '../setup/smtp-sink';
import { createTestApp, TestApp } from '../setup/test-app';

type Sink = Awaited<ReturnType<typeof startSmtpSink>>;
const DAY = 24 * 3600 * 1000;
const noticeMails = (smtp: Sink) => smtp.mails.filter((m) => m.messageId.startsWith('<notice-'));

describe('Results notify the followers of a draft (R20); hearing news reaches applicants', () => {
  let t: TestApp;
  let smtp: Sink;
  let d: PublishedDraft;
  let commenter: SignedIn; // a participant: follows without asking
  let quitter: SignedIn; // a participant who unfollowed
  let follower: SignedIn; // asked to follow
  let bystander: SignedIn;
  let hearingId: string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: smtp.url });
    await t.startWorker();
    d = await createPublishedDraft(t);
    commenter = await verifiedResident(t, '吴敏');
    quitter = await resident(t, '郑强');
    follower = await verifiedResident(t, '冯雪');
    bystander = await resident(t, '褚亮');
    await comment(t, d.draftId, commenter, { text: '建议公布各区停车泊位数量。' });
    await comment(t, d.draftId, quitter, { text: '建议增加路边临时停车位。' });
    hearingId = await announcedHearing(t, d);
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('tells an applicant the outcome of their application, with the reason of a rejection', async () => {
    const applicant = await verifiedResident(t, '蒋文');
    const app = await apply(t, applicant, hearingId, 'resident');
    await t.http().post(`/api/hearings/${hearingId}/applications/${app.applicationId}/review`).set(d.organizer.auth).send({ accept: false, reason: '非本市常住居民' }).expect(200);
    const box = await eventually(async () => {
      const b = await inbox(t, applicant);
      return b.total ? b : undefined;
    }, 15000, 'the rejection notice');
    expect(box.items[0]).toMatchObject({ kind: 'selection', draftId: d.draftId, payload: expect.objectContaining({ event: 'application-rejected', reason: '非本市常住居民' }) });
    const mail = await smtp.waitFor((m) => m.to.includes(applicant.email) && m.messageId.startsWith('<notice-'));
    expect(mail.text).toContain('理由：非本市常住居民');
    // The same decision reviewed again is news again: accepted after all.
    await t.http().post(`/api/hearings/${hearingId}/applications/${app.applicationId}/review`).set(d.organizer.auth).send({ accept: true }).expect(200);
    await eventually(async () => (await inbox(t, applicant)).total === 2, 15000, 'the acceptance notice');
  });

  it('counts an invited hearing representative without an account as a participant of the report', async () => {
    const inv = await t.http().post(`/api/hearings/${hearingId}/invitations`).set(d.organizer.auth).send({ email: 'expert.he@example.org', displayName: '何教授', category: 'expert' }).expect(201);
    const token = await invitationToken(t, inv.body.id);
    await t.http().post(`/api/invitations/${token}/accept`).expect(200);
    await disposeAll(t, d.draftId, d.organizer);
    await publishReport(t, d);
    await settled(t, d.draftId, d.organizer, 'adoption_report');
    const mail = noticeMails(smtp).find((m) => m.to.includes('expert.he@example.org') && m.subject.includes('意见采纳情况'));
    expect(mail?.text).toContain('您作为听证会代表参与了本项决策');
  });

  it('notifies participants and followers of the results, not those who unfollowed (R20)', async () => {
    await t.http().post(`/api/drafts/${d.draftId}/follow`).set(follower.auth).expect(200);
    await t.http().delete(`/api/drafts/${d.draftId}/follow`).set(quitter.auth).expect(200);
    expect((await t.http().get(`/api/drafts/${d.draftId}/follow`).set(commenter.auth).expect(200)).body).toMatchObject({ following: true, participant: true, explicit: false });
    await t.http().post(`/api/drafts/${d.draftId}/decide`).set(d.organizer.auth).send({}).expect(200);
    await t.http().post(`/api/drafts/${d.draftId}/results`).set(d.organizer.auth).send({ summary: '市政府常务会议审议通过', execution: '2027年1月1日起施行' }).expect(200);
    const first = await settled(t, d.draftId, d.organizer, 'results');
    expect(first).toMatchObject({ sourceVersion: '0', failed: 0 });
    const results = (who: SignedIn) => inbox(t, who).then((b) => b.items.filter((n: any) => n.kind === 'results'));
    expect(await results(commenter)).toHaveLength(1);
    expect(await results(follower)).toHaveLength(1);
    expect(await results(quitter)).toHaveLength(0);
    expect(await results(bystander)).toHaveLength(0);
    const mail = noticeMails(smtp).find((m) => m.to.includes(follower.email) && m.subject.includes('决定公布'))!;
    expect(mail.text).toContain('市政府常务会议审议通过');
    expect(mail.text).toContain(`/#/drafts/${d.draftId}`);
    // An execution update is a new results entry: told again.
    await t.http().post(`/api/drafts/${d.draftId}/results`).set(d.organizer.auth).send({ summary: '执行情况', execution: '已新增夜间泊位2000个' }).expect(200);
    await settled(t, d.draftId, d.organizer, 'results');
    await eventually(async () => (await results(follower)).length === 2, 15000, 'the execution update');
    expect(noticeMails(smtp).filter((m) => m.to.includes(follower.email) && m.subject.includes('执行情况更新'))).toHaveLength(1);
  });
});

describe('Meeting feedback deadline, reminder and overdue flag (R17, R18)', () => {
  let t: TestApp;
  let d: PublishedDraft;

  const meeting = async (startsAt: Date): Promise<string> => {
    const res = await t.http().post(`/api/drafts/${d.draftId}/meetings`).set(d.organizer.auth).send({ title: '市政府常务会议', startsAt: new Date(Date.now() + 7 * DAY).toISOString() }).expect(201);
    await t.sql.query(`UPDATE meeting SET signup_opens_at = $2::timestamptz - interval '10 days', signup_closes_at = $2::timestamptz - interval '1 day', starts_at = $2 WHERE id = $1`, [res.body.id, startsAt]);
    return res.body.id;
  };
  const status = async (meetingId: string) => (await t.http().get(`/api/notices/meeting-feedback?meetingId=${meetingId}`).set(d.organizer.auth).expect(200)).body.items[0];

  beforeAll(async () => {
    t = await createTestApp({ NOTICE_SWEEP_MS: '1000' });
    d = await createPublishedDraft(t);
    await t.startWorker();
  });
  afterAll(() => t?.close());

  it('is due 3 working days after the meeting, skipping the National Day holiday (R17, R18)', async () => {
    // 2026-09-30 is the eve of the 国庆 holiday (Oct 1-7); working days resume Oct 8, and Saturday
    // Oct 10 is a make-up working day: 3 working days end on Oct 10, not on Oct 5.
    const id = await meeting(new Date('2026-09-30T10:00:00+08:00'));
    const s = await status(id);
    expect(new Date(s.dueAt).toISOString()).toBe(new Date('2026-10-10T23:59:59.999+08:00').toISOString());
    expect(s).toMatchObject({ overdue: true, feedbackAt: null });
  });

  it('flags an unanswered meeting overdue and tells its organizer, once', async () => {
    const id = await meeting(new Date('2026-09-30T10:00:00+08:00'));
    const s = await eventually(async () => {
      const x = await status(id);
      return x.overdueFlaggedAt ? x : undefined;
    }, 15000, 'the overdue flag');
    expect(s.overdue).toBe(true);
    const box = await eventually(async () => {
      const b = await inbox(t, d.organizer);
      return b.items.some((n: any) => n.kind === 'meeting_overdue' && n.payload.meetingId === id) ? b : undefined;
    }, 15000, 'the overdue notice');
    const notice = box.items.find((n: any) => n.kind === 'meeting_overdue' && n.payload.meetingId === id);
    expect(notice.body).toContain('2026-10-10 23:59');
    await new Promise((r) => setTimeout(r, 2500)); // two more sweeps
    const again = await inbox(t, d.organizer);
    expect(again.items.filter((n: any) => n.kind === 'meeting_overdue' && n.payload.meetingId === id)).toHaveLength(1);
  });

  it('reminds the organizer on the last working day before the deadline', async () => {
    const calendar = t.app.get(CalendarService);
    // A start such that the second working day after it has ended but the third has not.
    let start: Date | null = null;
    for (let k = 1; k < 20 && !start; k++) {
      const s = new Date(Date.now() - k * DAY);
      if ((await calendar.deadlineAfter(s, 2)) < new Date() && (await calendar.deadlineAfter(s, 3)) > new Date(Date.now() + 60_000)) start = s;
    }
    const id = await meeting(start!);
    await eventually(async () => (await status(id)).remindedAt, 15000, 'the reminder');
    const reminder = await eventually(async () => (await inbox(t, d.organizer)).items.find((n: any) => n.kind === 'meeting_reminder' && n.payload.meetingId === id), 15000, 'the reminder notice');
    expect(reminder.body).toContain("须在");
    expect(reminder.subject).toContain('提醒');
    expect((await status(id)).overdue).toBe(false);
  });

  it('shows the deadlines to the unit staff only', async () => {
    const someone = await resident(t);
    await t.http().get('/api/notices/meeting-feedback').set(someone.auth).expect(403);
    await t.http().get('/api/notices/meeting-feedback').expect(401);
    const other = await createPublishedDraft(t);
    const list = await t.http().get('/api/notices/meeting-feedback').set(other.organizer.auth).expect(200);
    expect(list.body.total).toBe(0);
    await t.http().get('/api/notices/meeting-feedback?meetingId=x').set(d.organizer.auth).expect(400);
  });
});
