// The organizer's draft form state and its mapping to the bodies of POST/PATCH /api/drafts.
import type { Draft } from '../api/types';
import { fromLocalInput, toLocalInput } from './format';

export interface DraftFormState {
  title: string;
  body: string;
  basis: string;
  reasons: string;
  interpretation: string;
  contact: { person: string; address: string; email: string; phone: string; fax: string };
  opens: string;
  closes: string;
  alternatives: Array<{ title: string; body: string }>;
}

export const CONTACT_FIELDS = ['person', 'address', 'email', 'phone', 'fax'] as const;

export function formFromDraft(d: Draft | null): DraftFormState {
  const c = d?.contact ?? {};
  return {
    title: d?.title ?? '',
    body: d?.body ?? '',
    basis: d?.basis ?? '',
    reasons: d?.reasons ?? '',
    interpretation: d?.interpretation ?? '',
    contact: { person: c.person ?? '', address: c.address ?? '', email: c.email ?? '', phone: c.phone ?? '', fax: c.fax ?? '' },
    opens: toLocalInput(d?.commentOpensAt),
    closes: toLocalInput(d?.commentClosesAt),
    alternatives: (d?.alternatives ?? []).map((a) => ({ title: a.title, body: a.body ?? a.units.map((u) => `${u.label}${u.label ? ' ' : ''}${u.text}`).join('\n') })),
  };
}

/**
 * The request body: empty text fields are left out (a draft may be saved incomplete, R1 is checked
 * at submit), the contact is sent once any of its fields is filled, alternatives always (so that
 * removing the last ones is saved too).
 */
export function bodyFromForm(f: DraftFormState): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const k of ['title', 'body', 'basis', 'reasons', 'interpretation'] as const) if (f[k].trim()) body[k] = f[k];
  if (CONTACT_FIELDS.some((k) => f.contact[k].trim())) {
    const contact: Record<string, string> = {};
    for (const k of CONTACT_FIELDS) if (f.contact[k].trim() || k === 'person' || k === 'address' || k === 'email') contact[k] = f.contact[k].trim();
    body.contact = contact;
  }
  const opens = fromLocalInput(f.opens);
  const closes = fromLocalInput(f.closes);
  if (opens) body.commentOpensAt = opens;
  if (closes) body.commentClosesAt = closes;
  body.alternatives = f.alternatives;
  return body;
}

const DAY = 24 * 3600 * 1000;

/** Hints shown before saving, mirroring R1/R2/R3; the server remains the authority. */
export function formHints(f: DraftFormState): Array<'r1Missing' | 'r2Short' | 'r3One' | 'windowOrder'> {
  const hints: Array<'r1Missing' | 'r2Short' | 'r3One' | 'windowOrder'> = [];
  const r1 = [f.title, f.body, f.basis, f.reasons, f.contact.person, f.contact.address, f.contact.email, f.opens, f.closes];
  if (r1.some((v) => !v.trim())) hints.push('r1Missing');
  const opens = f.opens ? new Date(f.opens).getTime() : NaN;
  const closes = f.closes ? new Date(f.closes).getTime() : NaN;
  if (!Number.isNaN(opens) && !Number.isNaN(closes)) {
    if (closes <= opens) hints.push('windowOrder');
    else if (closes - Math.max(opens, Date.now()) < 10 * DAY) hints.push('r2Short');
  }
  if (f.alternatives.length === 1) hints.push('r3One');
  return hints;
}
