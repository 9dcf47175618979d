import { getDayDetail } from 'chinese-days';
import data from 'chinese-days/dist/chinese-days.json';

/** A date in China's civil calendar, written YYYY-MM-DD. Deadlines are days in Beijing, not UTC instants. */
export type CivilDate = string;
export type DayOverride = 'holiday' | 'workday';

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000; // China has one time zone and no daylight saving.

/** Last year the calendar package knows the State Council's holiday arrangement for. */
export const PACKAGE_LAST_YEAR = Math.max(...Object.keys((data as { holidays: Record<string, string> }).holidays).map((d) => Number(d.slice(0, 4))));

export function civilDateOf(instant: Date): CivilDate {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last millisecond of a civil date in Beijing time. */
export function endOfCivilDate(day: CivilDate): Date {
  return new Date(Date.parse(`${day}T23:59:59.999+08:00`));
}

export function addCalendarDays(day: CivilDate, n: number): CivilDate {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * Whether a day is a working day: an administrator's override first (for years the package
 * does not cover yet, or corrections), then the official calendar, then plain weekdays.
 */
export function isWorkingDay(day: CivilDate, overrides: ReadonlyMap<CivilDate, DayOverride>): boolean {
  const own = overrides.get(day);
  if (own) return own === 'workday';
  if (Number(day.slice(0, 4)) <= PACKAGE_LAST_YEAR) return getDayDetail(day).work;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The n-th working day strictly after `day` (n ≥ 1). */
export function addWorkingDays(day: CivilDate, n: number, overrides: ReadonlyMap<CivilDate, DayOverride>): CivilDate {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('n must be a positive integer');
  let current = day;
  let left = n;
  while (left > 0) {
    current = addCalendarDays(current, 1);
    if (isWorkingDay(current, overrides)) left--;
  }
  return current;
}
