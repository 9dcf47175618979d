import { RuleViolation } from '../../../common/errors/domain-error';
import { concentrationThreshold, isConcentrated } from '../analysis/concentration';
import { assertR6, assertR8, r8Breach, type ClusterState } from './disposition-rules';

describe('assertR6', () => {
  it('lets every outcome but not_adopted through as it is', () => {
    for (const outcome of ['adopted', 'partially_adopted', 'out_of_scope'] as const) expect(() => assertR6({ outcome })).not.toThrow();
  });

  it('requires a basis and a non-blank reason for not_adopted', () => {
    expect(() => assertR6({ outcome: 'not_adopted', reason: 'x' })).toThrow(/^R6: .*basis/);
    expect(() => assertR6({ outcome: 'not_adopted', basis: 'legality' })).toThrow(/^R6: .*reason/);
    expect(() => assertR6({ outcome: 'not_adopted', basis: 'legality', reason: ' \n' })).toThrow(RuleViolation);
    expect(() => assertR6({ outcome: 'not_adopted', basis: 'other', reason: '超出财政承受能力' })).not.toThrow();
  });
});

describe('assertR8', () => {
  it('requires a reason only for a concentrated opinion that is not adopted', () => {
    expect(() => assertR8({ outcome: 'not_adopted', basis: 'legality' }, true)).toThrow(/^R8: /);
    expect(() => assertR8({ outcome: 'not_adopted', basis: 'legality' }, false)).not.toThrow();
    expect(() => assertR8({ outcome: 'adopted' }, true)).not.toThrow();
  });
});

describe('r8Breach', () => {
  const cluster = (over: Partial<ClusterState>): ClusterState => ({ id: 'k', size: 9, concentrated: true, outcome: null, reason: null, notAdopted: 0, ...over });

  it('finds a concentrated cluster whose members are not adopted without a cluster reason', () => {
    expect(r8Breach([cluster({ notAdopted: 1 })])).toMatchObject({ id: 'k' });
    expect(r8Breach([cluster({ outcome: 'not_adopted', reason: '' })])).toMatchObject({ id: 'k' });
  });

  it('passes adopted clusters, reasoned ones and clusters below the threshold', () => {
    expect(r8Breach([cluster({})])).toBeNull();
    expect(r8Breach([cluster({ outcome: 'not_adopted', reason: '理由', notAdopted: 9 })])).toBeNull();
    expect(r8Breach([cluster({ concentrated: false, notAdopted: 9 })])).toBeNull();
  });
});

describe('concentrationThreshold', () => {
  it('is 5 or 5% of all comments, whichever is larger, unless set', () => {
    expect(concentrationThreshold(0, null)).toBe(5);
    expect(concentrationThreshold(100, null)).toBe(5);
    expect(concentrationThreshold(101, null)).toBe(6);
    expect(concentrationThreshold(1_000_000, null)).toBe(50_000);
    expect(concentrationThreshold(1_000_000, 3)).toBe(3);
  });

  it('marks a cluster concentrated at the threshold or when flagged', () => {
    expect(isConcentrated(5, 5, null)).toBe(true);
    expect(isConcentrated(4, 5, null)).toBe(false);
    expect(isConcentrated(2, 5, true)).toBe(true);
  });
});
