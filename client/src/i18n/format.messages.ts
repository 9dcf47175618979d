// Date patterns and counted periods (client/src/lib/format.ts fills them with Intl's localized
// month and weekday names). Plural forms follow Intl.PluralRules: Chinese has only `other`, but
// keeps `_one` too so both catalogs have the same keys.

export const formatZh = {
  fmtDateTime: '{year}年{month}月{day}日 {weekday} {hour}:{minute}',
  fmtDate: '{year}年{month}月{day}日',
  listSeparator: '，',
  workingDays_one: '{n} 个工作日',
  workingDays_other: '{n} 个工作日',
  calendarDays_one: '{n} 天',
  calendarDays_other: '{n} 天',
} as const;

export const formatEn: Record<keyof typeof formatZh, string> = {
  fmtDateTime: '{weekday}, {day} {month} {year}, {hour}:{minute}',
  fmtDate: '{day} {month} {year}',
  listSeparator: ', ',
  workingDays_one: '{n} working day',
  workingDays_other: '{n} working days',
  calendarDays_one: '{n} day',
  calendarDays_other: '{n} days',
};
