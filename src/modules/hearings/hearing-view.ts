import { HEARING_CATEGORIES, quotasOf } from './hearing-rules';
import type { Hearing } from './hearing.entity';

export type HearingPhase = 'preparing' | 'announced' | 'signup-open' | 'signup-closed' | 'frozen' | 'drawn' | 'started';

export interface DrawSummary {
  commitment: unknown;
  frozenAt: Date | null;
  frozenLists: unknown;
  drawnAt: Date | null;
}

const untilMs = (at: Date | null, now: Date) => (at ? Math.max(0, at.getTime() - now.getTime()) : null);

export function hearingPhase(h: Hearing, draw: Pick<DrawSummary, 'frozenAt' | 'drawnAt'>, now: Date): HearingPhase {
  if (!h.announcedAt) return 'preparing';
  if (h.startsAt && now >= h.startsAt) return 'started';
  if (draw.drawnAt) return 'drawn';
  if (draw.frozenAt) return 'frozen';
  if (h.signupClosesAt && now >= h.signupClosesAt) return 'signup-closed';
  if (h.signupOpensAt && now >= h.signupOpensAt) return 'signup-open';
  return 'announced';
}

/**
 * The announcement as the public sees it: every R11 element, the quotas, the sign-up window with
 * server time and milliseconds left (for countdowns), application counts and the draw's state.
 * Nothing personal: the organizer's text and numbers only.
 */
export function hearingView(h: Hearing, draw: DrawSummary, applications: Record<string, number>, now: Date) {
  const quotas = quotasOf(h);
  return {
    id: h.id,
    draftId: h.draftId,
    unitId: h.unitId,
    title: h.title,
    matter: { content: h.matterContent, reasons: h.matterReasons, basis: h.matterBasis, background: h.matterBackground },
    venue: h.venue,
    startsAt: h.startsAt,
    signupOpensAt: h.signupOpensAt,
    signupClosesAt: h.signupClosesAt,
    signupMethod: h.signupMethod,
    selectionMethod: h.selectionMethod,
    quotas,
    representatives: quotas ? HEARING_CATEGORIES.reduce((sum, c) => sum + quotas[c], 0) : null,
    status: h.announcedAt ? ('announced' as const) : ('draft' as const),
    phase: hearingPhase(h, draw, now),
    announcedAt: h.announcedAt,
    serverTime: now,
    countdown: {
      signupOpensInMs: untilMs(h.signupOpensAt, now),
      signupClosesInMs: untilMs(h.signupClosesAt, now),
      startsInMs: untilMs(h.startsAt, now),
    },
    applications,
    draw,
    createdAt: h.createdAt,
    updatedAt: h.updatedAt,
  };
}
