import type { CategoryPlan } from '../selection/selection.types';
import { frozenListHash } from './algorithm/hearing-draw';
import { frozenLists } from './draw-plan';

const meeting = (seats: number): CategoryPlan[] => [
  { category: 'participant', admission: 'apply', pool: 'attendee', tier: 1, quota: seats },
  { category: 'other-stakeholder', admission: 'apply', pool: 'attendee', tier: 2, quota: seats },
];

describe(frozenLists.name, () => {
  it('gives each hearing category its own quota and leaves invited categories out', () => {
    const plans: CategoryPlan[] = [
      { category: 'resident', admission: 'apply', pool: 'resident', tier: 1, quota: 4 },
      { category: 'stakeholder', admission: 'apply', pool: 'stakeholder', tier: 1, quota: 3 },
      { category: 'expert', admission: 'invite', pool: 'expert', tier: 1, quota: 2 },
    ];
    const lists = frozenLists(plans, { resident: 4, stakeholder: 3, expert: 2 }, new Map([['resident', ['H-0002', 'H-0001']]]));
    expect(lists).toEqual([
      { category: 'resident', quota: 4, labels: ['H-0001', 'H-0002'], listHash: frozenListHash(['H-0001', 'H-0002']) },
      { category: 'stakeholder', quota: 3, labels: [], listHash: frozenListHash([]) },
    ]);
  });

  it('admits other stakeholders only to the seats participants leave empty (R16)', () => {
    const few = frozenLists(meeting(3), { attendee: 3 }, new Map([['participant', ['M-0001']], ['other-stakeholder', ['M-0002', 'M-0003', 'M-0004']]]));
    expect(few.map((l) => [l.category, l.quota])).toEqual([['other-stakeholder', 2], ['participant', 3]]);
    const many = frozenLists(meeting(3), { attendee: 3 }, new Map([['participant', ['M-0001', 'M-0002', 'M-0003', 'M-0005']], ['other-stakeholder', ['M-0004']]]));
    expect(many.map((l) => [l.category, l.quota])).toEqual([['other-stakeholder', 0], ['participant', 3]]);
  });
});
