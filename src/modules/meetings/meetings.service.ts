import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { CalendarService } from '../../common/calendar/calendar.service';
import { InvalidInput, StateConflict } from '../../common/errors/domain-error';
import { Page, PageQuery, pageOf } from '../../common/http/pagination';
import { DraftsService } from '../drafts/drafts.service';
import { DrawsService } from '../draws/draws.service';
import { SelectionEvents } from '../selection/selection-events';
import { SelectionNotifier } from '../selection/selection-notifier';
import { SelectionOwners } from '../selection/selection-owners';
import { rows } from '../selection/sql';
import { CreateMeetingDto, MeetingFeedbackDto } from './dto/meeting.dto';
import { DEFAULT_SEATS, FEEDBACK_WORKING_DAYS, seatsViolation } from './meeting-rules';
import { Meeting } from './meeting.entity';

const DAY_MS = 24 * 3600 * 1000;
const DEFAULT_SIGNUP_CLOSE_MS = 2 * DAY_MS; // before the meeting, when no window is given

/** Government meetings on a draft with public attendees (R16) and the feedback after them (R17). */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly owners: SelectionOwners,
    private readonly drafts: DraftsService,
    private readonly draws: DrawsService,
    private readonly events: SelectionEvents,
    private readonly notifier: SelectionNotifier,
    private readonly calendar: CalendarService,
  ) {}

  async create(user: Principal, draftId: string, dto: CreateMeetingDto) {
    const draft = await this.drafts.findVisible(draftId, user);
    this.drafts.assertStaff(draft, user, 'organizer');
    if (draft.publicVersion === null) throw new StateConflict('meeting.draft_not_public', 'the draft has not been published for comment yet');
    const seats = dto.seats ?? DEFAULT_SEATS;
    const violation = seatsViolation(seats);
    if (violation) throw violation;
    const now = new Date();
    const startsAt = new Date(dto.startsAt);
    if (startsAt <= now) throw new InvalidInput('meeting.starts_in_past', 'startsAt must be in the future');
    const opens = dto.signupOpensAt ? new Date(dto.signupOpensAt) : now;
    const closes = dto.signupClosesAt ? new Date(dto.signupClosesAt) : new Date(startsAt.getTime() - DEFAULT_SIGNUP_CLOSE_MS);
    if (closes <= opens) throw new InvalidInput('selection.signup_order', 'signupClosesAt must be after signupOpensAt (by default 2 days before startsAt; give the sign-up window explicitly)');
    if (closes > startsAt) throw new InvalidInput('selection.signup_after_start', 'signupClosesAt must not be after startsAt');
    const id = randomUUID();
    await this.owners.transaction(async (m) => {
      await this.owners.create(m, 'meeting', id);
      await m.getRepository(Meeting).insert({
        id, draftId: draft.id, unitId: draft.unitId, createdBy: user.id, title: dto.title.trim(), startsAt, seats,
        signupOpensAt: opens, signupClosesAt: closes, feedbackHandling: null, feedbackOutcome: null, feedbackAt: null, feedbackBy: null,
      });
    });
    return this.get(id, user);
  }

  get(id: string, user?: Principal) {
    return this.owners.transaction(async (m) => {
      await this.owners.visible(m, 'meeting', id, user);
      return this.view(m, await m.getRepository(Meeting).findOneByOrFail({ id }));
    });
  }

  async listForDraft(draftId: string, user: Principal | undefined, q: PageQuery): Promise<Page<Awaited<ReturnType<MeetingsService['view']>>>> {
    await this.drafts.findVisible(draftId, user);
    return this.owners.transaction(async (m) => {
      const [found, total] = await m.getRepository(Meeting).findAndCount({ where: { draftId }, order: { startsAt: 'DESC' }, skip: q.offset, take: q.pageSize });
      const items = [];
      for (const meeting of found) items.push(await this.view(m, meeting));
      return pageOf(items, total, q);
    });
  }

  /** R17: how the attendees' opinions were handled and the outcome, after the meeting. */
  feedback(user: Principal, id: string, dto: MeetingFeedbackDto) {
    return this.owners.transaction(async (m) => {
      const owner = await this.owners.locked(m, 'meeting', id, user);
      this.owners.requireOrganizer(owner, user);
      const meeting = await m.getRepository(Meeting).findOneByOrFail({ id });
      if (new Date() < meeting.startsAt) throw new StateConflict('meeting.not_yet_held', 'the meeting has not taken place yet');
      if (meeting.feedbackAt) throw new StateConflict('meeting.feedback_published', 'the feedback of this meeting is already published');
      Object.assign(meeting, { feedbackHandling: dto.handling.trim(), feedbackOutcome: dto.outcome.trim(), feedbackAt: new Date(), feedbackBy: user.id });
      await m.getRepository(Meeting).save(meeting);
      const view = await this.view(m, meeting);
      await this.events.append(m, owner, 'feedback-published', { late: view.feedback?.late ?? false }, user.id);
      const attendees = await rows<{ userId: string }>(
        m,
        `SELECT DISTINCT user_id AS "userId" FROM selection_seat
          WHERE owner_kind = 'meeting' AND owner_id = $1 AND status IN ('offered','confirmed') AND user_id IS NOT NULL`,
        [id],
      );
      for (const a of attendees) {
        await this.notifier.notify(a.userId, 'meeting-feedback', { ownerKind: 'meeting', ownerId: id, title: meeting.title, handling: meeting.feedbackHandling, outcome: meeting.feedbackOutcome }, m);
      }
      return view;
    });
  }

  private async view(m: EntityManager, meeting: Meeting) {
    const now = new Date();
    // Computed on read from the official calendar (R18), so an administrator's correction applies.
    const feedbackDueAt = await this.calendar.deadlineAfter(meeting.startsAt, FEEDBACK_WORKING_DAYS);
    const counts = await rows<{ category: string; n: number }>(
      m,
      `SELECT category, count(*)::int AS n FROM selection_application WHERE owner_kind = 'meeting' AND owner_id = $1 GROUP BY category`,
      [meeting.id],
    );
    return {
      id: meeting.id,
      draftId: meeting.draftId,
      unitId: meeting.unitId,
      title: meeting.title,
      startsAt: meeting.startsAt,
      seats: meeting.seats,
      signupOpensAt: meeting.signupOpensAt,
      signupClosesAt: meeting.signupClosesAt,
      serverTime: now,
      applications: { participant: 0, 'other-stakeholder': 0, ...Object.fromEntries(counts.map((c) => [c.category, c.n])) },
      draw: await this.draws.summary(m, { kind: 'meeting', id: meeting.id }),
      feedbackDueAt,
      overdue: !meeting.feedbackAt && now > feedbackDueAt,
      feedback: meeting.feedbackAt
        ? { handling: meeting.feedbackHandling, outcome: meeting.feedbackOutcome, publishedAt: meeting.feedbackAt, late: meeting.feedbackAt > feedbackDueAt }
        : null,
      createdAt: meeting.createdAt,
    };
  }
}
