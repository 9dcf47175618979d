// A hearing held from start to report: the clerk opens it, types the transcript over the live
// socket (namespace /hearings, as the clerk's console does), ends it; the representatives check
// it (one asks for a correction, which the clerk accepts) and confirm (R14); the clerk seals it;
// the organizer publishes the hearing report with a conclusion and an answer per opinion (R15).
import { io } from 'socket.io-client';

/** Speakers without a seat: the chair, the drafting department, invited experts and a deputy. */
const GUESTS = {
  chair: { speaker: '主持人 刘振华（市司法局副局长）', role: 'chair' },
  other: { speaker: '市公安局治安管理支队 王警官（起草单位）', role: 'other' },
  expert: { speaker: '某农业大学动物医学院 张教授', role: 'expert' },
  lawyer: { speaker: '某律师事务所 孙律师', role: 'lawyer' },
  deputy: { speaker: '市人大代表 何建平', role: 'deputy' },
};

async function clerkSocket(baseUrl, token) {
  const socket = io(`${baseUrl}/hearings`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/**
 * Types `script` ([who, text], who = 'seat:<i>' for the i-th of `seats`, or a GUESTS key). Each
 * segment carries a client key, so a rerun after an interruption stores nothing twice.
 */
export async function typeTranscript(api, token, hearingId, script, seats) {
  const socket = await clerkSocket(api.baseUrl, token);
  try {
    for (const [i, [who, text]] of script.entries()) {
      const seat = who.startsWith('seat:') ? seats[Number(who.slice(5))] : null;
      const speaker = seat ? { seatId: seat.seatId } : GUESTS[who];
      const ack = await socket.timeout(20_000).emitWithAck('segment:add', { hearingId, text, clientKey: `demo-${i + 1}`, ...speaker });
      if (!ack?.seq) throw new Error(`segment ${i + 1}: ${JSON.stringify(ack)}`);
    }
  } finally {
    socket.disconnect();
  }
}

/** The hearing's transcript, ended, confirmed, sealed and reported; each step skipped once done. */
export async function holdHearing(api, people, shift, hearing, { script, seats, correction, report }) {
  const id = hearing.id;
  const clerk = await people.clerk.token();
  if ((await api.call('GET', `/hearings/${id}/report`)).status === 200) return;
  let session = await api.must('GET', `/hearings/${id}/live`, { token: clerk });
  if (session.state === 'scheduled') {
    await shift.startNow(id);
    session = await api.must('POST', `/hearings/${id}/start`, { token: clerk });
  }
  if (session.state === 'live' || session.state === 'paused') {
    if (session.state === 'paused') await api.must('POST', `/hearings/${id}/start`, { token: clerk });
    await typeTranscript(api, clerk, id, script, seats);
    session = await api.must('POST', `/hearings/${id}/end`, { token: clerk });
  }
  if (!session.sealedAt) {
    await confirmAll(api, people, id, seats, correction);
    await api.must('POST', `/hearings/${id}/seal`, { token: clerk });
  }
  const opinions = report.opinions.map(({ seat, ...o }) => (seat === undefined ? o : { ...o, seatId: seats[seat].seatId }));
  await api.must('POST', `/hearings/${id}/report`, { token: await people.organizer.token(), body: { conclusions: report.conclusions, opinions } });
}

/** Every representative confirms; `correction.seat` first asks to correct their segment `correction.nth`. */
async function confirmAll(api, people, id, seats, correction) {
  const clerk = await people.clerk.token();
  const state = await api.must('GET', `/hearings/${id}/confirmations?pageSize=100`, { token: clerk });
  const bySeat = new Map(state.items.map((c) => [c.seatId, c]));
  const fixer = seats[correction.seat];
  if (bySeat.get(fixer.seatId)?.status === 'pending') {
    const token = await fixer.person.token();
    const mine = await api.must('GET', `/hearings/${id}/transcript?mine=true&pageSize=100`, { token });
    const seq = mine.items[correction.nth].seq;
    const asked = await api.must('POST', `/hearings/${id}/confirmations`, { token, body: { corrections: [{ seq, text: correction.text }] } });
    await api.must('POST', `/hearings/${id}/corrections/${asked.corrections[0].id}/accept`, { token: clerk });
  }
  for (const seat of seats) {
    if (bySeat.get(seat.seatId)?.status === 'confirmed') continue;
    await api.must('POST', `/hearings/${id}/confirmations`, { token: await seat.person.token(), body: { confirm: true } });
  }
}
