import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { LiveState, LiveStateEvent } from './realtime/live-events';
import type { SealRecord } from './transcript/transcript-chain';

export interface SessionRow {
  hearingId: string;
  state: LiveState;
  lastSeq: number;
  lastEvent: number;
  chainHead: string;
  startedAt: Date | null;
  endedAt: Date | null;
  confirmationDeadline: Date | null;
  sealedAt: Date | null;
  sealHash: string | null;
  sealRecord: SealRecord | null;
  updatedAt: Date;
}

export type SessionAction = 'start' | 'pause' | 'resume' | 'end' | 'seal' | 'report';

const SESSION_COLUMNS = `
  hearing_id AS "hearingId", state, last_seq AS "lastSeq", last_event AS "lastEvent", chain_head AS "chainHead", started_at AS "startedAt",
  ended_at AS "endedAt", confirmation_deadline AS "confirmationDeadline", sealed_at AS "sealedAt",
  seal_hash AS "sealHash", seal_record AS "sealRecord", updated_at AS "updatedAt"`;

/** A hearing that was never started has no row: it reads as `scheduled` with nothing written. */
export function scheduledSession(hearingId: string): SessionRow {
  return {
    hearingId,
    state: 'scheduled',
    lastSeq: 0,
    lastEvent: 0,
    chainHead: '0'.repeat(64),
    startedAt: null,
    endedAt: null,
    confirmationDeadline: null,
    sealedAt: null,
    sealHash: null,
    sealRecord: null,
    updatedAt: new Date(0),
  };
}

/** A session row read as `to_jsonb(hearing_session)` (snake_case keys, times as strings). */
export function sessionFromJson(hearingId: string, j: Record<string, unknown> | null): SessionRow {
  if (!j) return scheduledSession(hearingId);
  const date = (v: unknown) => (v ? new Date(v as string) : null);
  return {
    hearingId,
    state: j.state as LiveState,
    lastSeq: Number(j.last_seq),
    lastEvent: Number(j.last_event),
    chainHead: j.chain_head as string,
    startedAt: date(j.started_at),
    endedAt: date(j.ended_at),
    confirmationDeadline: date(j.confirmation_deadline),
    sealedAt: date(j.sealed_at),
    sealHash: (j.seal_hash as string | null) ?? null,
    sealRecord: (j.seal_record as SealRecord | null) ?? null,
    updatedAt: date(j.updated_at) ?? new Date(0),
  };
}

export function stateEvent(s: SessionRow): LiveStateEvent {
  return {
    hearingId: s.hearingId,
    state: s.state,
    lastSeq: s.lastSeq,
    at: s.updatedAt.toISOString(),
    confirmationDeadline: s.confirmationDeadline?.toISOString() ?? null,
    sealed: s.sealedAt !== null,
  };
}

/** The `hearing_session` row of a hearing: its live state, the seq counter and the seal. */
@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async find(hearingId: string, m: EntityManager = this.db.manager): Promise<SessionRow> {
    const [row] = await m.query(`SELECT ${SESSION_COLUMNS} FROM hearing_session WHERE hearing_id = $1`, [hearingId]);
    return row ?? scheduledSession(hearingId);
  }

  /** Locks the row (creating it first if needed): writes to one hearing are serialised here. */
  async lock(m: EntityManager, hearingId: string): Promise<SessionRow> {
    const [row] = await m.query(`SELECT ${SESSION_COLUMNS} FROM hearing_session WHERE hearing_id = $1 FOR UPDATE`, [hearingId]);
    return row ?? scheduledSession(hearingId);
  }

  async findMany(hearingIds: string[]): Promise<SessionRow[]> {
    return this.db.query(`SELECT ${SESSION_COLUMNS} FROM hearing_session WHERE hearing_id = ANY($1::uuid[])`, [hearingIds]);
  }

  /** Like `lock`, creating the row first: for state changes, so that two first starts serialise too. */
  async lockOrCreate(m: EntityManager, hearingId: string): Promise<SessionRow> {
    await m.query(`INSERT INTO hearing_session (hearing_id) VALUES ($1) ON CONFLICT DO NOTHING`, [hearingId]);
    return this.lock(m, hearingId);
  }

  /** Moves to `state` (the row exists and is locked). */
  async setState(m: EntityManager, hearingId: string, patch: { state: LiveState; endedAt?: Date; confirmationDeadline?: Date }): Promise<SessionRow> {
    const [[row]] = await m.query(
      `UPDATE hearing_session SET
         state = $2,
         started_at = coalesce(started_at, clock_timestamp()),
         ended_at = coalesce($3, ended_at),
         confirmation_deadline = coalesce($4, confirmation_deadline),
         updated_at = clock_timestamp()
       WHERE hearing_id = $1
       RETURNING ${SESSION_COLUMNS}`,
      [hearingId, patch.state, patch.endedAt ?? null, patch.confirmationDeadline ?? null],
    );
    return row;
  }

  /** After a later revision: only the event counter moves on. */
  async bumpEvent(m: EntityManager, hearingId: string, lastEvent: number): Promise<void> {
    await m.query(`UPDATE hearing_session SET last_event = $2 WHERE hearing_id = $1`, [hearingId, lastEvent]);
  }

  async seal(m: EntityManager, hearingId: string, userId: string, record: SealRecord, hash: string): Promise<SessionRow> {
    const [[row]] = await m.query(
      `UPDATE hearing_session SET sealed_at = $2, sealed_by = $3, seal_hash = $4, seal_record = $5, updated_at = $2
        WHERE hearing_id = $1 RETURNING ${SESSION_COLUMNS}`,
      [hearingId, record.sealedAt, userId, hash, JSON.stringify(record)],
    );
    return row;
  }

  async logAction(m: EntityManager, hearingId: string, actorId: string, action: SessionAction, from: LiveState, to: LiveState): Promise<void> {
    await m.query(
      `INSERT INTO hearing_session_event (hearing_id, actor_id, action, from_state, to_state) VALUES ($1, $2, $3, $4, $5)`,
      [hearingId, actorId, action, from, to],
    );
  }

  async history(hearingId: string): Promise<Array<{ at: Date; action: SessionAction; fromState: LiveState; toState: LiveState; actorName: string }>> {
    return this.db.query(
      `SELECT e.at, e.action, e.from_state AS "fromState", e.to_state AS "toState", u.display_name AS "actorName"
         FROM hearing_session_event e JOIN app_user u ON u.id = e.actor_id
        WHERE e.hearing_id = $1 ORDER BY e.id`,
      [hearingId],
    );
  }
}
