import { createPublishedDraft, createDraft, draftStaff, PublishedDraft } from '../factories/drafts';
import { announcedHearing, apply, applicants, createHearing, hearingFields, invitationToken } from '../factories/hearings';
import { resident, staff } from '../factories/users';
import { createTestApp, TestApp } from '../setup/test-app';

const DAY = 24 * 3600 * 1000;
const PERSONAL = /@example\.|password|申请人\d|statement/i;

describe('hearings: announcement, sign-up and invitations (R11-R13)', () => {
  let t: TestApp;
  let draft: PublishedDraft;

  beforeAll(async () => {
    t = await createTestApp();
    draft = await createPublishedDraft(t);
  });
  afterAll(() => t.close());

  it('documents the hearing and meeting routes in OpenAPI, each operation once', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    for (const route of ['/api/hearings/{id}/draw', '/api/meetings/{id}/draw', '/api/hearings/{id}/applications/mine', '/api/invitations/{token}/accept', '/api/drafts/{id}/meetings']) {
      expect(Object.keys(doc.paths)).toContain(route);
    }
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops as Record<string, { operationId: string }>).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  describe('preparing and announcing', () => {
    it('lets the organizer of the draft’s unit prepare a hearing, visible only to the unit’s staff until announced', async () => {
      const res = await t.http().post('/api/hearings').set(draft.organizer.auth).send({ draftId: draft.draftId, title: '听证会（筹备中）' }).expect(201);
      expect(res.body).toMatchObject({ draftId: draft.draftId, unitId: draft.unitId, status: 'draft', phase: 'preparing', quotas: null, announcedAt: null });
      await t.http().get(`/api/hearings/${res.body.id}`).expect(404);
      await t.http().get(`/api/hearings/${res.body.id}`).set(draft.reviewer.auth).expect(200);
      const patched = await t.http().patch(`/api/hearings/${res.body.id}`).set(draft.organizer.auth).send({ venue: '区政府礼堂', quotas: { stakeholder: 5, resident: 5, deputy: 0, expert: 0, lawyer: 0, other: 0 } }).expect(200);
      expect(patched.body).toMatchObject({ venue: '区政府礼堂', representatives: 10 });
    });

    it('refuses the wrong people: 401 anonymous, 403 a resident, 403 another unit’s organizer, 404 an unknown draft', async () => {
      const body = { draftId: draft.draftId, ...hearingFields() };
      await t.http().post('/api/hearings').send(body).expect(401);
      await t.http().post('/api/hearings').set((await resident(t)).auth).send(body).expect(403);
      const other = await draftStaff(t);
      await t.http().post('/api/hearings').set(other.organizer.auth).send(body).expect(403);
      await t.http().post('/api/hearings').set(draft.organizer.auth).send({ ...body, draftId: '00000000-0000-4000-8000-000000000000' }).expect(404);
      const id = await createHearing(t, draft);
      await t.http().post(`/api/hearings/${id}/announce`).set(other.organizer.auth).expect(404); // not visible to them yet
      await t.http().patch(`/api/hearings/${id}`).set(other.organizer.auth).send({ venue: 'x' }).expect(404);
    });

    it('refuses malformed input with 400 naming the field', async () => {
      const bad = async (patch: Record<string, unknown>, field: RegExp) => {
        const res = await t.http().post('/api/hearings').set(draft.organizer.auth).send({ draftId: draft.draftId, ...hearingFields(patch) }).expect(400);
        expect(res.body.message).toMatch(field);
      };
      await bad({ startsAt: 'next week' }, /startsAt/);
      await bad({ quotas: { stakeholder: -1, resident: 3, deputy: 1, expert: 1, lawyer: 1, other: 1 } }, /quotas\.stakeholder/);
      await bad({ quotas: { stakeholder: 3 } }, /quotas\.resident/);
      await bad({ matter: { content: 42 } }, /matter\.content/);
      await bad({ mayor: true }, /mayor/);
      await bad({ signupClosesAt: new Date(Date.now() + 30 * DAY).toISOString() }, /signupClosesAt/);
      await t.http().get('/api/hearings/not-a-uuid').expect(400);
    });

    it('refuses to announce a hearing less than 10 days ahead (R11)', async () => {
      const id = await createHearing(t, draft, { startsAt: new Date(Date.now() + 9 * DAY).toISOString(), signupClosesAt: new Date(Date.now() + 5 * DAY).toISOString() });
      const res = await t.http().post(`/api/hearings/${id}/announce`).set(draft.organizer.auth).expect(422);
      expect(res.body.message).toMatch(/^R11: .*10 days/);
    });

    it('refuses to announce without every R11 element, naming what is missing (R11)', async () => {
      const id = await createHearing(t, draft, { venue: undefined, matter: { content: '收费标准', reasons: '理由', basis: '依据' } });
      const res = await t.http().post(`/api/hearings/${id}/announce`).set(draft.organizer.auth).expect(422);
      expect(res.body.message).toMatch(/^R11: /);
      expect(res.body.message).toMatch(/venue/);
      expect(res.body.message).toMatch(/matter\.background/);
      const noMethod = await createHearing(t, draft, { selectionMethod: '  ' });
      expect((await t.http().post(`/api/hearings/${noMethod}/announce`).set(draft.organizer.auth).expect(422)).body.message).toMatch(/^R11: .*selectionMethod/);
    });

    it('refuses fewer than 10 representatives in total (R12)', async () => {
      const id = await createHearing(t, draft, { quotas: { stakeholder: 3, resident: 3, deputy: 1, expert: 1, lawyer: 1, other: 0 } });
      const res = await t.http().post(`/api/hearings/${id}/announce`).set(draft.organizer.auth).expect(422);
      expect(res.body.message).toMatch(/^R12: .*10 representatives.*9/);
    });

    it('refuses a hearing where stakeholders or residents have no seat to apply for (R12 categories)', async () => {
      const id = await createHearing(t, draft, { quotas: { stakeholder: 0, resident: 6, deputy: 1, expert: 1, lawyer: 1, other: 1 } });
      expect((await t.http().post(`/api/hearings/${id}/announce`).set(draft.organizer.auth).expect(422)).body.message).toMatch(/^R12: .*stakeholder/);
    });

    it('announces a complete hearing: public page with every R11 element, countdowns, no personal data; then frozen', async () => {
      const id = await announcedHearing(t, draft);
      const res = await t.http().get(`/api/hearings/${id}`).expect(200);
      expect(res.body).toMatchObject({
        status: 'announced',
        phase: 'signup-open',
        venue: '市政府第一会议室',
        matter: { content: expect.any(String), reasons: expect.any(String), basis: expect.any(String), background: expect.any(String) },
        signupMethod: expect.any(String),
        selectionMethod: expect.any(String),
        quotas: { stakeholder: 3, resident: 3, deputy: 1, expert: 1, lawyer: 1, other: 1 },
        representatives: 10,
        applications: { stakeholder: 0, resident: 0 },
        draw: { commitment: null, frozenAt: null, drawnAt: null },
      });
      expect(res.body.countdown.startsInMs).toBeGreaterThan(19 * DAY);
      expect(Date.parse(res.body.serverTime)).toBeLessThanOrEqual(Date.now());
      expect(JSON.stringify(res.body)).not.toMatch(/@/);
      const list = await t.http().get(`/api/hearings?draftId=${draft.draftId}`).expect(200);
      expect(list.body.items.map((h: { id: string }) => h.id)).toContain(id);
      expect(list.body.items.every((h: { status: string }) => h.status === 'announced')).toBe(true);
      await t.http().patch(`/api/hearings/${id}`).set(draft.organizer.auth).send({ venue: '别处' }).expect(409);
      await t.http().post(`/api/hearings/${id}/announce`).set(draft.organizer.auth).expect(409);
      const events = await t.http().get(`/api/hearings/${id}/events`).expect(200);
      expect(events.body.items[0]).toMatchObject({ kind: 'announced' });
    });

    it('does not announce a hearing on a draft that is not public yet', async () => {
      const draftId = await createDraft(t, draft.organizer);
      const res = await t.http().post('/api/hearings').set(draft.organizer.auth).send({ draftId, ...hearingFields() }).expect(201);
      await t.http().post(`/api/hearings/${res.body.id}/announce`).set(draft.organizer.auth).expect(409);
    });
  });

  describe('applications (R13)', () => {
    let hearingId: string;
    beforeAll(async () => {
      hearingId = await announcedHearing(t, draft);
    });

    it('takes one application per signed-in resident, with sequential public labels', async () => {
      const [a, b] = await applicants(t, hearingId, 2, 'resident');
      expect([a.label, b.label]).toEqual(['H-0001', 'H-0002']);
      const second = await t.http().post(`/api/hearings/${hearingId}/applications`).set(a.user.auth).send({ category: 'stakeholder', statement: '再报一次' }).expect(409);
      expect(second.body.message).toMatch(/already applied/);
      const c = await apply(t, await resident(t), hearingId, 'stakeholder');
      expect(c.label).toBe('H-0003');
      await t.http().post(`/api/hearings/${hearingId}/applications`).send({ category: 'resident', statement: 'x' }).expect(401);
      await t.http().post(`/api/hearings/${hearingId}/applications`).set(draft.organizer.auth).send({ category: 'resident', statement: 'x' }).expect(403);
    });

    it('refuses deputies, experts, lawyers and others applying: they are invited (R13)', async () => {
      const r = await resident(t);
      for (const category of ['expert', 'deputy', 'lawyer', 'other']) {
        const res = await t.http().post(`/api/hearings/${hearingId}/applications`).set(r.auth).send({ category, statement: '我是专家' }).expect(422);
        expect(res.body.message).toMatch(/^R13: /);
      }
      expect((await t.http().post(`/api/hearings/${hearingId}/applications`).set(r.auth).send({ category: 'mayor', statement: 'x' }).expect(400)).body.message).toMatch(/category/);
      expect((await t.http().post(`/api/hearings/${hearingId}/applications`).set(r.auth).send({ category: 'resident', statement: '  ' }).expect(400)).body.message).toMatch(/statement/);
    });

    it('accepts applications only inside the sign-up window (R13)', async () => {
      const early = await announcedHearing(t, draft, { signupOpensAt: new Date(Date.now() + DAY).toISOString() });
      const r = await resident(t);
      const before = await t.http().post(`/api/hearings/${early}/applications`).set(r.auth).send({ category: 'resident', statement: '关心' }).expect(409);
      expect(before.body.message).toMatch(/sign-up is open only from/);
      await t.sql.query(`UPDATE hearing SET signup_opens_at = now() - interval '2 days', signup_closes_at = now() - interval '1 second', announced_at = now() - interval '3 days' WHERE id = $1`, [early]);
      await t.http().post(`/api/hearings/${early}/applications`).set(r.auth).send({ category: 'resident', statement: '关心' }).expect(409);
      const unannounced = await createHearing(t, draft);
      await t.http().post(`/api/hearings/${unannounced}/applications`).set(r.auth).send({ category: 'resident', statement: '关心' }).expect(404);
    });

    it('lets the organizer review; a rejection needs a reason, which the applicant sees', async () => {
      const [a] = await applicants(t, hearingId, 1, 'resident');
      const url = `/api/hearings/${hearingId}/applications/${a.applicationId}/review`;
      expect((await t.http().post(url).set(draft.organizer.auth).send({ accept: false }).expect(400)).body.message).toMatch(/reason/);
      await t.http().post(url).set(a.user.auth).send({ accept: true }).expect(403);
      const other = await draftStaff(t);
      await t.http().post(url).set(other.organizer.auth).send({ accept: true }).expect(403);
      await t.http().post(url).set(draft.organizer.auth).send({ accept: false, reason: '非本市常住居民' }).expect(200);
      const mine = await t.http().get(`/api/hearings/${hearingId}/applications/mine`).set(a.user.auth).expect(200);
      expect(mine.body).toMatchObject({ label: a.label, status: 'rejected', reason: '非本市常住居民', decidedAt: expect.any(String), seat: null });
      await t.http().get(`/api/hearings/${hearingId}/applications/mine`).set((await resident(t)).auth).expect(404);
    });

    it('shows the full list to the organizer only', async () => {
      const list = await t.http().get(`/api/hearings/${hearingId}/applications?pageSize=2`).set(draft.organizer.auth).expect(200);
      expect(list.body).toMatchObject({ total: 4, page: 1, pageSize: 2 });
      expect(list.body.items[0]).toMatchObject({ label: 'H-0001', displayName: '申请人1', email: expect.stringContaining('@'), statement: expect.any(String) });
      await t.http().get(`/api/hearings/${hearingId}/applications`).set((await resident(t)).auth).expect(403);
      const filtered = await t.http().get(`/api/hearings/${hearingId}/applications?category=stakeholder`).set(draft.organizer.auth).expect(200);
      expect(filtered.body.total).toBe(1);
      const events = await t.http().get(`/api/hearings/${hearingId}/events?pageSize=100`).expect(200);
      expect(events.body.items.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['application-received', 'application-reviewed']));
      expect(JSON.stringify(events.body)).not.toMatch(PERSONAL);
      expect(JSON.stringify(events.body)).not.toMatch(/非本市/); // reasons are for the applicant, not the public log
    });
  });

  describe('invitations (R13)', () => {
    let hearingId: string;
    beforeAll(async () => {
      hearingId = await announcedHearing(t, draft);
    });

    const invite = (body: Record<string, unknown>, auth = draft.organizer.auth) => t.http().post(`/api/hearings/${hearingId}/invitations`).set(auth).send(body);

    it('refuses inviting stakeholders or residents: they apply (R13)', async () => {
      const res = await invite({ email: 'x@example.org', displayName: '某人', category: 'resident' }).expect(422);
      expect(res.body.message).toMatch(/^R13: /);
      await invite({ email: 'x@example.org', displayName: '某人', category: 'stakeholder' }).expect(422);
      expect((await invite({ email: 'not-an-email', displayName: '某人', category: 'expert' }).expect(400)).body.message).toMatch(/email/);
      await invite({ email: 'x@example.org', displayName: '某人', category: 'expert' }, (await resident(t)).auth).expect(403);
    });

    it('mails an invitation whose token accepts without an account; the seat shows on the staff roster only', async () => {
      const sent = await invite({ email: 'Prof.Li@example.edu.cn', displayName: '李教授', category: 'expert' }).expect(201);
      expect(sent.body).toMatchObject({ status: 'pending', category: 'expert', displayName: '李教授' });
      await invite({ email: 'prof.li@example.edu.cn', displayName: '李教授', category: 'expert' }).expect(409);
      const token = await invitationToken(t, sent.body.id);
      const view = await t.http().get(`/api/invitations/${token}`).expect(200);
      expect(view.body).toMatchObject({ ownerKind: 'hearing', ownerId: hearingId, category: 'expert', status: 'pending' });
      const accepted = await t.http().post(`/api/invitations/${token}/accept`).expect(200);
      expect(accepted.body).toMatchObject({ status: 'accepted', seat: { category: 'expert', slot: 1, status: 'confirmed', source: 'invitation' } });
      await t.http().post(`/api/invitations/${token}/accept`).expect(409);
      await t.http().post('/api/invitations/no-such-token/accept').expect(404);

      const roster = await t.http().get(`/api/hearings/${hearingId}/roster`).set(draft.organizer.auth).expect(200);
      expect(roster.body.representatives).toEqual([expect.objectContaining({ category: 'expert', displayName: '李教授', email: 'Prof.Li@example.edu.cn', userId: null })]);
      expect(roster.body.staff).toEqual(expect.arrayContaining([expect.objectContaining({ userId: draft.organizer.id })]));
      await t.http().get(`/api/hearings/${hearingId}/roster`).set((await resident(t)).auth).expect(403);
      const seats = await t.http().get(`/api/hearings/${hearingId}/seats`).expect(200);
      expect(seats.body.items).toHaveLength(1);
      expect(JSON.stringify(seats.body)).not.toMatch(/李|example/);
    });

    it('fills a category only up to its quota, links a signed-in invitee, and declines', async () => {
      const deputy = await staff(t, ['resident'], { displayName: '王代表' });
      const first = await invite({ email: deputy.email, displayName: '王代表', category: 'deputy' }).expect(201);
      const second = await invite({ email: 'another.deputy@example.org', displayName: '赵委员', category: 'deputy' }).expect(201);
      await t.http().post(`/api/invitations/${await invitationToken(t, first.body.id)}/accept`).set(deputy.auth).expect(200);
      const full = await t.http().post(`/api/invitations/${await invitationToken(t, second.body.id)}/accept`).expect(409);
      expect(full.body.message).toMatch(/all 1 deputy seats are taken/);
      await t.http().post(`/api/invitations/${await invitationToken(t, second.body.id)}/decline`).expect(200);
      const roster = await t.http().get(`/api/hearings/${hearingId}/roster`).set(draft.organizer.auth).expect(200);
      expect(roster.body.representatives).toEqual(expect.arrayContaining([expect.objectContaining({ category: 'deputy', userId: deputy.id })]));

      // Giving back an accepted invitation frees the seat for the next invitee.
      await t.http().post(`/api/invitations/${await invitationToken(t, first.body.id)}/decline`).expect(200);
      const third = await invite({ email: 'third.deputy@example.org', displayName: '钱代表', category: 'deputy' }).expect(201);
      await t.http().post(`/api/invitations/${await invitationToken(t, third.body.id)}/accept`).expect(200);
      const list = await t.http().get(`/api/hearings/${hearingId}/invitations`).set(draft.organizer.auth).expect(200);
      expect(list.body.items.map((i: { status: string }) => i.status)).toEqual(['accepted', 'declined', 'declined', 'accepted']);
    });
  });
});
