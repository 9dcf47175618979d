import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../../common/auth/principal';
import { CalendarService } from '../../../common/calendar/calendar.service';
import { Forbidden } from '../../../common/errors/domain-error';
import { Page, pageOf } from '../../../common/http/pagination';
import { AppConfig } from '../../../config/env';
import { FEEDBACK_WORKING_DAYS } from '../../meetings/meeting-rules';
import { composeMeetingReminder } from '../compose/other-notices';
import type { NoticeDraft } from '../notice.types';
import { userRecipient } from '../notice.types';
import { NoticesOutbox } from '../queue/notices-outbox';
import { NoticeStore } from '../store/notice-store';
import { query } from '../store/sql';
import type { MeetingFeedbackQuery } from '../dto/notices.dto';

interface AwaitingRow {
  id: string;
  draftId: string;
  unitId: string;
  title: string;
  startsAt: Date;
  feedbackAt: Date | null;
  createdBy: string;
  organizerName: string;
  organizerEmail: string | null;
  remindedAt: Date | null;
  overdueAt: Date | null;
}

export interface MeetingFeedbackItem {
  meetingId: string;
  draftId: string;
  title: string;
  startsAt: Date;
  dueAt: Date;
  feedbackAt: Date | null;
  remindedAt: Date | null;
  overdueFlaggedAt: Date | null;
  overdue: boolean;
}

/**
 * R17: the attendees of a government meeting are told how their opinions were handled within 3
 * working days (R18 calendar). The worker reminds the organizer who created the meeting once the
 * last working day begins, and flags the meeting overdue (telling the organizer) once it passed.
 */
@Injectable()
export class MeetingFeedbackService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly calendar: CalendarService,
    private readonly store: NoticeStore,
    private readonly outbox: NoticesOutbox,
    private readonly cfg: AppConfig,
  ) {}

  dueAt(startsAt: Date): Promise<Date> {
    return this.calendar.deadlineAfter(startsAt, FEEDBACK_WORKING_DAYS);
  }

  /** One pass over meetings held and not yet answered; each step happens once (conditional UPDATE). */
  async check(now = new Date()): Promise<{ reminders: number; overdue: number }> {
    const awaiting = await query<AwaitingRow>(
      this.db.manager,
      `SELECT m.id, m.draft_id AS "draftId", m.unit_id AS "unitId", m.title, m.starts_at AS "startsAt", m.feedback_at AS "feedbackAt",
              m.created_by AS "createdBy", u.display_name AS "organizerName",
              CASE WHEN u.email_verified_at IS NOT NULL THEN u.email END AS "organizerEmail",
              w.reminded_at AS "remindedAt", w.overdue_at AS "overdueAt"
         FROM meeting m JOIN app_user u ON u.id = m.created_by
         LEFT JOIN meeting_feedback_watch w ON w.meeting_id = m.id
        WHERE m.feedback_at IS NULL AND m.starts_at <= $1 AND w.overdue_at IS NULL`,
      [now],
    );
    let reminders = 0;
    let overdue = 0;
    for (const m of awaiting) {
      const due = await this.dueAt(m.startsAt);
      // The last working day starts when the second one ends.
      const remindFrom = await this.calendar.deadlineAfter(m.startsAt, FEEDBACK_WORKING_DAYS - 1);
      await this.db.query(
        `INSERT INTO meeting_feedback_watch (meeting_id, due_at) VALUES ($1, $2)
         ON CONFLICT (meeting_id) DO UPDATE SET due_at = excluded.due_at`,
        [m.id, due],
      );
      // Told first, then marked: a crash in between tells again, which the notice key makes a no-op.
      if (now > due) {
        await this.tell(m, due, true);
        if (await this.mark(m.id, 'overdue_at')) overdue++;
      } else if (now > remindFrom && !m.remindedAt) {
        await this.tell(m, due, false);
        if (await this.mark(m.id, 'reminded_at')) reminders++;
      }
    }
    return { reminders, overdue };
  }

  /** Meetings of the caller's unit (every unit for the admin), with their feedback deadline. */
  async list(user: Principal, q: MeetingFeedbackQuery): Promise<Page<MeetingFeedbackItem>> {
    if (!user.roles.some((r) => r !== 'resident')) throw new Forbidden('meeting.feedback_staff_only', 'only staff see meeting feedback deadlines');
    const admin = user.roles.includes('admin');
    const rows = await query<AwaitingRow & { total: number }>(
      this.db.manager,
      `SELECT m.id, m.draft_id AS "draftId", m.unit_id AS "unitId", m.title, m.starts_at AS "startsAt", m.feedback_at AS "feedbackAt",
              w.reminded_at AS "remindedAt", w.overdue_at AS "overdueAt", count(*) OVER ()::int AS total
         FROM meeting m LEFT JOIN meeting_feedback_watch w ON w.meeting_id = m.id
        WHERE ($1::boolean OR m.unit_id = $2) AND ($3::uuid IS NULL OR m.id = $3) AND ($4::boolean IS FALSE OR m.feedback_at IS NULL)
        ORDER BY m.starts_at DESC, m.id LIMIT $5 OFFSET $6`,
      [admin, user.unitId, q.meetingId ?? null, q.awaiting ?? false, q.pageSize, q.offset],
    );
    const now = new Date();
    const items: MeetingFeedbackItem[] = [];
    for (const r of rows) {
      const dueAt = await this.dueAt(r.startsAt);
      items.push({
        meetingId: r.id,
        draftId: r.draftId,
        title: r.title,
        startsAt: r.startsAt,
        dueAt,
        feedbackAt: r.feedbackAt,
        remindedAt: r.remindedAt,
        overdueFlaggedAt: r.overdueAt,
        overdue: r.feedbackAt ? r.feedbackAt > dueAt : now > dueAt,
      });
    }
    return pageOf(items, rows[0]?.total ?? 0, q);
  }

  private async mark(meetingId: string, column: 'reminded_at' | 'overdue_at'): Promise<boolean> {
    const done = await query<{ meeting_id: string }>(
      this.db.manager,
      `UPDATE meeting_feedback_watch SET ${column} = now() WHERE meeting_id = $1 AND ${column} IS NULL RETURNING meeting_id`,
      [meetingId],
    );
    return done.length > 0;
  }

  private async tell(m: AwaitingRow, dueAt: Date, overdue: boolean): Promise<void> {
    const composed = composeMeetingReminder(
      { meetingId: m.id, title: m.title, startsAt: m.startsAt, dueAt, recipientName: m.organizerName, link: `${this.cfg.PUBLIC_URL.replace(/\/+$/, '')}/#/meetings/${m.id}` },
      overdue,
    );
    const base = {
      recipient: userRecipient(m.createdBy),
      userId: m.createdBy,
      kind: overdue ? ('meeting_overdue' as const) : ('meeting_reminder' as const),
      draftId: m.draftId,
      sourceVersion: `meeting.${m.id}`,
      recipientName: m.organizerName,
      ...composed,
    };
    const notices: NoticeDraft[] = [{ ...base, channel: 'inbox', address: null }];
    if (m.organizerEmail) notices.push({ ...base, channel: 'email', address: m.organizerEmail });
    await this.outbox.enqueueDeliveries(await this.store.insert(notices, { queued: true }));
  }
}
