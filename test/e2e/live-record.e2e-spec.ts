// After the hearing: representatives confirm or correct what they said (R14), the transcript is
// sealed and exported, and the hearing report is published (R15).
import { createHash } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { draftStaff } from '../factories/drafts';
import { emitAck, joinViewer, LiveHearing, liveHearing, liveSocket, passConfirmationDeadline, setLiveState, until } from '../factories/live';
import { resident } from '../factories/users';
import { createTestApp, TestApp } from '../setup/test-app';

// Written here from docs/transcript-seal.md, independently of the server's code.
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}
const sha256 = (...parts: Buffer[]) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest('hex');

describe('transcript confirmation, seal and hearing report (R14, R15)', () => {
  let t: TestApp;
  let h: LiveHearing;
  let clerk: Socket;
  const sockets: Socket[] = [];
  const path = (p: string) => `/api/hearings/${h.hearingId}${p}`;

  beforeAll(async () => {
    t = await createTestApp();
    h = await liveHearing(t);
    clerk = await liveSocket(t, h.clerk.token);
    sockets.push(clerk);
    await setLiveState(t, h, 'start');
    const [wang, li, zhang] = h.representatives;
    const lines: Array<Record<string, unknown>> = [
      { seatId: wang.seatId, text: '我认为夜间停车应当免费。我的电话是13812345678。' },
      { seatId: li.seatId, text: '商户需要临时停车位。' },
      { seatId: zhang.seatId, text: '建议分区域定价，<script>alert(1)</script> 不是代码。' },
      { speaker: '主持人', role: 'chair', text: '下面请王代表补充。' },
      { seatId: wang.seatId, text: '补充：周末也应免费。' },
    ];
    for (const l of lines) expect(await emitAck(clerk, 'segment:add', { hearingId: h.hearingId, ...l })).toEqual({ seq: expect.any(Number) });
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  it('refuses confirmations, the seal, the export and the report before the hearing ends', async () => {
    const [wang] = h.representatives;
    await t.http().post(path('/confirmations')).set(wang.user.auth).send({ confirm: true }).expect(409);
    await t.http().post(path('/seal')).set(h.clerk.auth).expect(409);
    await t.http().get(path('/transcript?format=html')).expect(409);
    await t.http().post(path('/report')).set(h.organizer.auth).send({ conclusions: '结论', opinions: [] }).expect(409);
  });

  it('guards the state routes: 401, 403 for the wrong role or unit, 404, 400', async () => {
    await t.http().post(path('/pause')).expect(401);
    await t.http().post(path('/pause')).set((await resident(t)).auth).expect(403);
    const other = await draftStaff(t);
    await t.http().post(path('/pause')).set(other.organizer.auth).expect(403);
    await t.http().post('/api/hearings/00000000-0000-4000-8000-000000000000/pause').set(h.clerk.auth).expect(404);
    await t.http().post('/api/hearings/nope/pause').set(h.clerk.auth).expect(400);
    await t.http().post(path('/start')).set(h.clerk.auth).expect(409); // already live
  });

  it('ends the hearing with a confirmation deadline of 5 working days (R14, R18)', async () => {
    const viewer = await joinViewer(t, h.hearingId);
    sockets.push(viewer.socket);
    const ended = await setLiveState(t, h, 'end');
    expect(ended.state).toBe('ended');
    const deadline = new Date(ended.confirmationDeadline).getTime();
    expect(deadline - Date.now()).toBeGreaterThan(5 * 24 * 3600 * 1000 - 24 * 3600 * 1000);
    await until(() => viewer.states.some((s) => s.state === 'ended'), 5000, 'ended state');
    expect(await emitAck(clerk, 'segment:add', { hearingId: h.hearingId, speaker: '主持人', text: '散会后' })).toMatchObject({ statusCode: 409 });
    await t.http().post(path('/start')).set(h.clerk.auth).expect(409);
  });

  it('shows each representative the segments attributed to them, and nobody else’s (R14)', async () => {
    const [wang] = h.representatives;
    const mine = await t.http().get(path('/transcript?mine=true')).set(wang.user.auth).expect(200);
    expect(mine.body.items.map((s: any) => s.seq)).toEqual([1, 5]);
    expect(mine.body.items[0].text).toContain('13812345678'); // their own words, unmasked
    expect(mine.body.mine.confirmation).toMatchObject({ status: 'pending' });
    await t.http().get(path('/transcript?mine=true')).set((await resident(t)).auth).expect(403);
    await t.http().get(path('/transcript?mine=true')).expect(401);
    // The public transcript masks the phone number and the resident's name (R19).
    const pub = await t.http().get(path('/transcript')).expect(200);
    expect(JSON.stringify(pub.body)).not.toContain('13812345678');
    expect(pub.body.items[0]).toMatchObject({ speaker: '王**', role: 'resident' });
    expect(pub.body.items[2]).toMatchObject({ speaker: '张教授', role: 'expert' });
  });

  it('takes corrections of one’s own segments only; the clerk accepts with a new revision or rejects with a reason', async () => {
    const [wang, li] = h.representatives;
    await t.http().post(path('/confirmations')).set(wang.user.auth).send({ corrections: [{ seq: 2, text: '不是我说的' }] }).expect(403);
    await t.http().post(path('/confirmations')).set((await resident(t)).auth).send({ confirm: true }).expect(403);
    await t.http().post(path('/confirmations')).set(wang.user.auth).send({}).expect(400);
    await t.http().post(path('/confirmations')).set(wang.user.auth).send({ confirm: true, corrections: [{ seq: 1, text: 'x' }] }).expect(400);
    const bad = await t.http().post(path('/confirmations')).set(wang.user.auth).send({ corrections: [{ seq: 0, text: '' }] }).expect(400);
    expect(bad.body.message).toMatch(/corrections\.0\.(seq|text)/);

    const asked = await t.http().post(path('/confirmations')).set(wang.user.auth).send({ corrections: [{ seq: 1, text: '我认为夜间停车应当免费。' }] }).expect(201);
    expect(asked.body.corrections).toHaveLength(1);
    const correctionId = asked.body.corrections[0].id;
    await t.http().post(path('/confirmations')).set(wang.user.auth).send({ confirm: true }).expect(409); // still pending
    await t.http().post(path('/confirmations')).set(wang.user.auth).send({ corrections: [{ seq: 1, text: '再改' }] }).expect(409);

    const viewer = await joinViewer(t, h.hearingId, 5);
    sockets.push(viewer.socket);
    await t.http().post(path(`/corrections/${correctionId}/accept`)).set(wang.user.auth).expect(403);
    const accepted = await t.http().post(path(`/corrections/${correctionId}/accept`)).set(h.clerk.auth).expect(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', revision: 2 });
    await t.http().post(path(`/corrections/${correctionId}/accept`)).set(h.clerk.auth).expect(409);
    await until(() => viewer.segments.length === 1, 5000, 'the accepted revision');
    expect(viewer.segments[0]).toMatchObject({ seq: 1, revision: 2, text: '我认为夜间停车应当免费。' });

    const liAsk = await t.http().post(path('/confirmations')).set(li.user.auth).send({ corrections: [{ seq: 2, text: '商户不需要停车位。' }] }).expect(201);
    const liId = liAsk.body.corrections[0].id;
    const noReason = await t.http().post(path(`/corrections/${liId}/reject`)).set(h.clerk.auth).send({ reason: '  ' }).expect(400);
    expect(noReason.body.message).toMatch(/reason/);
    await t.http().post(path(`/corrections/${liId}/reject`)).set(h.clerk.auth).send({}).expect(400);
    const rejected = await t.http().post(path(`/corrections/${liId}/reject`)).set(h.clerk.auth).send({ reason: '录音显示原话如此' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: '录音显示原话如此', revision: null });

    const history = await t.http().get(path('/transcript?history=true')).set(h.clerk.auth).expect(200);
    expect(history.body.items[0].revisions.map((r: any) => r.text)).toEqual(['我认为夜间停车应当免费。我的电话是13812345678。', '我认为夜间停车应当免费。']);
    expect(history.body.items[1].revisions).toHaveLength(1);
    const list = await t.http().get(path('/corrections')).set(h.clerk.auth).expect(200);
    expect(list.body).toMatchObject({ total: 2, page: 1 });
    await t.http().get(path('/corrections')).set(wang.user.auth).expect(403);
  });

  it('refuses the seal while a representative has not confirmed and the deadline has not passed (R14)', async () => {
    const [wang, li] = h.representatives;
    await t.http().post(path('/confirmations')).set(wang.user.auth).send({ confirm: true }).expect(201);
    await t.http().post(path('/confirmations')).set(wang.user.auth).send({ confirm: true }).expect(409);
    await t.http().post(path('/confirmations')).set(li.user.auth).send({ confirm: true }).expect(201);
    const refused = await t.http().post(path('/seal')).set(h.clerk.auth).expect(422);
    expect(refused.body.message).toMatch(/^R14: 1 of 3 representatives have not confirmed/);
    const status = await t.http().get(path('/confirmations')).set(h.organizer.auth).expect(200);
    expect(status.body.items.map((c: any) => c.status).sort()).toEqual(['confirmed', 'confirmed', 'pending']);
    await t.http().post(path('/seal')).set((await resident(t)).auth).expect(403);
  });

  it('seals after the deadline, recording the non-confirmer, with a hash anyone can recompute (R14)', async () => {
    await passConfirmationDeadline(t, h.hearingId);
    const sealed = await t.http().post(path('/seal')).set(h.clerk.auth).expect(200);
    expect(sealed.body.notConfirmed).toBe(1);
    await t.http().post(path('/seal')).set(h.clerk.auth).expect(409);

    const { body: seal } = await t.http().get(path('/transcript/seal')).expect(200);
    const zhang = h.representatives[2];
    expect(seal.record.representatives.find((r: any) => r.seatId === zhang.seatId)).toEqual({ seatId: zhang.seatId, category: 'expert', confirmedAt: null });

    // Independently: every revision's hash from its content and predecessor, then the seal.
    const { body: staffView } = await t.http().get(path('/transcript?history=true&pageSize=100')).set(h.organizer.auth).expect(200);
    let prevFirst = '0'.repeat(64);
    const finals = [];
    for (const item of staffView.items) {
      let prev = '';
      for (const r of item.revisions) {
        const base = { hearingId: h.hearingId, seq: r.seq, speaker: r.speaker, role: r.role, text: r.text, at: r.at };
        const link = r.revision === 1 ? prevFirst : prev;
        const expected = sha256(Buffer.from(link, 'hex'), Buffer.from(canonical(r.revision === 1 ? base : { ...base, revision: r.revision }), 'utf8'));
        expect({ seq: r.seq, revision: r.revision, hash: r.hash, prevHash: r.prevHash }).toEqual({ seq: r.seq, revision: r.revision, hash: expected, prevHash: link });
        if (r.revision === 1) prevFirst = r.hash;
        prev = r.hash;
      }
      finals.push({ seq: item.seq, revision: item.revision, hash: prev });
    }
    expect(seal.record.segments).toEqual(finals);
    expect(seal.record.chainHead).toBe(prevFirst);
    expect(sha256(Buffer.from(canonical(seal.record), 'utf8'))).toBe(seal.hash);
    expect(seal.hash).toBe(sealed.body.hash);

    // Sealed means frozen: no confirmation, no decision, no row.
    await t.http().post(path('/confirmations')).set(zhang.user.auth).send({ confirm: true }).expect(409);
    await expect(
      t.sql.query(
        `INSERT INTO hearing_segment (hearing_id, seq, revision, event_no, speaker, role, text, at, written_by, prev_hash, hash)
         SELECT hearing_id, seq, revision + 1, 999, speaker, role, 'x', at, written_by, hash, hash FROM hearing_segment_current WHERE hearing_id = $1 AND seq = 1`,
        [h.hearingId],
      ),
    ).rejects.toThrow(/sealed/);
  });

  it('exports the sealed transcript as escaped, print-ready HTML and as text', async () => {
    const html = await t.http().get(path('/transcript?format=html')).expect(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html.text).not.toContain('<script>');
    expect(html.text).not.toContain('13812345678');
    expect(html.text).toContain('@page');
    expect(html.text).toContain('未确认');
    const text = await t.http().get(path('/transcript?format=text')).expect(200);
    expect(text.headers['content-type']).toMatch(/text\/plain/);
    const { body: seal } = await t.http().get(path('/transcript/seal')).expect(200);
    expect(text.text).toContain(seal.hash);
    expect(text.text).toContain('王**');
    await t.http().get(path('/transcript?format=pdf')).expect(400);
  });

  it('publishes the hearing report only with conclusions and reasons for what is not adopted (R15)', async () => {
    const [wang, li, zhang] = h.representatives;
    const opinions = [
      { seatId: wang.seatId, summary: '夜间停车免费', adopted: true },
      { seatId: li.seatId, summary: '设置商户临时停车位', adopted: false, reason: '道路资源有限，改为在周边设置装卸点' },
      { seatId: zhang.seatId, summary: '分区域定价', adopted: true },
    ];
    const empty = await t.http().post(path('/report')).set(h.organizer.auth).send({ conclusions: '  ', opinions }).expect(422);
    expect(empty.body.message).toMatch(/^R15: /);
    const noReason = await t
      .http()
      .post(path('/report'))
      .set(h.organizer.auth)
      .send({ conclusions: '听证会认为方案可行。', opinions: [opinions[0], { seatId: li.seatId, summary: '设置商户临时停车位', adopted: false }] })
      .expect(422);
    expect(noReason.body.message).toBe('R15: opinion 2 is not adopted and must give the reason why');
    await t.http().post(path('/report')).set(h.clerk.auth).send({ conclusions: '结论', opinions }).expect(403);
    await t.http().post(path('/report')).set((await draftStaff(t)).organizer.auth).send({ conclusions: '结论', opinions }).expect(403);
    const badSeat = await t
      .http()
      .post(path('/report'))
      .set(h.organizer.auth)
      .send({ conclusions: '结论', opinions: [{ seatId: '00000000-0000-4000-8000-000000000000', summary: 's', adopted: true }] })
      .expect(400);
    expect(badSeat.body.message).toMatch(/opinions\[0\]\.seatId/);
    await t.http().post(path('/report')).set(h.organizer.auth).send({ conclusions: '结论', opinions: [{ summary: 's', adopted: 'yes' }] }).expect(400);
    await t.http().get(path('/report')).expect(404);

    const published = await t
      .http()
      .post(path('/report'))
      .set(h.organizer.auth)
      .send({ conclusions: '听证会认为分时段收费方案总体可行，请起草单位完善夜间免费条款。', opinions: [...opinions, { representative: '某律师事务所 联系电话13900001111', summary: '程序合法', adopted: true }] })
      .expect(201);
    await t.http().post(path('/report')).set(h.organizer.auth).send({ conclusions: '再来一次', opinions: [] }).expect(409);

    const { body: report } = await t.http().get(path('/report')).expect(200);
    expect(report).toEqual(published.body);
    expect(report.opinions.map((o: any) => o.representative)).toEqual(['王**', '李**', '张教授', expect.stringMatching(/^某\*+$/)]);
    expect(report.opinions[1]).toMatchObject({ adopted: false, reason: '道路资源有限，改为在周边设置装卸点' });
    expect(JSON.stringify(report)).not.toMatch(/13900001111|@example\.com|王小明|李建国/);
    expect(report).toMatchObject({ adopted: 3, notAdopted: 1, draftId: h.draft.draftId, transcriptSealHash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    // What the notices read: the representatives' seat ids in `opinions`.
    const { rows } = await t.sql.query(`SELECT jsonb_path_query_array(opinions, '$[*].seatId') AS seats FROM hearing_report WHERE hearing_id = $1`, [h.hearingId]);
    expect(rows[0].seats).toEqual([wang.seatId, li.seatId, zhang.seatId, null]);
  });
});
