import type { MessageKey } from '../../i18n/messages';

type T = (k: MessageKey) => string;

/** A speaker's role: a representative's category, or the organizer's side (chair, organizer, clerk). */
export function roleLabel(t: T, role: string): string {
  return t(`role_${role}` as MessageKey) ?? t(`cat_${role}` as MessageKey) ?? role;
}
