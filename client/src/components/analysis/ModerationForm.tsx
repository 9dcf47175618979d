import { FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { FullComment } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { ErrorNote, Problem } from '../ErrorNote';

/** Hides abusive text on public pages with a reason, or shows it again (R7: still counted and reported). */
export function ModerationForm({ comment, onDone }: { comment: FullComment; onDone: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<Problem>(null);
  const hide = !comment.hidden;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (hide && !reason.trim()) return setError(t('reasonRequired'));
    try {
      await api(`/comments/${comment.id}/moderation`, { method: 'POST', body: hide ? { hidden: true, reason: reason.trim() } : { hidden: false } });
      onDone();
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <form className="moderation" onSubmit={submit} data-testid={`moderation-${comment.id}`}>
      {hide && (
        <label>
          {t('hideReason')}
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} data-testid="hide-reason" />
        </label>
      )}
      <ErrorNote message={error} testId="moderation-error" />
      <button type="submit" className="secondary" data-testid="moderate">
        {hide ? t('hideComment') : t('unhideComment')}
      </button>
    </form>
  );
}
