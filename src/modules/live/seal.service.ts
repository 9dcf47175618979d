import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { NotFound, RuleViolation, StateConflict } from '../../common/errors/domain-error';
import { HTML, PLAIN_TEXT } from '../../common/http/text-document';
import { ConfirmationsRepository } from './confirmations.repository';
import { HearingFactsReader } from './hearing-facts';
import { LiveFeed } from './realtime/live-feed';
import { publicSpeakerName, roleOfCategory } from './roster.service';
import { SegmentsRepository } from './segments.repository';
import { SessionRepository, stateEvent } from './session.repository';
import { publicSegment } from './transcript/segment-view';
import { SEAL_ALGORITHM, SealRecord, sealHash } from './transcript/transcript-chain';
import { renderHtml, renderText, TranscriptDocument } from './transcript/transcript-export';

/**
 * Seals the transcript once every representative has confirmed it, or the confirmation deadline
 * has passed with the non-confirmers recorded in the seal (R14); then exports it.
 */
@Injectable()
export class SealService {
  constructor(
    private readonly facts: HearingFactsReader,
    private readonly sessions: SessionRepository,
    private readonly segments: SegmentsRepository,
    private readonly confirmations: ConfirmationsRepository,
    private readonly feed: LiveFeed,
  ) {}

  async seal(user: Principal, hearingId: string) {
    const facts = await this.facts.visible(hearingId, user);
    this.facts.requireRecorder(facts, user);
    const session = await this.sessions.transaction(async (m) => {
      const s = await this.sessions.lock(m, facts.id);
      if (s.state !== 'ended' || !s.confirmationDeadline) throw new StateConflict('seal.not_ended', `the hearing is ${s.state}; the transcript is sealed after it has ended`, { hearingState: s.state });
      if (s.sealedAt) throw new StateConflict('seal.already_sealed', 'the transcript is already sealed');
      const pending = await this.confirmations.countPending(m, facts.id);
      if (pending) {
        throw new RuleViolation('R14.corrections_pending', `${pending} correction request(s) of representatives are still undecided; accept or reject them before sealing`, {
          count: pending,
        });
      }
      const reps = await this.confirmations.list(facts.id, m);
      const waiting = reps.filter((r) => !r.confirmedAt);
      const now = new Date();
      if (waiting.length && now <= s.confirmationDeadline) {
        throw new RuleViolation(
          'R14.unconfirmed',
          `${waiting.length} of ${reps.length} representatives have not confirmed the transcript; it can be sealed once all have, or after the confirmation deadline ${s.confirmationDeadline.toISOString()}`,
          { waiting: waiting.length, total: reps.length, deadlineAt: s.confirmationDeadline },
        );
      }
      const finals = await this.segments.allCurrent(facts.id, m);
      const record: SealRecord = {
        algorithm: SEAL_ALGORITHM,
        hearingId: facts.id,
        lastSeq: s.lastSeq,
        chainHead: s.chainHead,
        segments: finals.map((r) => ({ seq: r.seq, revision: r.revision, hash: r.hash })),
        representatives: reps
          .map((r) => ({ seatId: r.seatId, category: r.category, confirmedAt: r.confirmedAt ? new Date(r.confirmedAt).toISOString() : null }))
          .sort((a, b) => (a.seatId < b.seatId ? -1 : a.seatId > b.seatId ? 1 : 0)),
        confirmationDeadline: s.confirmationDeadline.toISOString(),
        sealedAt: now.toISOString(),
      };
      const sealed = await this.sessions.seal(m, facts.id, user.id, record, sealHash(record));
      await this.sessions.logAction(m, facts.id, user.id, 'seal', s.state, s.state);
      return sealed;
    });
    this.feed.publish({ type: 'state', state: stateEvent(session) });
    return { hash: session.sealHash, record: session.sealRecord, notConfirmed: session.sealRecord?.representatives.filter((r) => !r.confirmedAt).length ?? 0 };
  }

  /** The published seal: its record and hash (public, no personal data: seats by id). */
  async sealOf(hearingId: string, user?: Principal) {
    const facts = await this.facts.visible(hearingId, user);
    const s = await this.sessions.find(facts.id);
    if (!s.sealedAt || !s.sealRecord) throw new NotFound('seal');
    return { hash: s.sealHash, record: s.sealRecord };
  }

  /** The sealed transcript as print-ready HTML or text; public, personal data masked (R19). */
  async export(hearingId: string, format: 'html' | 'text', user?: Principal): Promise<{ contentType: string; body: string }> {
    const facts = await this.facts.visible(hearingId, user);
    const s = await this.sessions.find(facts.id);
    if (!s.sealedAt || !s.sealRecord || !s.sealHash) throw new StateConflict('seal.export_before_seal', 'the transcript is exported once it has been sealed');
    const [rows, reps] = await Promise.all([this.segments.allCurrent(facts.id), this.confirmations.list(facts.id)]);
    const doc: TranscriptDocument = {
      hearingId: facts.id,
      title: facts.title,
      venue: facts.venue,
      startedAt: s.startedAt?.toISOString() ?? null,
      endedAt: s.endedAt?.toISOString() ?? null,
      segments: rows.map(publicSegment),
      representatives: reps.map((r) => {
        const role = roleOfCategory(r.category);
        return { name: publicSpeakerName(r.displayName, role), category: role, confirmedAt: r.confirmedAt ? new Date(r.confirmedAt).toISOString() : null };
      }),
      seal: { algorithm: SEAL_ALGORITHM, hash: s.sealHash, sealedAt: s.sealedAt.toISOString(), confirmationDeadline: s.sealRecord.confirmationDeadline, chainHead: s.chainHead },
    };
    return format === 'html'
      ? { contentType: HTML, body: renderHtml(doc) }
      : { contentType: PLAIN_TEXT, body: renderText(doc) };
  }
}
