// Shared wording of notices: Chinese first, English second (the product's two languages).
import { BASIS_LABELS, OUTCOME_LABELS, STANCE_LABELS } from '../../comments/comment.constants';
import type { Basis, Outcome, Stance } from '../../comments/comment.constants';

export const OUTCOME_EN: Record<Outcome, string> = {
  adopted: 'adopted',
  partially_adopted: 'partially adopted',
  not_adopted: 'not adopted',
  out_of_scope: 'out of scope',
};

export const BASIS_EN: Record<Basis, string> = {
  legality: 'legality',
  reasonableness: 'reasonableness',
  feasibility: 'feasibility',
  other: 'other grounds',
};

export const SEPARATOR = '——————————';

export function outcomeZh(outcome: string | null): string {
  return outcome ? (OUTCOME_LABELS[outcome as Outcome] ?? outcome) : '尚无处理结果';
}

export function outcomeEn(outcome: string | null): string {
  return outcome ? (OUTCOME_EN[outcome as Outcome] ?? outcome) : 'no disposition';
}

export function basisZh(basis: string | null): string {
  return basis ? (BASIS_LABELS[basis as Basis] ?? basis) : '';
}

export function basisEn(basis: string | null): string {
  return basis ? (BASIS_EN[basis as Basis] ?? basis) : '';
}

export function stanceZh(stance: string): string {
  return STANCE_LABELS[stance as Stance] ?? stance;
}

/** Cuts long text for a notice; the full text is in the report behind the link. */
export function excerpt(text: string, max = 120): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}

const BEIJING = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** `2026-10-10 23:59` in Beijing time, the time residents read. */
export function beijingTime(at: Date | string): string {
  return BEIJING.format(typeof at === 'string' ? new Date(at) : at);
}

export function greeting(name: string | null): string {
  return name ? `${name}，您好：` : '您好：';
}

export function draftLink(publicUrl: string, draftId: string, page?: 'report'): string {
  const base = publicUrl.replace(/\/+$/, '');
  return `${base}/#/drafts/${draftId}${page ? `/${page}` : ''}`;
}
