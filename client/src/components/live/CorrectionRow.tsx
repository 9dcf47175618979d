import { useState } from 'react';
import { api } from '../../api/client';
import type { Correction } from '../../api/live-types';
import { useI18n } from '../../i18n/i18n';
import { formatTime } from '../../lib/format';
import { ErrorNote } from '../ErrorNote';
import { useAction } from '../hearings/use-action';

/** One correction request beside the current text: accept (a new revision) or reject with a reason. */
export function CorrectionRow({ hearingId, c, current, onDone }: { hearingId: string; c: Correction; current: string | undefined; onDone: () => void }) {
  const { t, lang } = useI18n();
  const [reason, setReason] = useState('');
  const action = useAction();
  const decide = async (what: 'accept' | 'reject') => {
    if (what === 'reject' && !reason.trim()) return void action.run(() => Promise.reject(new Error(t('corrRejectNeedsReason'))));
    const body = what === 'reject' ? { reason } : undefined;
    if (await action.run(() => api(`/hearings/${hearingId}/corrections/${c.id}/${what}`, { method: 'POST', body }))) onDone();
  };
  return (
    <li className="card correction" data-testid="correction" data-seq={c.seq}>
      <p className="meta small">
        #{c.seq} · {c.requesterName} · {formatTime(c.createdAt, lang)}
      </p>
      <del aria-label={t('corrCurrent')}>{current ?? '—'}</del>
      <ins aria-label={t('corrRequested')}>{c.text}</ins>
      <div className="review-row">
        <button type="button" onClick={() => decide('accept')} disabled={action.busy} data-testid="corr-accept">
          {t('corrAccept')}
        </button>
        <label>
          <span className="sr-only">{t('corrRejectReason')}</span>
          <input value={reason} maxLength={2000} placeholder={t('corrRejectReason')} onChange={(e) => setReason(e.target.value)} data-testid="corr-reason" />
        </label>
        <button type="button" className="secondary" onClick={() => decide('reject')} disabled={action.busy} data-testid="corr-reject">
          {t('corrReject')}
        </button>
      </div>
      <ErrorNote message={action.error} />
    </li>
  );
}
