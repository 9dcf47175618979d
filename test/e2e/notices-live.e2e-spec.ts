import { io, Socket } from 'socket.io-client';
import { comment, disposeAll } from '../factories/comments';
import { createPublishedDraft, PublishedDraft } from '../factories/drafts';
import { eventually, publishReport, settled, verifiedResident } from '../factories/notices';
import { startControlledSmtp, ControlledSmtp } from '../factories/smtp';
import { resident, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../setup/test-app';

function connect(t: TestApp, token?: string): Socket {
  return io(`${t.url}/notices`, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false, forceNew: true });
}

function connected(s: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', (err) => reject(err));
  });
}

function refused(s: Socket): Promise<{ statusCode: number; message: string }> {
  return new Promise((resolve, reject) => {
    s.once('connect', () => reject(new Error('connected, expected a refusal')));
    s.once('connect_error', (err: Error & { data?: { statusCode: number; message: string } }) => resolve(err.data!));
  });
}

describe('Live notice progress, failures and retry', () => {
  let t: TestApp;
  let smtp: ControlledSmtp;
  let d: PublishedDraft;
  let bouncing: SignedIn;
  let refuseBouncing = true;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    smtp = await startControlledSmtp({ refuse: (a) => refuseBouncing && a === bouncing?.email });
    t = await createTestApp({ SMTP_URL: smtp.url });
    d = await createPublishedDraft(t);
    bouncing = await verifiedResident(t, '韩梅');
    await comment(t, d.draftId, bouncing, { text: '建议在医院周边增设临时停车位。' });
    for (let i = 0; i < 12; i++) await comment(t, d.draftId, await verifiedResident(t, `居民${i}`), { text: `第${i}条：建议停车收费标准分区公示。` });
    await disposeAll(t, d.draftId, d.organizer);
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t?.close();
    await smtp?.close();
  });

  it('refuses sockets without a staff token, and joins of another unit’s draft', async () => {
    const anonymous = connect(t);
    sockets.push(anonymous);
    expect(await refused(anonymous)).toMatchObject({ statusCode: 401 });
    const someone = await resident(t);
    const residentSocket = connect(t, someone.token);
    sockets.push(residentSocket);
    expect(await refused(residentSocket)).toMatchObject({ statusCode: 403 });
    const other = await createPublishedDraft(t);
    const otherSocket = connect(t, other.organizer.token);
    sockets.push(otherSocket);
    await connected(otherSocket);
    expect(await otherSocket.emitWithAck('join', { draftId: d.draftId })).toMatchObject({ error: { statusCode: 403 } });
    expect(await otherSocket.emitWithAck('join', { draftId: 'nope' })).toMatchObject({ error: { statusCode: 400 } });
    expect(await otherSocket.emitWithAck('join', { draftId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ error: { statusCode: 404 } });
  });

  it('streams notices:progress to the unit staff while the run is delivered, and records the failure', async () => {
    const watcher = connect(t, d.organizer.token);
    sockets.push(watcher);
    await connected(watcher);
    const events: any[] = [];
    watcher.on('notices:progress', (e) => events.push(e));
    const joined = await watcher.emitWithAck('join', { draftId: d.draftId });
    expect(joined).toMatchObject({ ok: true, progress: { total: 0 } });
    await t.startWorker();
    await publishReport(t, d);
    const last = await eventually(async () => {
      const e = events[events.length - 1];
      return e && e.pending === 0 && e.total === 13 ? e : undefined;
    }, 20000, 'the final progress event');
    expect(last).toMatchObject({ draftId: d.draftId, kind: 'adoption_report', sourceVersion: '1', total: 13, delivered: 12, failed: 1, pending: 0 });
    for (let i = 1; i < events.length; i++) expect(events[i].delivered + events[i].failed).toBeGreaterThanOrEqual(events[i - 1].delivered + events[i - 1].failed);
    const failures = await t.http().get(`/api/drafts/${d.draftId}/notices/failures`).set(d.organizer.auth).expect(200);
    expect(failures.body.items).toEqual([expect.objectContaining({ channel: 'email', address: bouncing.email, lastError: expect.stringContaining('550') })]);
    await t.http().get(`/api/drafts/${d.draftId}/notices/failures`).set(bouncing.auth).expect(403);
  });

  it('retries the failed notices when the organizer asks, with the same Message-ID', async () => {
    refuseBouncing = false;
    const res = await t.http().post(`/api/drafts/${d.draftId}/notices/retry`).set(d.organizer.auth).expect(200);
    expect(res.body).toEqual({ requeued: 1 });
    const mail = await eventually(async () => smtp.mails.find((m) => m.to.includes(bouncing.email) && m.messageId.startsWith('<notice-')), 15000, 'the retried mail');
    const progress = await settled(t, d.draftId, d.organizer, 'adoption_report');
    expect(progress).toMatchObject({ total: 13, delivered: 13, failed: 0 });
    const { rows } = await t.sql.query(`SELECT message_id FROM notice WHERE user_id = $1 AND channel = 'email'`, [bouncing.id]);
    expect(mail.messageId).toBe(rows[0].message_id);
    expect((await t.http().post(`/api/drafts/${d.draftId}/notices/retry`).set(d.organizer.auth).expect(200)).body).toEqual({ requeued: 0 });
  });
});
