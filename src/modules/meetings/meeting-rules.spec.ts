import { meetingPlans, seatsViolation } from './meeting-rules';

describe(seatsViolation.name, () => {
  it('allows 3 to 5 public attendees and refuses others (R16)', () => {
    expect([3, 4, 5].map(seatsViolation)).toEqual([null, null, null]);
    expect(seatsViolation(2)?.message).toMatch(/^R16: /);
    expect(seatsViolation(6)?.message).toMatch(/^R16: /);
  });

  it('ranks participants in the decision before other stakeholders, in one pool of seats', () => {
    const [participant, other] = meetingPlans(4);
    expect(participant).toMatchObject({ category: 'participant', tier: 1, pool: 'attendee', quota: 4 });
    expect(other).toMatchObject({ category: 'other-stakeholder', tier: 2, pool: 'attendee' });
  });
});
