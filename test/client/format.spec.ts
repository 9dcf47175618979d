// Dates, deadlines and counted periods of the web client (client/src/lib/format.ts) in the
// reader's language, always in Beijing time so every reader sees the same deadline.
import { calendarDays, formatClock, formatDate, formatTime, workingDays } from '../../client/src/lib/format';

// 06:00 UTC = 14:00 in Beijing, a Saturday.
const AT = '2026-11-21T06:00:00Z';

describe('client date formatting', () => {
  it('writes a date-time the Chinese way in zh-CN and the English way in English', () => {
    expect(formatTime(AT, 'zh')).toBe('2026年11月21日 星期六 14:00');
    expect(formatTime(AT, 'en')).toBe('Sat, 21 Nov 2026, 14:00');
    expect(formatDate(AT, 'zh')).toBe('2026年11月21日');
    expect(formatDate(AT, 'en')).toBe('21 Nov 2026');
    expect(formatClock('2026-11-21T06:05:09Z', 'zh')).toBe('14:05:09');
    expect(formatClock('2026-11-21T06:05:09Z', 'en')).toBe('14:05:09');
  });

  it('shows Beijing time whatever the reader’s clock, across the date line and midnight', () => {
    // 16:30 UTC on the 31st is 00:30 on 1 January in Beijing.
    expect(formatTime('2026-12-31T16:30:00Z', 'zh')).toBe('2027年1月1日 星期五 00:30');
    expect(formatTime('2026-12-31T16:30:00Z', 'en')).toBe('Fri, 1 Jan 2027, 00:30');
  });

  it('keeps missing and malformed values readable', () => {
    expect(formatTime(null, 'zh')).toBe('—');
    expect(formatDate(undefined, 'en')).toBe('—');
    expect(formatTime('not a date', 'en')).toBe('not a date');
  });

  it('counts working days and days with the right plural', () => {
    expect(workingDays(3, 'zh')).toBe('3 个工作日');
    expect(workingDays(1, 'zh')).toBe('1 个工作日');
    expect(workingDays(5, 'en')).toBe('5 working days');
    expect(workingDays(1, 'en')).toBe('1 working day');
    expect(calendarDays(1, 'en')).toBe('1 day');
    expect(calendarDays(10, 'en')).toBe('10 days');
    expect(calendarDays(10, 'zh')).toBe('10 天');
  });
});
