import { InvalidInput } from '../../../common/errors/domain-error';
import { buildContext } from './draft-context';
import { assertNotFuture, idempotencyKey, offlineWindowProblem, resolveTarget, webWindowProblem, type WindowState } from './intake-rules';

const OPENS = Date.UTC(2026, 2, 1);
const CLOSES = Date.UTC(2026, 2, 15);
const open: WindowState = { status: 'open', version: 2, opensAt: OPENS, closesAt: CLOSES };

describe('webWindowProblem', () => {
  it('accepts a comment inside [opensAt, closesAt) of an open draft on its current version', () => {
    expect(webWindowProblem(open, OPENS, 2)).toBeNull();
    expect(webWindowProblem(open, CLOSES - 1, 2)).toBeNull();
  });

  it('refuses at and after the close, before the opening, on another version or another status', () => {
    expect(webWindowProblem(open, CLOSES, 2)?.message).toMatch(/closed/);
    expect(webWindowProblem(open, OPENS - 1, 2)?.message).toMatch(/not opened yet/);
    expect(webWindowProblem(open, OPENS + 1, 1)?.message).toMatch(/new version/);
    expect(webWindowProblem({ ...open, status: 'scheduled' }, OPENS + 1, 2)?.message).toMatch(/not open for comment/);
    expect(webWindowProblem({ ...open, status: 'reported' }, OPENS + 1, 2)?.message).toMatch(/not open for comment/);
  });

  it('names each refusal by a code, with the window edge a translation shows', () => {
    expect(webWindowProblem(open, CLOSES, 2)).toMatchObject({ code: 'comment.window_closed', params: { closesAt: new Date(CLOSES) } });
    expect(webWindowProblem(open, OPENS - 1, 2)).toMatchObject({ code: 'comment.window_not_open', params: { opensAt: new Date(OPENS) } });
    expect(offlineWindowProblem({ ...open, status: 'reported' }, CLOSES - 1, 2)).toMatchObject({ code: 'comment.offline_not_accepting', params: { draftStatus: 'reported' } });
  });

  it('keeps a comment received before the close even if the draft closed before its commit', () => {
    expect(webWindowProblem({ ...open, status: 'closed' }, CLOSES - 5, 2)).toBeNull();
    expect(webWindowProblem({ ...open, status: 'closed' }, CLOSES, 2)?.message).toMatch(/not open for comment/);
  });
});

describe('offlineWindowProblem (R5)', () => {
  it('accepts what was received inside the window, the close included, while open or closed', () => {
    expect(offlineWindowProblem(open, CLOSES, 2)).toBeNull();
    expect(offlineWindowProblem({ ...open, status: 'closed' }, CLOSES, 2)).toBeNull();
  });

  it('refuses what came after the close or before the opening, and anything once reported', () => {
    expect(offlineWindowProblem({ ...open, status: 'closed' }, CLOSES + 1, 2)?.message).toMatch(/after the comment window closed/);
    expect(offlineWindowProblem(open, OPENS - 1, 2)?.message).toMatch(/before the comment window opened/);
    expect(offlineWindowProblem({ ...open, status: 'reported' }, CLOSES - 1, 2)?.message).toMatch(/reported/);
  });

  it('refuses a received time in the future (a minute of clock tolerance)', () => {
    expect(() => assertNotFuture(1_000 + 60_000, 1_000)).not.toThrow();
    expect(() => assertNotFuture(1_000 + 60_001, 1_000)).toThrow(InvalidInput);
  });
});

describe('resolveTarget', () => {
  const ctx = buildContext(
    { id: 'd', unitId: 'u', status: 'open', version: 3, publicVersion: 3, opensAt: null, closesAt: null },
    [
      { planIndex: -1, anchor: 'a1', text: '第一条 为了加强管理。' },
      { planIndex: 0, anchor: 'a1', text: '道路停车泊位白天按小时收费。' },
    ],
  );

  it('finds the unit in the main text or in the plan given, and returns the quoted text', () => {
    expect(resolveTarget(ctx, { anchor: 'a1' })).toEqual({ planIndex: -1, quoteText: null });
    expect(resolveTarget(ctx, { anchor: 'a1', planIndex: 0, quote: { start: 0, end: 6 } })).toEqual({ planIndex: 0, quoteText: '道路停车泊位' });
  });

  it('names the anchor, the plan and the quote limits in its errors', () => {
    expect(() => resolveTarget(ctx, { anchor: 'a2' })).toThrow("anchor 'a2' is not a unit of the main text in version 3 of this draft");
    expect(() => resolveTarget(ctx, { anchor: 'a2', planIndex: 0 })).toThrow("anchor 'a2' is not a unit of plan 0");
    expect(() => resolveTarget(ctx, { anchor: 'a1', planIndex: 1 })).toThrow('planIndex 1 is not an alternative plan of version 3');
    expect(() => resolveTarget(ctx, { anchor: 'a1', quote: { start: 0, end: 12 } })).toThrow("quote.end 12 is beyond the text of unit 'a1' (11 UTF-16 code units)");
    expect(() => resolveTarget(ctx, { anchor: 'a1', quote: { start: 4, end: 4 } })).toThrow('quote.end must be after quote.start');
  });
});

describe('idempotencyKey', () => {
  it('takes 1-255 visible ASCII characters, or nothing', () => {
    expect(idempotencyKey(undefined)).toBeNull();
    expect(idempotencyKey('5f0c-ABC_1')).toBe('5f0c-ABC_1');
    expect(() => idempotencyKey('')).toThrow(InvalidInput);
    expect(() => idempotencyKey('a b')).toThrow(InvalidInput);
    expect(() => idempotencyKey('键')).toThrow(InvalidInput);
    expect(() => idempotencyKey('x'.repeat(256))).toThrow(InvalidInput);
  });
});
