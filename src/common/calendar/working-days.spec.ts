import { addWorkingDays, civilDateOf, endOfCivilDate, isWorkingDay, PACKAGE_LAST_YEAR } from './working-days';

const none = new Map();

describe('working days (R18)', () => {
  it('skips the 2026 National Day holiday: 3 working days after 30 September end on the make-up Saturday, 10 October', () => {
    // 1-7 October are holidays; 8, 9 and the make-up Saturday 10 October are working days.
    expect(addWorkingDays('2026-09-30', 3, none)).toBe('2026-10-10');
    expect(addWorkingDays('2026-09-30', 1, none)).toBe('2026-10-08');
  });

  it('counts the make-up Saturday of 10 October 2026 as a working day', () => {
    expect(isWorkingDay('2026-10-10', none)).toBe(true); // Saturday, 调休上班
    expect(isWorkingDay('2026-10-11', none)).toBe(false); // ordinary Sunday
    expect(addWorkingDays('2026-10-08', 2, none)).toBe('2026-10-10');
  });

  it('skips the Spring Festival of 2026', () => {
    expect(isWorkingDay('2026-02-17', none)).toBe(false); // 春节
  });

  it('treats plain weekdays as working days beyond the packaged years unless an administrator says otherwise', () => {
    const year = PACKAGE_LAST_YEAR + 1;
    const firstOct = `${year}-10-01`;
    const weekday = new Date(`${firstOct}T00:00:00Z`).getUTCDay();
    expect(isWorkingDay(firstOct, none)).toBe(weekday !== 0 && weekday !== 6);
    expect(isWorkingDay(firstOct, new Map([[firstOct, 'holiday' as const]]))).toBe(false);
  });

  it('lets an override turn a weekend into a make-up working day', () => {
    expect(isWorkingDay('2026-10-11', new Map([['2026-10-11', 'workday' as const]]))).toBe(true);
  });

  it('reads instants in Beijing time', () => {
    expect(civilDateOf(new Date('2026-09-30T17:00:00Z'))).toBe('2026-10-01');
    expect(endOfCivilDate('2026-10-09').toISOString()).toBe('2026-10-09T15:59:59.999Z');
  });
});
