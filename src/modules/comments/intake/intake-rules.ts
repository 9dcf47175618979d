// The checks a submission passes before it is queued for the log. Pure, so that they are unit
// tested and the batch can re-apply the window checks on the draft row it holds locked.
import { InvalidInput, StateConflict } from '../../../common/errors/domain-error';
import { MAIN_TEXT } from '../comment.constants';
import { DraftContext, unitKey } from './draft-context';

/** The window's edges in ms and the draft state a submission is checked against. */
export type WindowState = Pick<DraftContext, 'status' | 'version' | 'opensAt' | 'closesAt'>;

/** Statuses in which a comment can be stored: open, or closed for offline ones received in time. */
const ACCEPTING = new Set(['open', 'closed']);

/**
 * A web comment is received now; it is accepted while the draft is open and now is inside
 * [commentOpensAt, commentClosesAt). Returns the 409 to answer, or null.
 */
export function webWindowProblem(w: WindowState, receivedAt: number, version: number): StateConflict | null {
  if (w.version !== version) return new StateConflict('comment.new_version', 'the draft has a new version; reload it and comment again');
  if (w.status !== 'open' && !(w.status === 'closed' && inWindow(w, receivedAt))) {
    return new StateConflict('comment.draft_not_open', `the draft is not open for comment (it is ${w.status})`, { draftStatus: w.status });
  }
  if (w.opensAt !== null && receivedAt < w.opensAt) {
    return new StateConflict('comment.window_not_open', 'the comment window has not opened yet', { opensAt: new Date(w.opensAt) });
  }
  if (w.closesAt !== null && receivedAt >= w.closesAt) {
    return new StateConflict('comment.window_closed', 'the comment window is closed', { closesAt: new Date(w.closesAt) });
  }
  return null;
}

/**
 * An offline comment (R5) counts by when it reached the unit: accepted while the draft is open or
 * closed (not yet reported) when received inside the window, the close included, and not in the future.
 */
export function offlineWindowProblem(w: WindowState, receivedAt: number, version: number): StateConflict | null {
  if (w.version !== version) return new StateConflict('comment.new_version', 'the draft has a new version; reload it and enter the comment again');
  if (!ACCEPTING.has(w.status)) {
    return new StateConflict('comment.offline_not_accepting', `comments can no longer be recorded: the draft is ${w.status}`, { draftStatus: w.status });
  }
  if (w.opensAt !== null && receivedAt < w.opensAt) {
    return new StateConflict('comment.offline_before_window', 'receivedAt is before the comment window opened', { opensAt: new Date(w.opensAt) });
  }
  if (w.closesAt !== null && receivedAt > w.closesAt) {
    return new StateConflict('comment.offline_after_window', 'receivedAt is after the comment window closed', { closesAt: new Date(w.closesAt) });
  }
  return null;
}

/** An Idempotency-Key already holds another comment (409), wherever the reuse is noticed. */
export const keyReused = () => new StateConflict('comment.idempotency_key_reused', 'this Idempotency-Key was already used with a different request body');

/** Future check separate from the window: a 400, the input is wrong, not the state. */
export function assertNotFuture(receivedAt: number, now: number): void {
  // A minute of tolerance for clocks of the staff's machine.
  if (receivedAt > now + 60_000) throw new InvalidInput('comment.received_in_future', 'receivedAt must not be in the future');
}

function inWindow(w: WindowState, at: number): boolean {
  return (w.opensAt === null || at >= w.opensAt) && (w.closesAt === null || at < w.closesAt);
}

export interface Target {
  anchor: string;
  planIndex?: number;
  quote?: { start: number; end: number };
}

/**
 * The anchor must be a unit of the draft's current version (in the plan when planIndex is given),
 * and a quote must lie inside that unit's text. Returns the quoted text (stored beside the offsets,
 * so that the quote stays readable after revisions).
 */
export function resolveTarget(ctx: DraftContext, t: Target): { planIndex: number; quoteText: string | null } {
  const planIndex = t.planIndex ?? MAIN_TEXT;
  if (planIndex !== MAIN_TEXT && !ctx.plans.has(planIndex)) {
    throw new InvalidInput('comment.unknown_plan', `planIndex ${planIndex} is not an alternative plan of version ${ctx.version} of this draft`, {
      planIndex,
      version: ctx.version,
    });
  }
  const text = ctx.units.get(unitKey(planIndex, t.anchor));
  if (text === undefined) {
    const where = planIndex === MAIN_TEXT ? 'the main text' : `plan ${planIndex}`;
    throw new InvalidInput('comment.unknown_anchor', `anchor '${t.anchor}' is not a unit of ${where} in version ${ctx.version} of this draft`, {
      anchor: t.anchor,
      version: ctx.version,
    });
  }
  if (!t.quote) return { planIndex, quoteText: null };
  const { start, end } = t.quote;
  if (end <= start) throw new InvalidInput('comment.quote_order', 'quote.end must be after quote.start');
  if (end > text.length) {
    throw new InvalidInput('comment.quote_beyond_unit', `quote.end ${end} is beyond the text of unit '${t.anchor}' (${text.length} UTF-16 code units)`, {
      end,
      anchor: t.anchor,
      length: text.length,
    });
  }
  return { planIndex, quoteText: text.slice(start, end) };
}

const KEY = /^[\x21-\x7e]{1,255}$/;

/** The Idempotency-Key header: 1-255 visible ASCII characters, or absent. */
export function idempotencyKey(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  const value = Array.isArray(header) ? header[0] : header;
  if (!KEY.test(value)) throw new InvalidInput('request.bad_idempotency_key', 'Idempotency-Key must be 1-255 visible ASCII characters');
  return value;
}
