import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { pageOf } from '../../common/http/pagination';
import { ConfirmationsService } from './confirmations.service';
import type { TranscriptQuery } from './dto/live-http.dto';
import { HearingFactsReader } from './hearing-facts';
import { SegmentRow, SegmentsRepository } from './segments.repository';
import { SessionRepository } from './session.repository';
import { sessionView } from './session.service';
import { transcriptSegment } from './transcript/segment-view';

/** The transcript over HTTP: public once announced, the original text for the unit's staff. */
@Injectable()
export class TranscriptService {
  constructor(
    private readonly facts: HearingFactsReader,
    private readonly sessions: SessionRepository,
    private readonly segments: SegmentsRepository,
    private readonly confirmations: ConfirmationsService,
  ) {}

  /**
   * A page of segments (current revisions, seq order) with the hearing's live position. `mine`:
   * the representative's own segments and where their confirmation stands; `history`: every
   * revision of each segment.
   */
  async read(hearingId: string, q: TranscriptQuery, user?: Principal) {
    const facts = await this.facts.visible(hearingId, user);
    const seat = q.mine ? await this.confirmations.representativeSeat(facts.id, user) : null;
    // The unit's staff see what was said; a representative sees their own words unmasked too.
    const full = this.facts.isStaff(facts, user) || !!seat;
    const [session, page] = await Promise.all([
      this.sessions.find(facts.id),
      this.segments.page({ hearingId: facts.id, afterSeq: q.afterSeq, seatId: seat?.seatId, limit: q.pageSize, offset: q.offset }),
    ]);
    const history = q.history ? await this.segments.revisionsOf(facts.id, page.rows.map((r) => r.seq)) : [];
    const bySeq = new Map<number, SegmentRow[]>();
    for (const r of history) bySeq.set(r.seq, [...(bySeq.get(r.seq) ?? []), r]);
    const items = page.rows.map((r) => ({
      ...transcriptSegment(r, full),
      ...(q.history ? { revisions: (bySeq.get(r.seq) ?? []).map((h) => transcriptSegment(h, full)) } : {}),
    }));
    return {
      ...pageOf(items, page.total, q),
      live: sessionView(session),
      ...(seat ? { mine: await this.confirmations.mine(facts.id, seat.seatId) } : {}),
    };
  }
}
