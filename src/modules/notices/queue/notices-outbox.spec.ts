import { fanOutJobId } from '../notice.types';
import { timeOrderedUuid } from '../store/sql';
import { parseFanOut } from '../worker/notices.processor';
import { emailJobId } from './notices-outbox';

describe('job ids', () => {
  const n = { kind: 'adoption_report', draftId: 'd0f1c3a4-0000-4000-8000-000000000001', sourceVersion: '1', recipient: 'u.6f1c3a40-0000-4000-8000-000000000002', resendRound: 0 };

  it('are deterministic per notice and channel, with a new one per manual retry round', () => {
    expect(emailJobId(n)).toBe(`adoption_report-${n.draftId}-1-${n.recipient}-email`);
    expect(emailJobId({ ...n, resendRound: 2 })).toBe(`adoption_report-${n.draftId}-1-${n.recipient}-email-r2`);
    expect(fanOutJobId({ kind: 'results', draftId: n.draftId, resultIndex: 3 })).toBe(`fanout-results-${n.draftId}-3`);
  });

  it('never contain a colon, which BullMQ refuses in custom ids', () => {
    expect(emailJobId(n)).not.toContain(':');
    expect(emailJobId({ ...n, recipient: 'x.0123456789abcdef0123456789abcdef', sourceVersion: 'hearing.h1.selected.123' })).not.toContain(':');
  });
});

describe('timeOrderedUuid', () => {
  it('is a version 7 UUID whose prefix follows the clock', () => {
    const a = timeOrderedUuid(1_700_000_000_000);
    const b = timeOrderedUuid(1_700_000_000_001);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
    expect(timeOrderedUuid()).not.toBe(timeOrderedUuid());
  });
});

describe('parseFanOut', () => {
  it('accepts the jobs of the comments and drafts modules and refuses anything else for good', () => {
    const draftId = '00000000-0000-4000-8000-000000000000';
    expect(parseFanOut({ kind: 'adoption_report', draftId, reportVersion: 2 })).toEqual({ kind: 'adoption_report', draftId, reportVersion: 2 });
    expect(parseFanOut({ kind: 'results', draftId, resultIndex: 0 })).toEqual({ kind: 'results', draftId, resultIndex: 0 });
    expect(() => parseFanOut({ kind: 'results', draftId, resultIndex: -1 })).toThrow('unknown job');
    expect(() => parseFanOut({ kind: 'adoption_report', draftId: 'x', reportVersion: 1 })).toThrow('draftId');
  });
});
