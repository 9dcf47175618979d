import { RuleViolation } from '../../common/errors/domain-error';
import { announcementViolation, hearingPlans, quotasOf, setQuotas } from './hearing-rules';
import { Hearing } from './hearing.entity';

const DAY = 24 * 3600 * 1000;
const NOW = new Date('2026-12-01T02:00:00Z');

function complete(overrides: Partial<Hearing> = {}): Hearing {
  const h = Object.assign(new Hearing(), {
    title: '听证会',
    matterContent: '收费标准',
    matterReasons: '理由',
    matterBasis: '依据',
    matterBackground: '背景',
    venue: '第一会议室',
    startsAt: new Date(NOW.getTime() + 10 * DAY),
    signupOpensAt: new Date(NOW.getTime() - DAY),
    signupClosesAt: new Date(NOW.getTime() + 5 * DAY),
    signupMethod: '网上报名',
    selectionMethod: '公开抽签',
    announcedAt: null,
  });
  setQuotas(h, { stakeholder: 3, resident: 3, deputy: 1, expert: 1, lawyer: 1, other: 1 });
  return Object.assign(h, overrides);
}

describe(announcementViolation.name, () => {
  it('accepts a complete hearing exactly 10 days ahead with 10 representatives', () => {
    expect(announcementViolation(complete(), NOW)).toBeNull();
  });

  it('refuses a hearing less than 10 days ahead (R11)', () => {
    const v = announcementViolation(complete({ startsAt: new Date(NOW.getTime() + 10 * DAY - 1) }), NOW);
    expect(v).toBeInstanceOf(RuleViolation);
    expect(v?.message).toMatch(/^R11: .*9 day/);
  });

  it('names every missing element of the announcement (R11)', () => {
    const v = announcementViolation(complete({ venue: ' ', matterBasis: null, signupMethod: null }), NOW);
    expect(v?.message).toBe('R11: the announcement must state venue, matter.basis, signupMethod');
    const h = complete();
    setQuotas(h, null);
    expect(announcementViolation(h, NOW)?.message).toMatch(/^R11: .*quotas/);
  });

  it('refuses a sign-up period that has already ended (R11)', () => {
    expect(announcementViolation(complete({ signupClosesAt: NOW }), NOW)?.message).toMatch(/^R11: the sign-up period/);
  });

  it('refuses fewer than 10 representatives, and categories residents cannot apply to (R12)', () => {
    const nine = complete();
    setQuotas(nine, { stakeholder: 3, resident: 3, deputy: 1, expert: 1, lawyer: 1, other: 0 });
    expect(announcementViolation(nine, NOW)?.message).toMatch(/^R12: .*add up to 9/);
    const noResidents = complete();
    setQuotas(noResidents, { stakeholder: 10, resident: 0, deputy: 0, expert: 0, lawyer: 0, other: 0 });
    expect(announcementViolation(noResidents, NOW)?.message).toMatch(/^R12: .*resident has none/);
  });
});

describe(hearingPlans.name, () => {
  it('lets stakeholders and residents apply and invites the other R12 categories, each its own pool', () => {
    const plans = hearingPlans(complete());
    expect(plans.filter((p) => p.admission === 'apply').map((p) => p.category)).toEqual(['stakeholder', 'resident']);
    expect(plans.filter((p) => p.admission === 'invite').map((p) => p.category)).toEqual(['deputy', 'expert', 'lawyer', 'other']);
    expect(new Set(plans.map((p) => p.pool)).size).toBe(6);
    expect(quotasOf(complete())).toEqual({ stakeholder: 3, resident: 3, deputy: 1, expert: 1, lawyer: 1, other: 1 });
  });
});
