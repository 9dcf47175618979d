import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../common/auth/principal';
import { InvalidInput, NotFound, StateConflict } from '../../../common/errors/domain-error';
import { maskName, maskPersonalData } from '../../../common/privacy/mask';
import type { HearingReportDto } from '../dto/live-http.dto';
import { HearingFactsReader } from '../hearing-facts';
import { publicSpeakerName, roleOfCategory } from '../roster.service';
import { SessionRepository } from '../session.repository';
import { isPublicLabel, reportViolation } from './report-rules';

/**
 * One opinion as stored in `hearing_report.opinions` (the notices read `seatId` to count the
 * representatives' participation). `representative` is the full name: staff data, masked on read.
 */
export interface StoredOpinion {
  seatId: string | null;
  representative: string;
  category: string | null;
  summary: string;
  adopted: boolean;
  reason: string | null;
}

interface ReportRow {
  hearingId: string;
  conclusions: string;
  opinions: StoredOpinion[];
  publishedAt: Date;
  publishedBy: string;
}

/** The hearing report (R15): explicit conclusions, each representative's opinions adopted or not with reasons. */
@Injectable()
export class HearingReportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly facts: HearingFactsReader,
    private readonly sessions: SessionRepository,
  ) {}

  async publish(user: Principal, hearingId: string, dto: HearingReportDto) {
    const facts = await this.facts.visible(hearingId, user);
    this.facts.requireOrganizer(facts, user);
    await this.sessions.transaction(async (m) => {
      const session = await this.sessions.lock(m, facts.id);
      if (!session.sealedAt) throw new StateConflict('hearing_report.before_seal', 'the hearing report is published after the transcript has been sealed');
      const [existing] = await m.query(`SELECT 1 FROM hearing_report WHERE hearing_id = $1`, [facts.id]);
      if (existing) throw new StateConflict('hearing_report.already_published', 'the hearing report is already published');
      const violation = reportViolation(dto.conclusions, dto.opinions);
      if (violation) throw violation;
      const seats: Array<{ id: string; name: string; category: string }> = await m.query(
        `SELECT s.id, coalesce(s.display_name, u.display_name, '') AS name, s.category
           FROM selection_seat s LEFT JOIN app_user u ON u.id = s.user_id
          WHERE s.owner_kind = 'hearing' AND s.owner_id = $1`,
        [facts.id],
      );
      const seatById = new Map(seats.map((s) => [s.id, s]));
      const opinions: StoredOpinion[] = dto.opinions.map((o, i) => {
        if (!o.seatId && !o.representative?.trim()) throw new InvalidInput('hearing_report.opinion_without_speaker', `opinions[${i}] needs seatId or representative`, { n: i + 1 });
        const seat = o.seatId ? seatById.get(o.seatId) : undefined;
        if (o.seatId && !seat) throw new InvalidInput('hearing_report.unknown_seat', `opinions[${i}].seatId is not a seat of this hearing`, { n: i + 1 });
        return {
          seatId: seat?.id ?? null,
          representative: seat ? seat.name : (o.representative as string).trim(),
          category: seat ? roleOfCategory(seat.category) : null,
          summary: o.summary.trim(),
          adopted: o.adopted,
          reason: o.reason?.trim() || null,
        };
      });
      await m.query(
        `INSERT INTO hearing_report (hearing_id, conclusions, opinions, published_by) VALUES ($1, $2, $3, $4)`,
        [facts.id, dto.conclusions.trim(), JSON.stringify(opinions), user.id],
      );
      await this.sessions.logAction(m, facts.id, user.id, 'report', session.state, session.state);
    });
    return this.get(facts.id, user);
  }

  /** Public once the hearing is announced and the report published; personal data masked (R19). */
  async get(hearingId: string, user?: Principal) {
    const facts = await this.facts.visible(hearingId, user);
    const [row]: ReportRow[] = await this.db.query(
      `SELECT hearing_id AS "hearingId", conclusions, opinions, published_at AS "publishedAt", published_by AS "publishedBy"
         FROM hearing_report WHERE hearing_id = $1`,
      [facts.id],
    );
    if (!row) throw new NotFound('hearing_report');
    const session = await this.sessions.find(facts.id);
    return {
      hearingId: facts.id,
      draftId: facts.draftId,
      title: facts.title,
      conclusions: maskPersonalData(row.conclusions),
      opinions: row.opinions.map((o) => ({
        seatId: o.seatId,
        representative: publicRepresentative(o),
        category: o.category,
        summary: maskPersonalData(o.summary),
        adopted: o.adopted,
        reason: o.reason === null ? null : maskPersonalData(o.reason),
      })),
      adopted: row.opinions.filter((o) => o.adopted).length,
      notAdopted: row.opinions.filter((o) => !o.adopted).length,
      transcriptSealHash: session.sealHash,
      publishedAt: new Date(row.publishedAt).toISOString(),
    };
  }
}

function publicRepresentative(o: StoredOpinion): string {
  if (o.category) return publicSpeakerName(o.representative, o.category);
  return isPublicLabel(o.representative) ? o.representative.trim() : maskName(o.representative);
}
