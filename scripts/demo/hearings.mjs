// Hearings of the demo: announcement (R11, R12), applications and their review (R13), and the
// verifiable draw (commitment before sign-up closes, frozen list, draw with a public randomness).
import { createHash, randomBytes } from 'node:crypto';
import { pool } from './api-client.mjs';

const DAY = 24 * 3600 * 1000;

/** The hearing on `draft` titled `fields.title`, created and announced if missing. */
export async function ensureHearing(api, people, draft, fields) {
  const token = await people.organizer.token();
  const list = await api.must('GET', `/hearings?draftId=${draft.id}&pageSize=100`, { token });
  let hearing = list.items?.find((h) => h.title === fields.title);
  if (!hearing) {
    const now = Date.now();
    const times = {
      startsAt: new Date(now + 20 * DAY).toISOString(),
      signupOpensAt: new Date(now - 60_000).toISOString(),
      signupClosesAt: new Date(now + 10 * DAY).toISOString(),
    };
    hearing = await api.must('POST', '/hearings', { token, body: { draftId: draft.id, ...times, ...fields } });
  }
  if (!hearing.announcedAt) await api.must('POST', `/hearings/${hearing.id}/announce`, { token });
  return api.must('GET', `/hearings/${hearing.id}`, { token });
}

/** Each `{person, category, statement}` applies while sign-up is open (an earlier run's application stands). */
export async function applyAll(api, hearingId, applicants) {
  if ((await api.must('GET', `/hearings/${hearingId}`)).phase !== 'signup-open') return;
  await pool(applicants, 4, async ({ person, category, statement }) => {
    const r = await api.call('POST', `/hearings/${hearingId}/applications`, { token: await person.token(), body: { category, statement } });
    if (r.status !== 201 && !(r.status === 409 && /already applied/.test(r.data?.message))) {
      throw new Error(`${person.displayName} applying: ${r.status} ${JSON.stringify(r.data)}`);
    }
  });
}

/** The organizer accepts every pending application, except `rejections` (email → reason). */
export async function reviewAll(api, people, hearingId, rejections = {}) {
  const token = await people.organizer.token();
  const { items } = await api.must('GET', `/hearings/${hearingId}/applications?pageSize=100`, { token });
  for (const a of items.filter((x) => x.status === 'pending')) {
    const reason = rejections[a.email];
    await api.must('POST', `/hearings/${hearingId}/applications/${a.id}/review`, { token, body: reason ? { accept: false, reason } : { accept: true } });
  }
}

/** [H^0(s), ..., H^n(s)] in hex, H = SHA-256 over bytes, H^0 = the secret's UTF-8 (hearing-draw/1). */
export function hashChain(secret, n) {
  let value = Buffer.from(secret, 'utf8');
  const chain = [value.toString('hex')];
  for (let i = 0; i < n; i++) chain.push((value = createHash('sha256').update(value).digest()).toString('hex'));
  return chain;
}

/**
 * Commitment, end of sign-up, frozen list and draw. The secret lives only in this process: the
 * organizer publishes H^3(secret) before sign-up closes and reveals H^2(secret) at the draw.
 */
export async function commitAndDraw(api, people, shift, hearingId, { randomnessSource, randomness }) {
  const token = await people.organizer.token();
  const hearing = await api.must('GET', `/hearings/${hearingId}`, { token });
  if (hearing.draw.drawnAt) return api.must('GET', `/hearings/${hearingId}/draw`);
  if (hearing.draw.commitment) {
    throw new Error(`hearing ${hearingId} has a draw commitment from an interrupted run whose secret is gone; reset the demo database to seed it again`);
  }
  const chain = hashChain(randomBytes(32).toString('hex'), 3);
  await api.must('POST', `/hearings/${hearingId}/draw-commitment`, { token, body: { commitment: chain[3], chainLength: 3, randomnessSource } });
  await shift.closeSignup(hearingId);
  await api.must('POST', `/hearings/${hearingId}/freeze`, { token });
  await api.must('POST', `/hearings/${hearingId}/draw`, { token, body: { chainValue: chain[2], randomness } });
  return api.must('GET', `/hearings/${hearingId}/draw`);
}

/** `person`'s application to the hearing (with its seat once drawn), or null. */
export async function myApplication(api, hearingId, person) {
  const r = await api.call('GET', `/hearings/${hearingId}/applications/mine`, { token: await person.token() });
  return r.status === 200 ? r.data : null;
}

/** Each person offered a seat confirms it (R13: the seat is theirs once confirmed). */
export async function confirmSeats(api, hearingId, persons) {
  const seats = [];
  for (const person of persons) {
    const mine = await myApplication(api, hearingId, person);
    const seat = mine?.seat;
    if (!seat) continue;
    if (seat.status === 'offered') await api.must('POST', `/hearings/${hearingId}/seats/${seat.id}/confirm`, { token: await person.token() });
    seats.push({ person, seatId: seat.id, label: mine.label, category: mine.category });
  }
  return seats;
}
