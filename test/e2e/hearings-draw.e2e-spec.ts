import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DrawRecord, frozenListHash, hashChain, runDraw, verifyDrawRecord } from '../../src/modules/draws/algorithm/hearing-draw';
import { createPublishedDraft, PublishedDraft } from '../factories/drafts';
import { acceptAll, announcedHearing, Applicant, applicants, apply, closeSignup, commit, freezeAndDraw, startNow } from '../factories/hearings';
import { resident } from '../factories/users';
import { createTestApp, TestApp } from '../setup/test-app';

const run = promisify(execFile);
const SECRET = 'organizer secret 2026';
const RANDOMNESS = '03 07 12 19 25 31 + 08';

describe('hearing draw: commitment, frozen list, verifiable draw and seats (R13)', () => {
  let t: TestApp;
  let draft: PublishedDraft;
  let hearingId: string;
  let residents: Applicant[];
  let stakeholders: Applicant[];
  let chain: string[];
  let record: DrawRecord;
  const url = (p = '') => `/api/hearings/${hearingId}${p}`;
  const mine = async (a: Applicant) => (await t.http().get(url('/applications/mine')).set(a.user.auth).expect(200)).body;
  const activeSeats = async () =>
    (await t.sql.query(`SELECT category, count(*)::int AS n FROM selection_seat WHERE owner_id = $1 AND status IN ('offered','confirmed') GROUP BY category`, [hearingId])).rows;
  const expectWithinQuotas = async () => {
    for (const row of await activeSeats()) expect(row.n).toBeLessThanOrEqual(3);
  };

  beforeAll(async () => {
    t = await createTestApp();
    draft = await createPublishedDraft(t);
    hearingId = await announcedHearing(t, draft);
    residents = await applicants(t, hearingId, 8, 'resident');
    stakeholders = await applicants(t, hearingId, 4, 'stakeholder');
  });
  afterAll(() => t.close());

  it('takes the commitment once, from the organizer, before sign-up closes', async () => {
    const res = await t.http().post(url('/draw-commitment')).set(draft.organizer.auth).send({ commitment: 'abc', chainLength: 0, randomnessSource: '' }).expect(400);
    expect(res.body.message).toMatch(/commitment.*chainLength.*randomnessSource/s);
    const body = { commitment: hashChain(SECRET, 3)[3], chainLength: 3, randomnessSource: '双色球' };
    await t.http().post(url('/draw-commitment')).set(residents[0].user.auth).send(body).expect(403);
    chain = await commit(t, hearingId, draft.organizer, SECRET, 3);
    expect((await t.http().post(url('/draw-commitment')).set(draft.organizer.auth).send(body).expect(409)).body.message).toMatch(/already published/);
    expect((await t.http().get(url()).expect(200)).body.draw.commitment).toMatchObject({ commitment: chain[3], chainLength: 3, algorithm: 'hearing-draw/1' });
    await t.http().post(url('/freeze')).set(draft.organizer.auth).expect(409);
    await t.http().post(url('/draw')).set(draft.organizer.auth).send({ chainValue: chain[2], randomness: RANDOMNESS }).expect(409);
  });

  it('refuses a commitment after sign-up has closed', async () => {
    const late = await announcedHearing(t, draft);
    await closeSignup(t, 'hearing', late);
    const res = await t.http().post(`/api/hearings/${late}/draw-commitment`).set(draft.organizer.auth).send({ commitment: chain[3], chainLength: 3, randomnessSource: '双色球' }).expect(409);
    expect(res.body.message).toMatch(/sign-up closed/);
  });

  it('freezes the eligible list after sign-up closes, once every application is reviewed', async () => {
    await acceptAll(t, hearingId, draft.organizer, [...residents.slice(0, 6), ...stakeholders]);
    await closeSignup(t, 'hearing', hearingId);
    await t.http().post(url('/applications')).set((await resident(t)).auth).send({ category: 'resident', statement: '晚了' }).expect(409);
    expect((await t.http().post(url('/freeze')).set(draft.organizer.auth).expect(409)).body.message).toMatch(/2 application\(s\) still await review/);
    await acceptAll(t, hearingId, draft.organizer, [residents[6]]);
    await t.http().post(url(`/applications/${residents[7].applicationId}/review`)).set(draft.organizer.auth).send({ accept: false, reason: '重复报名' }).expect(200);

    const frozen = await t.http().post(url('/freeze')).set(draft.organizer.auth).expect(200);
    const residentLabels = residents.slice(0, 7).map((a) => a.label).sort();
    expect(frozen.body.lists).toEqual([
      { category: 'resident', quota: 3, labels: residentLabels, listHash: frozenListHash(residentLabels) },
      { category: 'stakeholder', quota: 3, labels: stakeholders.map((a) => a.label).sort(), listHash: frozenListHash(stakeholders.map((a) => a.label)) },
    ]);
    await t.http().post(url('/freeze')).set(draft.organizer.auth).expect(409);
    await t.http().post(url(`/applications/${residents[7].applicationId}/review`)).set(draft.organizer.auth).send({ accept: true }).expect(409);
    const eligible = await t.http().get(url('/eligible')).expect(200);
    expect(eligible.body.lists).toEqual(frozen.body.lists);
  });

  it('records a self-recommendation among the stakeholders instead of a draw (自行推荐)', async () => {
    const send = (labels: string[]) =>
      t.http().post(url('/self-recommendation')).set(draft.organizer.auth).send({ category: 'stakeholder', labels, note: '四位利害关系人协商推荐两位代表，联系人电话13812345678' });
    expect((await send(stakeholders.map((s) => s.label)).expect(400)).body.message).toMatch(/4 recommended for 3/);
    expect((await send(['H-0999']).expect(400)).body.message).toMatch(/not on the frozen stakeholder list/);
    const res = await send([stakeholders[0].label, stakeholders[1].label]).expect(201);
    expect(res.body).toMatchObject({ category: 'stakeholder', labels: [stakeholders[0].label, stakeholders[1].label] });
    expect(res.body.note).not.toMatch(/13812345678/);
    await send([stakeholders[2].label]).expect(409);
  });

  it('refuses a chain value that does not open the commitment', async () => {
    const res = await t.http().post(url('/draw')).set(draft.organizer.auth).send({ chainValue: chain[1], randomness: RANDOMNESS }).expect(400);
    expect(res.body.message).toMatch(/chainValue: .*commitment/);
    await t.http().post(url('/draw')).set(draft.organizer.auth).send({ chainValue: 'xyz', randomness: RANDOMNESS }).expect(400);
  });

  it('draws: the public record verifies, says how each category was chosen and holds nothing personal', async () => {
    const res = await t.http().post(url('/draw')).set(draft.organizer.auth).send({ chainValue: chain[2], randomness: RANDOMNESS }).expect(201);
    record = res.body.record;
    expect(verifyDrawRecord(record)).toEqual({ ok: true });
    expect(record).toMatchObject({ algorithm: 'hearing-draw/1', commitment: chain[3], n: 3, k: 1, chainValue: chain[2], randomness: RANDOMNESS });
    const [res_, stake] = record.categories;
    expect(res_).toMatchObject({ category: 'resident', method: 'ranked', quota: 3 });
    expect(res_.selected).toHaveLength(3);
    expect(res_.alternates).toHaveLength(4);
    expect(stake).toMatchObject({ category: 'stakeholder', method: 'self-recommended', selected: [stakeholders[0].label, stakeholders[1].label], alternates: [] });
    expect(res.body.selected).toEqual({ resident: res_.selected, stakeholder: stake.selected });
    const served = await t.http().get(url('/draw')).expect(200);
    expect(served.body).toEqual(record);
    const text = JSON.stringify(served.body);
    expect(text).not.toMatch(/@|申请人|停车收费|重复报名/);
    await t.http().post(url('/draw')).set(draft.organizer.auth).send({ chainValue: chain[2], randomness: RANDOMNESS }).expect(409);

    const byLabel = new Map(residents.map((a) => [a.label, a]));
    const first = await mine(byLabel.get(res_.selected[0])!);
    expect(first).toMatchObject({ status: 'selected', seat: { status: 'offered', category: 'resident', confirmBy: expect.any(String) } });
    expect(await mine(byLabel.get(res_.alternates[1])!)).toMatchObject({ status: 'alternate', alternatePosition: 2, seat: null });
    expect(await mine(stakeholders[3])).toMatchObject({ status: 'not_selected', reason: expect.stringMatching(/recommended/) });
    expect(await mine(residents[7])).toMatchObject({ status: 'rejected', reason: '重复报名' });
    await expectWithinQuotas();
  });

  it('serves exactly what scripts/verify-draw.ts accepts, and the script refuses a tampered record', async () => {
    const ok = await run('npx', ['tsx', 'scripts/verify-draw.ts', `${t.url}${url('/draw')}`], { cwd: process.cwd() });
    expect(ok.stdout).toMatch(/✔ Verified/);
    const tampered = { ...record, categories: record.categories.map((c) => (c.category === 'resident' ? { ...c, selected: [...c.alternates.slice(0, 1), ...c.selected.slice(1)] } : c)) };
    const file = join(tmpdir(), `tampered-draw-${process.pid}.json`);
    await writeFile(file, JSON.stringify(tampered));
    await expect(run('npx', ['tsx', 'scripts/verify-draw.ts', file], { cwd: process.cwd() })).rejects.toMatchObject({ code: 1 });
  }, 60_000);

  it('passes declined and lapsed seats to the next alternate of the same category, never over the quota', async () => {
    const [resCat] = record.categories;
    const byLabel = new Map(residents.map((a) => [a.label, a]));
    const [a, b] = resCat.selected.map((l) => byLabel.get(l)!);
    const [alt1, alt2, alt3, alt4] = resCat.alternates.map((l) => byLabel.get(l)!);
    const seatOf = async (x: Applicant) => (await mine(x)).seat.id as string;

    // The holder declines: the first alternate is offered the seat.
    const aSeat = await seatOf(a);
    await t.http().post(url(`/seats/${aSeat}/decline`)).set(b.user.auth).expect(403);
    const declined = await t.http().post(url(`/seats/${aSeat}/decline`)).set(a.user.auth).expect(200);
    expect(declined.body).toMatchObject({ seat: { status: 'declined' }, replacement: { label: alt1.label, category: 'resident', status: 'offered', source: 'replacement' } });
    expect(await mine(a)).toMatchObject({ status: 'declined' });
    expect(await mine(alt1)).toMatchObject({ status: 'selected', seat: { status: 'offered' } });
    expect(await mine(alt2)).toMatchObject({ alternatePosition: 1 });
    await t.http().post(url(`/seats/${aSeat}/decline`)).set(a.user.auth).expect(409);
    await expectWithinQuotas();

    // B confirms, then the organizer withdraws B's seat: the second alternate is offered it.
    const bSeat = await seatOf(b);
    await t.http().post(url(`/seats/${bSeat}/confirm`)).set(alt1.user.auth).expect(403);
    expect((await t.http().post(url(`/seats/${bSeat}/confirm`)).set(b.user.auth).expect(200)).body).toMatchObject({ status: 'confirmed' });
    await t.http().post(url(`/seats/${bSeat}/decline`)).set(draft.organizer.auth).expect(200);
    expect(await mine(alt2)).toMatchObject({ status: 'selected', seat: { status: 'offered' } });
    await t.http().post(url(`/seats/${bSeat}/confirm`)).set(b.user.auth).expect(409);
    await expectWithinQuotas();

    // The first alternate lets the deadline pass: the offer lapses and goes to the third.
    await t.sql.query(`UPDATE selection_seat SET confirm_by = now() - interval '1 second' WHERE id = $1`, [await seatOf(alt1)]);
    const seats = await t.http().get(url('/seats?pageSize=100')).expect(200);
    expect(seats.body.items.filter((s: { status: string }) => s.status === 'lapsed')).toHaveLength(1);
    expect(await mine(alt1)).toMatchObject({ status: 'lapsed' });
    expect(await mine(alt3)).toMatchObject({ status: 'selected', seat: { status: 'offered' } });
    expect(JSON.stringify(seats.body)).not.toMatch(/@|申请人/);
    await expectWithinQuotas();

    const events = await t.http().get(url('/events?pageSize=100')).expect(200);
    const kinds = events.body.items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['commitment-published', 'list-frozen', 'self-recommendation-recorded', 'drawn', 'seat-offered', 'seat-declined', 'seat-confirmed', 'seat-lapsed']));
    expect(JSON.stringify(events.body)).not.toMatch(/@|申请人|13812345678/);

    // When the hearing starts, the last alternate is told they were not selected.
    expect(await mine(alt4)).toMatchObject({ status: 'alternate', alternatePosition: 1 });
    await startNow(t, 'hearing', hearingId);
    expect(await mine(alt4)).toMatchObject({ status: 'not_selected' });
  });

  it('gives the same result whatever order the applicants applied in, and all-selects categories within quota', async () => {
    const people = await Promise.all(Array.from({ length: 6 }, (_, i) => resident(t, `排序${i}`)));
    const drawWith = async (order: typeof people) => {
      const id = await announcedHearing(t, draft);
      const applied: Applicant[] = [];
      for (const p of order) applied.push(await apply(t, p, id, 'resident'));
      applied.push(...(await applicants(t, id, 2, 'stakeholder')));
      await acceptAll(t, id, draft.organizer, applied);
      const c = await commit(t, id, draft.organizer, 'same secret', 2);
      await closeSignup(t, 'hearing', id);
      return { id, applied, body: await freezeAndDraw(t, id, draft.organizer, c, 'same randomness') };
    };
    const forward = await drawWith(people);
    const backward = await drawWith([...people].reverse());
    expect(backward.body.record.categories).toEqual(forward.body.record.categories);
    expect(forward.body.record.categories[1]).toMatchObject({ category: 'stakeholder', method: 'all-selected', alternates: [] });
    // The same labels went to different people, so who is selected depends only on the label order.
    const holder = (run_: typeof forward, label: string) => run_.applied.find((a) => a.label === label)!.user.id;
    const label = forward.body.record.categories[0].selected[0];
    expect(holder(forward, label)).not.toBe(holder(backward, label));
    // And the record recomputes identically from labels supplied in any order.
    const r = forward.body.record as DrawRecord;
    const again = runDraw({ ...r, categories: r.categories.map((c) => ({ category: c.category, quota: c.quota, labels: [...c.labels].reverse() })) });
    expect(again.categories).toEqual(r.categories);
  });
});
