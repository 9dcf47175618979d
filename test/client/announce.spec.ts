// The throttle of live announcements: a figure that changes every tick is announced only at each
// tenth of the way and on completion (client/src/lib/announce.ts).
import { milestone } from '../../client/src/lib/announce';

describe('milestone (what a progress announcement follows)', () => {
  it('passes each tenth once and ends with done, however many ticks a run of 1,000 takes', () => {
    const steps: string[] = [];
    for (let done = 0; done <= 1000; done++) {
      const m = milestone(done, 1000, done === 1000);
      if (m !== null && m !== steps[steps.length - 1]) steps.push(m);
    }
    expect(steps).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'done']);
  });

  it('says nothing without a run, and is done only when complete (not merely at 100%)', () => {
    expect(milestone(0, 0, false)).toBeNull();
    expect(milestone(0, 0, true)).toBeNull();
    expect(milestone(4, 4, false)).toBe('9'); // counted, but the fan-out is not over
    expect(milestone(4, 4, true)).toBe('done');
    expect(milestone(1, 3, false)).toBe('3');
  });
});
