import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { isUniqueViolation } from '../../common/database/pg-errors';
import { NotFound, StateConflict } from '../../common/errors/domain-error';
import type { AddSegmentDto, CorrectSegmentDto } from './dto/live-socket.dto';
import { HearingFactsReader } from './hearing-facts';
import { LiveFeed, segmentEvent } from './realtime/live-feed';
import { RosterService } from './roster.service';
import { SegmentRow, SegmentsRepository } from './segments.repository';
import { SessionRepository, SessionRow } from './session.repository';
import { contentOf } from './transcript/segment-view';
import { segmentHash } from './transcript/transcript-chain';

// Each attempt that fails means another writer stored a segment meanwhile; the clerk's console
// resends on an error, so a bounded number suffices.
const MAX_APPEND_ATTEMPTS = 20;

/** A unique-key violation (the same client key stored by a concurrent resend): not stored. */
function duplicateKeyAsFalse(err: unknown): false {
  if (isUniqueViolation(err)) return false;
  throw err;
}

interface ChainHead {
  lastSeq: number;
  lastEvent: number;
  chainHead: string;
}

/** The clerk's writes: new segments while live, and revisions of them. */
@Injectable()
export class SegmentsService {
  /** Last known head of each hearing's chain on this instance (a hint: the database decides). */
  private readonly heads = new Map<string, ChainHead>();

  constructor(
    private readonly facts: HearingFactsReader,
    private readonly roster: RosterService,
    private readonly sessions: SessionRepository,
    private readonly segments: SegmentsRepository,
    private readonly feed: LiveFeed,
  ) {}

  /**
   * Gives the segment the next seq, stores it chained to the previous one, and only then
   * broadcasts it (API.md: stored before it is broadcast). The head of each hearing's chain is
   * cached: with one clerk the append is a single statement; when the cache is stale (another
   * writer, another instance, a correction), the database refuses it and the head is read again.
   */
  async add(user: Principal | null, dto: AddSegmentDto): Promise<{ seq: number }> {
    const facts = await this.facts.visible(dto.hearingId, user, { cached: true });
    const writer = this.facts.requireRecorder(facts, user);
    const speaker = await this.roster.resolve(facts, dto);
    let head = this.heads.get(facts.id);
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
      if (head) {
        const draft = { hearingId: facts.id, seq: head.lastSeq + 1, revision: 1, eventNo: head.lastEvent + 1, ...speaker, text: dto.text, at: new Date(), writtenBy: writer.id };
        const row = { ...draft, clientKey: dto.clientKey ?? null, correctionId: null, prevHash: head.chainHead, hash: segmentHash(head.chainHead, contentOf(draft)) };
        if (await this.segments.appendFirst(row, head).catch(duplicateKeyAsFalse)) {
          this.heads.set(facts.id, { lastSeq: row.seq, lastEvent: row.eventNo, chainHead: row.hash });
          this.feed.publishSoon(segmentEvent({ ...row, writtenAt: new Date() }));
          return { seq: row.seq };
        }
      }
      // Not stored: find out why, from the database.
      const session = await this.sessions.find(facts.id);
      if (dto.clientKey) {
        const earlier = await this.segments.byClientKey(facts.id, dto.clientKey);
        if (earlier) return { seq: earlier.seq };
      }
      if (session.state !== 'live') throw new StateConflict('live.not_live', `the hearing is ${session.state}: segments are written only while it is live`, { hearingState: session.state });
      head = { lastSeq: session.lastSeq, lastEvent: session.lastEvent, chainHead: session.chainHead };
      if (this.heads.size > 10_000) this.heads.clear();
      this.heads.set(facts.id, head);
    }
    throw new StateConflict('live.segment_race', 'too many segments were written at the same moment; send it again');
  }

  /** The clerk fixes a segment during the hearing (live or paused): a new revision, history kept. */
  async correct(user: Principal | null, dto: CorrectSegmentDto): Promise<{ seq: number; revision: number }> {
    const facts = await this.facts.visible(dto.hearingId, user, { cached: true });
    const writer = this.facts.requireRecorder(facts, user);
    const row = await this.sessions.transaction(async (m) => {
      const session = await this.sessions.lock(m, facts.id);
      if (session.state !== 'live' && session.state !== 'paused') {
        throw new StateConflict('live.after_end', `the hearing is ${session.state}: after it ends, corrections go through the representatives' confirmation (R14)`, {
          hearingState: session.state,
        });
      }
      const current = await this.segments.current(facts.id, dto.seq, m);
      if (!current) throw new NotFound('segment');
      return this.appendRevision(m, session, current, dto.text, writer.id, null);
    });
    this.publishRevision(row);
    return { seq: row.seq, revision: row.revision };
  }

  /** A new revision of `current` in the caller's transaction, which holds the lock of `session`. */
  async appendRevision(m: EntityManager, session: SessionRow, current: SegmentRow, text: string, writtenBy: string, correctionId: string | null): Promise<SegmentRow> {
    const draft = { ...current, revision: current.revision + 1, eventNo: session.lastEvent + 1, text, writtenBy };
    const stored = { ...draft, clientKey: null, correctionId, prevHash: current.hash, hash: segmentHash(current.hash, contentOf(draft)) };
    await this.segments.insert(m, stored);
    await this.sessions.bumpEvent(m, session.hearingId, stored.eventNo);
    session.lastEvent = stored.eventNo;
    return { ...stored, writtenAt: new Date() };
  }

  publishRevision(row: SegmentRow): void {
    this.feed.publish(segmentEvent(row));
  }
}
