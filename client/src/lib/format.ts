// Dates shown in the organizing government's time zone, so every reader sees the same deadline.
import type { Lang } from '../i18n/i18n';

const ZONE = 'Asia/Shanghai';
const DAY = 24 * 3600 * 1000;

export function formatTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: ZONE, dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: ZONE, dateStyle: 'medium' });
}

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
