import type { Socket } from 'socket.io-client';
import { clientKey, emitAck, joinViewer, LiveHearing, liveHearing, liveSocket, setLiveState, until, Viewer } from '../factories/live';
import { draftStaff } from '../factories/drafts';
import { resident, staff } from '../factories/users';
import { createTestApp, TestApp } from '../setup/test-app';

describe('LiveGateway (/hearings)', () => {
  let t: TestApp;
  let h: LiveHearing;
  let clerk: Socket;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    h = await liveHearing(t);
    clerk = await liveSocket(t, h.clerk.token);
    sockets.push(clerk);
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  const track = (v: Viewer) => (sockets.push(v.socket), v);

  it('streams stored segments in seq order and broadcasts the hearing state', async () => {
    const viewer = track(await joinViewer(t, h.hearingId));
    expect(viewer.ack).toEqual({ ok: true, lastSeq: 0, state: 'scheduled' });

    expect(await emitAck(clerk, 'segment:add', { hearingId: h.hearingId, speaker: '主持人', text: '现在开会' })).toMatchObject({ statusCode: 409 });
    await setLiveState(t, h, 'start');
    await until(() => viewer.states.some((s) => s.state === 'live'), 5000, 'live state');

    const rep = h.representatives[0];
    const first = await emitAck(clerk, 'segment:add', { hearingId: h.hearingId, seatId: rep.seatId, text: '我认为夜间应当免费，电话13812345678' });
    expect(first).toEqual({ seq: 1 });
    const second = await emitAck(clerk, 'segment:add', { hearingId: h.hearingId, speaker: '主持人', role: 'chair', text: '请下一位代表发言' });
    expect(second).toEqual({ seq: 2 });
    await until(() => viewer.segments.length === 2, 5000, 'two segments');

    const [s1, s2] = viewer.segments;
    // R19: the resident's name is masked and the phone number said aloud is not broadcast.
    expect(s1).toMatchObject({ hearingId: h.hearingId, seq: 1, revision: 1, speaker: '王**', role: 'resident' });
    expect(s1.text).not.toContain('13812345678');
    expect(s2).toMatchObject({ seq: 2, speaker: '主持人', role: 'chair', text: '请下一位代表发言' });
    expect(new Date(s2.at).toISOString()).toBe(s2.at);

    // Stored before broadcast: the row exists, chained to the first.
    const { rows } = await t.sql.query(`SELECT seq, prev_hash, hash, text FROM hearing_segment WHERE hearing_id = $1 ORDER BY seq`, [h.hearingId]);
    expect(rows.map((r) => r.seq)).toEqual([1, 2]);
    expect(rows[1].prev_hash).toBe(rows[0].hash);
    expect(rows[0].text).toContain('13812345678');

    await setLiveState(t, h, 'pause');
    await until(() => viewer.states.some((s) => s.state === 'paused'), 5000, 'paused state');
    expect(await emitAck(clerk, 'segment:add', { hearingId: h.hearingId, speaker: '主持人', text: '暂停期间' })).toMatchObject({ statusCode: 409 });
    await setLiveState(t, h, 'start');
    await until(() => viewer.states.filter((s) => s.state === 'live').length === 2, 5000, 'resumed');
  });

  it('keeps the history of a correction made during the hearing', async () => {
    const viewer = track(await joinViewer(t, h.hearingId, 2));
    expect(await emitAck(clerk, 'segment:correct', { hearingId: h.hearingId, seq: 2, text: '请第二位代表发言' })).toEqual({ seq: 2, revision: 2 });
    await until(() => viewer.segments.length === 1, 5000, 'the revision');
    expect(viewer.segments[0]).toMatchObject({ seq: 2, revision: 2, text: '请第二位代表发言' });

    const res = await t.http().get(`/api/hearings/${h.hearingId}/transcript?history=true`).expect(200);
    const seg2 = res.body.items.find((s: any) => s.seq === 2);
    expect(seg2.revision).toBe(2);
    expect(seg2.revisions.map((r: any) => [r.revision, r.text])).toEqual([
      [1, '请下一位代表发言'],
      [2, '请第二位代表发言'],
    ]);
    expect(seg2.revisions[1].prevHash).toBe(seg2.revisions[0].hash);
    // The database refuses to rewrite history.
    await expect(t.sql.query(`UPDATE hearing_segment SET text = 'x' WHERE hearing_id = $1`, [h.hearingId])).rejects.toThrow(/append only/);
    await expect(t.sql.query(`DELETE FROM hearing_segment WHERE hearing_id = $1`, [h.hearingId])).rejects.toThrow(/append only/);
  });

  it('stores a resent segment once (same clientKey)', async () => {
    const key = clientKey();
    const a = await emitAck(clerk, 'segment:add', { hearingId: h.hearingId, speaker: '主持人', text: '重发测试', clientKey: key });
    const b = await emitAck(clerk, 'segment:add', { hearingId: h.hearingId, speaker: '主持人', text: '重发测试', clientKey: key });
    expect(b).toEqual(a);
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM hearing_segment WHERE hearing_id = $1 AND client_key = $2`, [h.hearingId, key]);
    expect(rows[0].n).toBe(1);
  });

  it('lets nobody but the unit’s clerks and organizers write', async () => {
    const before = (await t.sql.query(`SELECT count(*)::int AS n FROM hearing_segment WHERE hearing_id = $1 AND revision = 1`, [h.hearingId])).rows[0].n;
    const other = await draftStaff(t);
    const otherClerk = await staff(t, ['clerk'], { unitId: other.unitId });
    const reviewer = await staff(t, ['reviewer'], { unitId: h.unitId });
    const cases: Array<[string, string | undefined, number]> = [
      ['no token', undefined, 401],
      ['a forged token', 'not-a-token', 401],
      ['a resident', (await resident(t)).token, 403],
      ['a representative of this hearing', h.representatives[0].user.token, 403],
      ['a reviewer of the unit', reviewer.token, 403],
      ['another unit’s clerk', otherClerk.token, 403],
      ['another unit’s organizer', other.organizer.token, 403],
    ];
    for (const [who, token, status] of cases) {
      const s = await liveSocket(t, token);
      sockets.push(s);
      const add = await emitAck(s, 'segment:add', { hearingId: h.hearingId, speaker: '冒名', text: '不应写入' });
      expect({ who, add }).toEqual({ who, add: { error: expect.any(String), statusCode: status, code: status === 401 ? 'auth.sign_in_required' : expect.any(String) } });
      const fix = await emitAck(s, 'segment:correct', { hearingId: h.hearingId, seq: 1, text: '篡改' });
      expect({ who, fix }).toEqual({ who, fix: { error: expect.any(String), statusCode: status, code: expect.any(String) } });
      // Watching is open to all (R14).
      expect(await emitAck(s, 'join', { hearingId: h.hearingId })).toMatchObject({ ok: true });
    }
    const after = (await t.sql.query(`SELECT count(*)::int AS n FROM hearing_segment WHERE hearing_id = $1 AND revision = 1`, [h.hearingId])).rows[0].n;
    expect(after).toBe(before);
    // The organizer of the unit may write.
    const organizer = await liveSocket(t, h.organizer.token);
    sockets.push(organizer);
    expect(await emitAck(organizer, 'segment:add', { hearingId: h.hearingId, userId: h.organizer.id, text: '组织者发言' })).toEqual({ seq: before + 1 });
  });

  it('answers malformed payloads with {error} and keeps serving', async () => {
    const bad: unknown[][] = [
      [],
      ['just a string'],
      [null],
      [42],
      [[h.hearingId]],
      [{}],
      [{ hearingId: 'not-a-uuid', speaker: 'x', text: 'y' }],
      [{ hearingId: h.hearingId, speaker: 'x' }],
      [{ hearingId: h.hearingId, speaker: 'x', text: '   ' }],
      [{ hearingId: h.hearingId, speaker: 'x', text: 5 }],
      [{ hearingId: h.hearingId, speaker: 'x', text: 'a'.repeat(10001) }],
      [{ hearingId: h.hearingId, speaker: 'x', text: 'y', admin: true }],
      [{ hearingId: h.hearingId, speaker: 'x', text: 'lone \ud800 surrogate' }],
      [{ hearingId: h.hearingId, text: 'no speaker' }],
      [{ hearingId: h.hearingId, speaker: 'x', text: 'y', role: 'king' }],
      [{ hearingId: h.hearingId, speaker: 'x', text: 'y', seatId: '00000000-0000-4000-8000-000000000000' }],
      [{ hearingId: h.hearingId, speaker: { toString: 1 }, text: 'y' }],
      [{ hearingId: h.hearingId, speaker: 'x', text: 'y' }, 'extra'],
    ];
    for (const args of bad) {
      const answer = await emitAck(clerk, 'segment:add', ...args);
      // The same code (and params, where the message has variable parts) as an HTTP error body.
      const { params, ...rest } = answer as { params?: unknown };
      expect({ args, answer: rest }).toEqual({ args, answer: { error: expect.any(String), statusCode: 400, code: expect.any(String) } });
      if (params !== undefined) expect(params).toEqual(expect.any(Object));
    }
    expect(await emitAck(clerk, 'segment:correct', { hearingId: h.hearingId, seq: 0, text: 'x' })).toMatchObject({ statusCode: 400 });
    expect(await emitAck(clerk, 'segment:correct', { hearingId: h.hearingId, seq: 99999, text: 'x' })).toMatchObject({ statusCode: 404 });
    expect(await emitAck(clerk, 'join', { hearingId: h.hearingId, afterSeq: -1 })).toMatchObject({ statusCode: 400 });
    expect(await emitAck(clerk, 'join', { hearingId: 'x' })).toMatchObject({ statusCode: 400 });
    expect(await emitAck(clerk, 'join', 'x')).toMatchObject({ statusCode: 400 });
    expect(await emitAck(clerk, 'join', { hearingId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ statusCode: 404 });
    // Events without an ack, unknown events and binary junk do not break the socket either.
    clerk.emit('segment:add', { hearingId: 5 });
    clerk.emit('segment:add');
    clerk.emit('no-such-event', { a: 1 });
    clerk.emit('join', Buffer.from([1, 2, 3]));
    const ok = await emitAck(clerk, 'segment:add', { hearingId: h.hearingId, speaker: '主持人', text: '仍然正常' });
    expect(ok).toEqual({ seq: expect.any(Number) });
    expect(clerk.connected).toBe(true);
  });

  it('gives the clerk console its speaker picker and the live state over HTTP', async () => {
    const roster = await t.http().get(`/api/hearings/${h.hearingId}/roster/live`).set(h.clerk.auth).expect(200);
    expect(roster.body.representatives.map((r: any) => [r.displayName, r.role, r.speaker]).sort()).toEqual([
      ['张教授', 'expert', '张教授'],
      ['李建国', 'stakeholder', '李**'],
      ['王小明', 'resident', '王**'],
    ].sort());
    expect(roster.body.staff.map((p: any) => p.role).sort()).toEqual(['clerk', 'organizer']);
    await t.http().get(`/api/hearings/${h.hearingId}/roster/live`).set((await resident(t)).auth).expect(403);
    await t.http().get(`/api/hearings/${h.hearingId}/roster/live`).set((await draftStaff(t)).organizer.auth).expect(403);
    const live = await t.http().get(`/api/hearings/${h.hearingId}/live`).expect(200);
    expect(live.body).toMatchObject({ hearingId: h.hearingId, state: 'live', lastSeq: expect.any(Number), chainHead: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(live.body.history).toBeUndefined();
    const staffView = await t.http().get(`/api/hearings/${h.hearingId}/live`).set(h.organizer.auth).expect(200);
    expect(staffView.body.history.map((e: any) => [e.action, e.actorName])).toEqual([
      ['start', '记录员陈'],
      ['pause', '记录员陈'],
      ['resume', '记录员陈'],
    ]);
  });

  it('hides a hearing that is not announced from everyone but its unit’s staff', async () => {
    const { rows } = await t.sql.query(
      `WITH o AS (INSERT INTO selection_owner (kind, id, label_prefix) VALUES ('hearing', gen_random_uuid(), 'H') RETURNING id)
       INSERT INTO hearing (id, draft_id, unit_id, created_by, title) SELECT o.id, $1, $2, $3, '未公告的听证会' FROM o RETURNING id`,
      [h.draft.draftId, h.unitId, h.organizer.id],
    );
    const hidden = rows[0].id;
    const anonymous = await liveSocket(t);
    sockets.push(anonymous);
    expect(await emitAck(anonymous, 'join', { hearingId: hidden })).toMatchObject({ statusCode: 404 });
    expect(await emitAck(clerk, 'join', { hearingId: hidden })).toMatchObject({ ok: true, lastSeq: 0 });
    // R14: a hearing is public, so it cannot be held before it is announced.
    const res = await t.http().post(`/api/hearings/${hidden}/start`).set(h.clerk.auth).expect(422);
    expect(res.body.message).toMatch(/^R14: /);
  });
});
