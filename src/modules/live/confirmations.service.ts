import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { Forbidden, InvalidInput, NotFound, StateConflict, Unauthorized } from '../../common/errors/domain-error';
import { Page, PageQuery, pageOf } from '../../common/http/pagination';
import { SelectionReads } from '../selection/selection-reads.service';
import { ConfirmationRow, ConfirmationsRepository, CorrectionRow } from './confirmations.repository';
import type { ConfirmationDto, CorrectionsQuery } from './dto/live-http.dto';
import { HearingFacts, HearingFactsReader } from './hearing-facts';
import { SegmentsRepository } from './segments.repository';
import { SegmentsService } from './segments.service';
import { SessionRepository, SessionRow } from './session.repository';

export function correctionView(c: CorrectionRow) {
  return {
    id: c.id,
    seq: c.seq,
    baseRevision: c.baseRevision,
    seatId: c.seatId,
    text: c.text,
    status: c.status,
    reason: c.reason,
    revision: c.revision,
    createdAt: new Date(c.createdAt).toISOString(),
    decidedAt: c.decidedAt ? new Date(c.decidedAt).toISOString() : null,
    requesterName: c.requesterName,
  };
}

export function confirmationView(c: ConfirmationRow) {
  return {
    seatId: c.seatId,
    displayName: c.displayName,
    category: c.category,
    label: c.label,
    status: c.confirmedAt ? 'confirmed' : c.pendingCorrections ? 'corrections_pending' : 'pending',
    confirmedAt: c.confirmedAt ? new Date(c.confirmedAt).toISOString() : null,
    pendingCorrections: c.pendingCorrections,
  };
}

/**
 * R14 after the hearing: each representative checks the segments attributed to them and confirms
 * or asks for corrections; the clerk accepts a correction (a new revision) or rejects it with a reason.
 */
@Injectable()
export class ConfirmationsService {
  constructor(
    private readonly facts: HearingFactsReader,
    private readonly sessions: SessionRepository,
    private readonly segments: SegmentsRepository,
    private readonly writer: SegmentsService,
    private readonly repo: ConfirmationsRepository,
    private readonly seats: SelectionReads,
  ) {}

  /** The seat `user` holds in this hearing; 403 for anyone else (a representative is a seat, not a role). */
  async representativeSeat(hearingId: string, user: Principal | undefined, m?: EntityManager) {
    if (!user) throw new Unauthorized('auth.sign_in_required', 'sign in required');
    const seat = await this.seats.representativeSeat('hearing', hearingId, user.id, m);
    if (!seat) throw new Forbidden('confirm.representatives_only', 'only the representatives of this hearing may do this');
    return seat;
  }

  async submit(user: Principal, hearingId: string, dto: ConfirmationDto) {
    if (dto.confirm && dto.corrections) throw new InvalidInput('confirm.both_given', 'send either confirm or corrections, not both');
    if (!dto.confirm && !dto.corrections) throw new InvalidInput('confirm.nothing_given', 'confirm must be true, or corrections must list what to correct');
    const facts = await this.facts.visible(hearingId, user);
    return this.sessions.transaction(async (m) => {
      const session = await this.sessions.lock(m, facts.id);
      const seat = await this.representativeSeat(facts.id, user, m);
      requireConfirmable(session);
      const mine = await this.repo.find(facts.id, seat.seatId, m);
      if (!mine) throw new Forbidden('confirm.seat_not_held', 'your seat was not held when the hearing ended, so you do not confirm its transcript');
      if (mine.confirmedAt) throw new StateConflict('confirm.already_confirmed', 'you have already confirmed the transcript');
      if (dto.confirm) {
        if (mine.pendingCorrections) throw new StateConflict('confirm.corrections_pending', 'your correction requests are still being decided; confirm once they are');
        const confirmedAt = await this.repo.confirm(m, facts.id, seat.seatId, user.id);
        return { seatId: seat.seatId, status: 'confirmed', confirmedAt: new Date(confirmedAt).toISOString(), corrections: [] };
      }
      const corrections = [];
      const seen = new Set<number>();
      for (const [i, item] of (dto.corrections ?? []).entries()) {
        if (seen.has(item.seq)) throw new InvalidInput('confirm.seq_repeated', `corrections[${i}].seq repeats segment ${item.seq}`, { index: i, seq: item.seq });
        seen.add(item.seq);
        const current = await this.segments.current(facts.id, item.seq, m);
        if (!current) throw new NotFound('segment', `segment ${item.seq}`);
        if (current.speakerSeatId !== seat.seatId) {
          throw new Forbidden('confirm.not_your_segment', `segment ${item.seq} is not attributed to you; you may correct only what you said`, { seq: item.seq });
        }
        if (await this.repo.pendingFor(m, facts.id, seat.seatId, item.seq)) {
          throw new StateConflict('confirm.correction_waiting', `a correction of segment ${item.seq} is already waiting for the clerk`, { seq: item.seq });
        }
        corrections.push(await this.repo.addCorrection(m, { hearingId: facts.id, seq: item.seq, baseRevision: current.revision, seatId: seat.seatId, requestedBy: user.id, text: item.text }));
      }
      return { seatId: seat.seatId, status: 'corrections_pending', confirmedAt: null, corrections: corrections.map(correctionView) };
    });
  }

