import { CalendarService } from '../../src/common/calendar/calendar.service';
import { verifyDrawRecord } from '../../src/modules/draws/algorithm/hearing-draw';
import { createPublishedDraft, draftStaff, PublishedDraft } from '../factories/drafts';
import { acceptAll, announcedHearing, Applicant, apply, closeSignup, commit, freezeAndDraw } from '../factories/hearings';
import { resident, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../setup/test-app';

const DAY = 24 * 3600 * 1000;

describe('government meetings with public attendees (R16, R17)', () => {
  let t: TestApp;
  let draft: PublishedDraft;
  let participants: SignedIn[]; // applied to a hearing on the draft: they took part in the decision
  let others: SignedIn[];

  const createMeeting = (body: Record<string, unknown> = {}) =>
    t.http().post(`/api/drafts/${draft.draftId}/meetings`).set(draft.organizer.auth).send({ title: '市政府常务会议', startsAt: new Date(Date.now() + 7 * DAY).toISOString(), ...body });

  beforeAll(async () => {
    t = await createTestApp();
    draft = await createPublishedDraft(t);
    const hearingId = await announcedHearing(t, draft);
    participants = [];
    for (let i = 0; i < 4; i++) {
      const p = await resident(t, `参与者${i}`);
      await apply(t, p, hearingId, 'resident');
      participants.push(p);
    }
    others = await Promise.all([0, 1, 2].map((i) => resident(t, `其他${i}`)));
  });
  afterAll(() => t.close());

  it('admits 3 to 5 public attendees: 6 or 2 seats are refused (R16)', async () => {
    const six = await createMeeting({ seats: 6 }).expect(422);
    expect(six.body.message).toMatch(/^R16: /);
    expect((await createMeeting({ seats: 2 }).expect(422)).body.message).toMatch(/^R16: /);
    expect((await createMeeting({ seats: 'three' }).expect(400)).body.message).toMatch(/seats/);
    const res = await createMeeting().expect(201);
    expect(res.body).toMatchObject({ seats: 3, draftId: draft.draftId, feedback: null, overdue: false });
    await createMeeting({ seats: 5 }).expect(201);
    const body = { title: 'x', startsAt: new Date(Date.now() + 7 * DAY).toISOString() };
    await t.http().post(`/api/drafts/${draft.draftId}/meetings`).set(others[0].auth).send(body).expect(403);
    await t.http().post(`/api/drafts/${draft.draftId}/meetings`).set((await draftStaff(t)).organizer.auth).send(body).expect(403);
    await t.http().post(`/api/drafts/${draft.draftId}/meetings`).send(body).expect(401);
    const list = await t.http().get(`/api/drafts/${draft.draftId}/meetings`).expect(200);
    expect(list.body.total).toBe(2);
    await t.http().get(`/api/meetings/${res.body.id}`).expect(200);
  });

  const runMeeting = async (who: SignedIn[]) => {
    const id = (await createMeeting().expect(201)).body.id;
    const applied: Applicant[] = [];
    for (const p of who) applied.push(await apply(t, p, id, undefined, 'meeting'));
    await acceptAll(t, id, draft.organizer, applied, 'meeting');
    const chain = await commit(t, id, draft.organizer, 'meeting secret', 2, 'meeting');
    await closeSignup(t, 'meeting', id);
    const drawn = await freezeAndDraw(t, id, draft.organizer, chain, '2027-01-02 drand round 4242', 'meeting');
    return { id, applied, drawn };
  };
  const categoryOf = async (id: string, user: SignedIn) => (await t.http().get(`/api/meetings/${id}/applications/mine`).set(user.auth).expect(200)).body;

  it('ranks people who took part in the decision before others, who fill only the seats left (R16)', async () => {
    const { id, applied, drawn } = await runMeeting([participants[0], others[0], participants[1], others[1], others[2]]);
    expect(verifyDrawRecord(drawn.record)).toEqual({ ok: true });
    expect(drawn.record.categories).toEqual([
      expect.objectContaining({ category: 'other-stakeholder', quota: 1, method: 'ranked' }),
      expect.objectContaining({ category: 'participant', quota: 3, method: 'all-selected', selected: expect.arrayContaining([applied[0].label, applied[2].label]) }),
    ]);
    expect(drawn.record.categories[0].selected).toHaveLength(1);
    expect((await categoryOf(id, participants[0])).category).toBe('participant');
    expect((await categoryOf(id, others[0])).category).toBe('other-stakeholder');
    const seats = await t.http().get(`/api/meetings/${id}/seats`).expect(200);
    expect(seats.body.items.filter((s: { status: string }) => s.status === 'offered')).toHaveLength(3);
    const open = (await createMeeting().expect(201)).body.id;
    const chooser = await t.http().post(`/api/meetings/${open}/applications`).set((await resident(t)).auth).send({ category: 'participant', statement: 'x' }).expect(400);
    expect(chooser.body.message).toMatch(/category is decided by the platform/);
  });

  it('counts commenting on the draft as taking part (R16)', async () => {
    const commenter = await resident(t, '评论者');
    // Stands in for POST /api/drafts/:id/comments (the comments module is wired up separately).
    await t.sql.query(
      `INSERT INTO comment (id, draft_id, version, seq, anchor, stance, text, channel, received_at, author_id, author_name, author_ref, leaf_hash, root_hash)
       SELECT gen_random_uuid(), u.draft_id, u.version, 1, u.anchor, 'oppose', '收费太高', 'web', now(), $2, '评论者', 'ref', repeat('a', 64), repeat('b', 64)
         FROM draft_unit u WHERE u.draft_id = $1 ORDER BY u.version, u.ord LIMIT 1`,
      [draft.draftId, commenter.id],
    );
    const id = (await createMeeting().expect(201)).body.id;
    await apply(t, commenter, id, undefined, 'meeting');
    await apply(t, others[0], id, undefined, 'meeting');
    expect((await categoryOf(id, commenter)).category).toBe('participant');
    expect((await categoryOf(id, others[0])).category).toBe('other-stakeholder');
  });

  it('admits other stakeholders only when participants run out, also for replacements (R16)', async () => {
    const { id, applied, drawn } = await runMeeting([...participants, others[0], others[1]]);
    const [other, part] = drawn.record.categories;
    expect(other).toMatchObject({ category: 'other-stakeholder', quota: 0, selected: [] });
    expect(part).toMatchObject({ category: 'participant', quota: 3, method: 'ranked' });
    const byLabel = new Map(applied.map((a) => [a.label, a]));
    const seatOf = async (label: string) => (await categoryOf(id, byLabel.get(label)!.user)).seat.id;

    // The first replacement is the participant alternate, the next one an other stakeholder.
    const first = await t.http().post(`/api/meetings/${id}/seats/${await seatOf(part.selected[0])}/decline`).set(draft.organizer.auth).expect(200);
    expect(first.body.replacement).toMatchObject({ label: part.alternates[0], category: 'participant' });
    const second = await t.http().post(`/api/meetings/${id}/seats/${await seatOf(part.selected[1])}/decline`).set(draft.organizer.auth).expect(200);
    expect(second.body.replacement).toMatchObject({ label: other.alternates[0], category: 'other-stakeholder' });
    const live = await t.sql.query(`SELECT count(*)::int AS n FROM selection_seat WHERE owner_id = $1 AND status IN ('offered','confirmed')`, [id]);
    expect(live.rows[0].n).toBe(3);
  });

  it('shows the feedback deadline 3 working days after the meeting on the official calendar, and the overdue flag (R17)', async () => {
    const id = (await createMeeting().expect(201)).body.id;
    await t.http().post(`/api/meetings/${id}/feedback`).set(draft.organizer.auth).send({ handling: '逐条说明', outcome: '通过' }).expect(409); // not held yet
    // Held on 30 September 2026: 1-7 October are the National Day holiday, 10 October (a Saturday) is a make-up working day.
    await t.sql.query(
      `UPDATE meeting SET signup_opens_at = '2026-09-20T09:00:00+08:00', signup_closes_at = '2026-09-28T17:00:00+08:00',
                          starts_at = '2026-09-30T10:00:00+08:00' WHERE id = $1`,
      [id],
    );
    const expected = await t.app.get(CalendarService).deadlineAfter(new Date('2026-09-30T10:00:00+08:00'), 3);
    expect(expected.toISOString()).toBe('2026-10-10T15:59:59.999Z');
    const before = await t.http().get(`/api/meetings/${id}`).expect(200);
    expect(before.body).toMatchObject({ feedbackDueAt: '2026-10-10T15:59:59.999Z', overdue: true, feedback: null });

    await t.http().post(`/api/meetings/${id}/feedback`).set(others[0].auth).send({ handling: 'x', outcome: 'y' }).expect(403);
    expect((await t.http().post(`/api/meetings/${id}/feedback`).set(draft.organizer.auth).send({ handling: '' , outcome: 'y' }).expect(400)).body.message).toMatch(/handling/);
    const res = await t.http().post(`/api/meetings/${id}/feedback`).set(draft.organizer.auth).send({ handling: '列席代表意见已逐条研究', outcome: '会议原则通过' }).expect(201);
    expect(res.body).toMatchObject({ overdue: false, feedback: { handling: '列席代表意见已逐条研究', outcome: '会议原则通过', late: true } });
    await t.http().post(`/api/meetings/${id}/feedback`).set(draft.organizer.auth).send({ handling: 'again', outcome: 'again' }).expect(409);
    const events = await t.http().get(`/api/meetings/${id}/events`).expect(200);
    expect(events.body.items.map((e: { kind: string }) => e.kind)).toContain('feedback-published');
  });
});
