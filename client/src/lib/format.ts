// Dates shown in the organizing government's time zone, so every reader sees the same deadline.
import { fill } from '../i18n/fill';
import { en, Lang, zh } from '../i18n/messages';

const ZONE = 'Asia/Shanghai';
const DAY = 24 * 3600 * 1000;

/** The date-time fields of `iso` in the organizer's zone, named in the reader's language. */
function parts(iso: string | null | undefined, lang: Lang, withTime: boolean): Record<string, string> | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const format = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: ZONE,
    year: 'numeric',
    month: lang === 'zh' ? 'numeric' : 'short',
    day: 'numeric',
    weekday: lang === 'zh' ? 'long' : 'short',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
  } as Intl.DateTimeFormatOptions);
  const out: Record<string, string> = {};
  for (const p of format.formatToParts(d)) out[p.type] = p.value;
  return out;
}

const catalog = (lang: Lang) => (lang === 'zh' ? zh : en);

/** 2026年11月21日 星期六 14:00 · Sat, 21 Nov 2026, 14:00 (Beijing time). */
export function formatTime(iso: string | null | undefined, lang: Lang): string {
  const p = parts(iso, lang, true);
  return p ? fill(catalog(lang).fmtDateTime, p) : iso || '—';
}

/** 2026年11月21日 · 21 Nov 2026 */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  const p = parts(iso, lang, false);
  return p ? fill(catalog(lang).fmtDate, p) : iso || '—';
}

/** The time of day to the second (a transcript segment): 14:05:09 in either language. */
export function formatClock(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: ZONE, hourCycle: 'h23' });
}

function counted(base: 'workingDays' | 'calendarDays', n: number, lang: Lang): string {
  const form = new Intl.PluralRules(lang === 'zh' ? 'zh-CN' : 'en').select(n) === 'one' ? 'one' : 'other';
  return fill(catalog(lang)[`${base}_${form}`], { n });
}

/** "3 个工作日" · "3 working days" / "1 working day" (R18 calendar: weekends and holidays skipped). */
export const workingDays = (n: number, lang: Lang) => counted('workingDays', n, lang);

/** "3 天" · "3 days" / "1 day" (calendar days). */
export const calendarDays = (n: number, lang: Lang) => counted('calendarDays', n, lang);

export type WindowState = { phase: 'unset' } | { phase: 'before'; days: number } | { phase: 'open'; days: number } | { phase: 'after' };

/** Where `now` falls in the comment window, with whole days (rounded up) to the next boundary. */
export function windowState(opensAt: string | null, closesAt: string | null, now = Date.now()): WindowState {
  if (!opensAt || !closesAt) return { phase: 'unset' };
  const opens = new Date(opensAt).getTime();
  const closes = new Date(closesAt).getTime();
  if (now < opens) return { phase: 'before', days: Math.ceil((opens - now) / DAY) };
  if (now < closes) return { phase: 'open', days: Math.ceil((closes - now) / DAY) };
  return { phase: 'after' };
}

/** `<input type="datetime-local">` value (browser local time) ↔ ISO 8601 with offset. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