  /** Who must confirm and where each stands (clerks and organizers of the unit). */
  async list(user: Principal, hearingId: string, q: PageQuery): Promise<Page<ReturnType<typeof confirmationView>>> {
    const facts = await this.staffOnly(hearingId, user);
    const rows = await this.repo.list(facts.id);
    return pageOf(rows.slice(q.offset, q.offset + q.pageSize).map(confirmationView), rows.length, q);
  }

  async corrections(user: Principal, hearingId: string, q: CorrectionsQuery): Promise<Page<ReturnType<typeof correctionView>>> {
    const facts = await this.staffOnly(hearingId, user);
    const { rows, total } = await this.repo.corrections(facts.id, { status: q.status, limit: q.pageSize, offset: q.offset });
    return pageOf(rows.map(correctionView), total, q);
  }

  /** The clerk accepts: the requested text becomes a new revision of the segment, the old one kept. */
  async accept(user: Principal, hearingId: string, correctionId: string) {
    const facts = await this.staffOnly(hearingId, user, true);
    const { correction, revision } = await this.sessions.transaction(async (m) => {
      const { c, session } = await this.lockPending(m, facts, correctionId);
      const current = await this.segments.current(facts.id, c.seq, m);
      if (!current) throw new NotFound('segment');
      const revision = await this.writer.appendRevision(m, session, current, c.text, user.id, c.id);
      const correction = await this.repo.decide(m, c.id, { status: 'accepted', by: user.id, revision: revision.revision });
      return { correction, revision };
    });
    this.writer.publishRevision(revision);
    return correctionView(correction);
  }

  async reject(user: Principal, hearingId: string, correctionId: string, reason: string) {
    const facts = await this.staffOnly(hearingId, user, true);
    const correction = await this.sessions.transaction(async (m) => {
      const { c } = await this.lockPending(m, facts, correctionId);
      return this.repo.decide(m, c.id, { status: 'rejected', by: user.id, reason: reason.trim() });
    });
    return correctionView(correction);
  }

  /** For the representative's own view of the transcript (`?mine=true`). */
  async mine(hearingId: string, seatId: string) {
    const [confirmation, corrections] = await Promise.all([
      this.repo.find(hearingId, seatId),
      this.repo.corrections(hearingId, { seatId, limit: 100, offset: 0 }),
    ]);
    return { seatId, confirmation: confirmation ? confirmationView(confirmation) : null, corrections: corrections.rows.map(correctionView) };
  }

  private async staffOnly(hearingId: string, user: Principal, recorder = false): Promise<HearingFacts> {
    const facts = await this.facts.visible(hearingId, user);
    if (recorder) this.facts.requireRecorder(facts, user);
    else if (!this.facts.isStaff(facts, user)) throw new Forbidden('live.staff_only', 'only the staff of the hearing’s unit may see this');
    return facts;
  }

  private async lockPending(m: EntityManager, facts: HearingFacts, correctionId: string): Promise<{ c: CorrectionRow; session: SessionRow }> {
    const session = await this.sessions.lock(m, facts.id);
    requireConfirmable(session);
    const c = await this.repo.correctionForUpdate(m, facts.id, correctionId);
    if (!c) throw new NotFound('correction');
    if (c.status !== 'pending') throw new StateConflict('confirm.correction_decided', `this correction was already ${c.status}`, { correctionStatus: c.status });
    return { c, session };
  }
}

function requireConfirmable(session: SessionRow): void {
  if (session.state !== 'ended') throw new StateConflict('confirm.before_end', 'the transcript is confirmed after the hearing has ended');
  if (session.sealedAt) throw new StateConflict('confirm.sealed', 'the transcript is sealed');
}
