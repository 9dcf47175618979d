import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { CalendarService } from '../../common/calendar/calendar.service';
import { RuleViolation, StateConflict } from '../../common/errors/domain-error';
import { ConfirmationsRepository } from './confirmations.repository';
import { HearingFactsReader } from './hearing-facts';
import type { LiveState } from './realtime/live-events';
import { LiveFeed } from './realtime/live-feed';
import { SessionAction, SessionRepository, SessionRow, stateEvent } from './session.repository';

/** Representatives confirm the transcript within this many working days after the hearing (R14, R18). */
export const CONFIRMATION_WORKING_DAYS = 5;
/** The clerk may open the session this long before the announced start (setting up the room). */
export const EARLY_START_MS = 2 * 3600 * 1000;

export function sessionView(s: SessionRow) {
  return {
    hearingId: s.hearingId,
    state: s.state,
    lastSeq: s.lastSeq,
    chainHead: s.chainHead,
    startedAt: s.startedAt?.toISOString() ?? null,
    endedAt: s.endedAt?.toISOString() ?? null,
    confirmationDeadline: s.confirmationDeadline?.toISOString() ?? null,
    sealedAt: s.sealedAt?.toISOString() ?? null,
    sealHash: s.sealHash,
  };
}

/** Start, pause, resume and end a hearing; every change is broadcast as `hearing:state`. */
@Injectable()
export class LiveSessionService {
  constructor(
    private readonly facts: HearingFactsReader,
    private readonly sessions: SessionRepository,
    private readonly confirmations: ConfirmationsRepository,
    private readonly calendar: CalendarService,
    private readonly feed: LiveFeed,
  ) {}

  /** The live state; the unit's staff also see who started, paused, ended and sealed it, when. */
  async view(id: string, user?: Principal) {
    const facts = await this.facts.visible(id, user);
    const view = sessionView(await this.sessions.find(facts.id));
    if (!this.facts.isStaff(facts, user)) return view;
    const history = await this.sessions.history(facts.id);
    return { ...view, history: history.map((h) => ({ ...h, at: new Date(h.at).toISOString() })) };
  }

  async start(user: Principal, id: string) {
    const facts = await this.facts.visible(id, user);
    this.facts.requireRecorder(facts, user);
    // R14: the hearing is public, so it is held only once it has been announced to the public.
    if (!facts.isPublic) throw new RuleViolation('R14.not_announced', 'a hearing is public: announce it before holding it');
    return this.move(user, id, ['scheduled', 'paused'], 'live', (s) => {
      if (s.state === 'scheduled' && facts.startsAt && Date.now() < facts.startsAt.getTime() - EARLY_START_MS) {
        throw new StateConflict('live.too_early', `the hearing was announced for ${facts.startsAt.toISOString()}; it cannot start more than 2 hours earlier`, {
          startsAt: facts.startsAt,
        });
      }
      return { action: s.state === 'paused' ? 'resume' : 'start' };
    });
  }

  async pause(user: Principal, id: string) {
    const facts = await this.facts.visible(id, user);
    this.facts.requireRecorder(facts, user);
    return this.move(user, id, ['live'], 'paused', () => ({ action: 'pause' }));
  }

  /** Ends the hearing; the representatives then have CONFIRMATION_WORKING_DAYS to confirm (R14). */
  async end(user: Principal, id: string) {
    const facts = await this.facts.visible(id, user);
    this.facts.requireRecorder(facts, user);
    const now = new Date();
    const deadline = await this.calendar.deadlineAfter(now, CONFIRMATION_WORKING_DAYS);
    return this.move(user, id, ['live', 'paused'], 'ended', () => ({ action: 'end', endedAt: now, confirmationDeadline: deadline }));
  }

  private async move(
    user: Principal,
    hearingId: string,
    from: LiveState[],
    to: LiveState,
    check: (s: SessionRow) => { action: SessionAction; endedAt?: Date; confirmationDeadline?: Date },
  ) {
    const row = await this.sessions.transaction(async (m) => {
      const current = await this.sessions.lockOrCreate(m, hearingId);
      if (!from.includes(current.state)) throw new StateConflict('live.bad_transition', `the hearing is ${current.state}; it cannot become ${to}`, { hearingState: current.state, nextState: to });
      const { action, ...patch } = check(current);
      const next = await this.sessions.setState(m, hearingId, { state: to, ...patch });
      await this.sessions.logAction(m, hearingId, user.id, action, current.state, to);
      if (to === 'ended') await this.confirmations.snapshotRepresentatives(m, hearingId);
      return next;
    });
    this.feed.publish({ type: 'state', state: stateEvent(row) });
    return sessionView(row);
  }
}
