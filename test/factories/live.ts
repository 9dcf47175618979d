// Live hearings for e2e tests: an announced hearing that may start now, with representatives
// holding seats, a clerk of the unit, and socket.io clients on the `/hearings` namespace.
// The hearing is created and announced over HTTP; the seats are written with SQL (the draw that
// normally fills them is tested by the hearings feature and would only slow these tests down).
import { randomBytes, randomUUID } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import type { TestApp } from '../setup/test-app';
import { createPublishedDraft, PublishedDraft } from './drafts';
import { announcedHearing, startNow } from './hearings';
import { resident, SignedIn, staff } from './users';

export type SeatCategory = 'stakeholder' | 'resident' | 'deputy' | 'expert' | 'lawyer' | 'other';

export interface Representative {
  user: SignedIn;
  seatId: string;
  category: SeatCategory;
  displayName: string;
}

export interface LiveHearing {
  hearingId: string;
  draft: PublishedDraft;
  unitId: string;
  organizer: SignedIn;
  clerk: SignedIn;
  representatives: Representative[];
}

const DEFAULT_REPRESENTATIVES: Array<{ category: SeatCategory; displayName: string }> = [
  { category: 'resident', displayName: '王小明' },
  { category: 'stakeholder', displayName: '李建国' },
  { category: 'expert', displayName: '张教授' },
];

/** Gives `user` a confirmed seat in the hearing (SQL); returns the seat id. */
export async function seatRepresentative(t: TestApp, hearingId: string, user: SignedIn, category: SeatCategory, displayName: string, createdBy: string): Promise<string> {
  const [{ n }] = (await t.sql.query(`SELECT count(*)::int + 1 AS n FROM selection_seat WHERE owner_kind = 'hearing' AND owner_id = $1`, [hearingId])).rows;
  let applicationId: string | null = null;
  let invitationId: string | null = null;
  if (category === 'resident' || category === 'stakeholder') {
    const { rows } = await t.sql.query(
      `INSERT INTO selection_application (owner_kind, owner_id, seq, label, user_id, category, statement, status)
       VALUES ('hearing', $1, $2, $3, $4, $5, '关心停车收费', 'selected') RETURNING id`,
      [hearingId, 1000 + n, `H-${String(1000 + n).padStart(4, '0')}`, user.id, category],
    );
    applicationId = rows[0].id;
  } else {
    const { rows } = await t.sql.query(
      `INSERT INTO selection_invitation (owner_kind, owner_id, email, display_name, category, token_hash, status, user_id, responded_at, created_by)
       VALUES ('hearing', $1, $2, $3, $4, $5, 'accepted', $6, now(), $7) RETURNING id`,
      [hearingId, user.email, displayName, category, randomBytes(16).toString('hex'), user.id, createdBy],
    );
    invitationId = rows[0].id;
  }
  const { rows } = await t.sql.query(
    `INSERT INTO selection_seat (owner_kind, owner_id, pool, slot, category, source, application_id, invitation_id, user_id, display_name, label, status, responded_at)
     VALUES ('hearing', $1, $2, $3, $2, $4, $5, $6, $7, $8, $9, 'confirmed', now()) RETURNING id`,
    [hearingId, category, n, applicationId ? 'draw' : 'invitation', applicationId, invitationId, user.id, displayName, applicationId ? `H-${String(1000 + n).padStart(4, '0')}` : null],
  );
  return rows[0].id;
}

/**
 * A hearing announced over HTTP whose start has been moved to now, with a clerk of the unit and
 * representatives seated (by default a resident, a stakeholder and an expert).
 */
export async function liveHearing(t: TestApp, opts: { representatives?: Array<{ category: SeatCategory; displayName: string }>; draft?: PublishedDraft } = {}): Promise<LiveHearing> {
  const draft = opts.draft ?? (await createPublishedDraft(t));
  const hearingId = await announcedHearing(t, draft);
  await startNow(t, 'hearing', hearingId);
  const clerk = await staff(t, ['clerk'], { unitId: draft.unitId, displayName: '记录员陈' });
  const representatives: Representative[] = [];
  for (const r of opts.representatives ?? DEFAULT_REPRESENTATIVES) {
    const user = await resident(t, r.displayName);
    representatives.push({ user, category: r.category, displayName: r.displayName, seatId: await seatRepresentative(t, hearingId, user, r.category, r.displayName, draft.organizer.id) });
  }
  return { hearingId, draft, unitId: draft.unitId, organizer: draft.organizer, clerk, representatives };
}

/** POST /start, /pause, /end as `who` (the clerk by default); returns the response body. */
export async function setLiveState(t: TestApp, h: LiveHearing, action: 'start' | 'pause' | 'end', who: SignedIn = h.clerk): Promise<any> {
  const res = await t.http().post(`/api/hearings/${h.hearingId}/${action}`).set(who.auth);
  if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Moves the confirmation deadline into the past (SQL), as if the working days had gone by. */
export async function passConfirmationDeadline(t: TestApp, hearingId: string): Promise<void> {
  await t.sql.query(`UPDATE hearing_session SET confirmation_deadline = now() - interval '1 second' WHERE hearing_id = $1`, [hearingId]);
}

// ---- sockets ----

/** A socket.io client on `/hearings`, connected (websocket only). */
export async function liveSocket(t: TestApp | { url: string }, token?: string): Promise<Socket> {
  const socket = io(`${t.url}/hearings`, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

export function emitAck<T = any>(socket: Socket, event: string, ...args: unknown[]): Promise<T> {
  return socket.timeout(20_000).emitWithAck(event, ...args) as Promise<T>;
}

export interface Viewer {
  socket: Socket;
  segments: Array<{ seq: number; revision: number; text: string; speaker: string; role: string; at: string; hearingId: string }>;
  states: Array<{ state: string }>;
  /** Index in `segments` at which the join ack arrived. */
  ackedAt: number;
  ack: any;
}

/**
 * Connects, records every `segment` and `hearing:state`, and joins with `afterSeq`. The ack is
 * taken in a callback (not a promise) so that `ackedAt` is exact: promise continuations run only
 * after every packet of the same network read has been handled.
 */
export async function joinViewer(t: TestApp | { url: string }, hearingId: string, afterSeq?: number, token?: string): Promise<Viewer> {
  const socket = await liveSocket(t, token);
  return joinOn(socket, hearingId, afterSeq);
}

export function joinOn(socket: Socket, hearingId: string, afterSeq?: number): Promise<Viewer> {
  const viewer: Viewer = { socket, segments: [], states: [], ackedAt: -1, ack: null };
  socket.on('segment', (s) => viewer.segments.push(s));
  socket.on('hearing:state', (s) => viewer.states.push(s));
  return new Promise((resolve, reject) => {
    socket.timeout(20_000).emit('join', afterSeq === undefined ? { hearingId } : { hearingId, afterSeq }, (err: Error | null, ack: any) => {
      if (err) return reject(err);
      viewer.ack = ack;
      viewer.ackedAt = viewer.segments.length;
      resolve(viewer);
    });
  });
}

/** Waits until `check()` holds, polling; fails after `ms`. */
export async function until(check: () => boolean, ms = 15_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const clientKey = () => randomUUID();
