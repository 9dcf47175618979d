import type { LiveClient, PendingSegment } from '../../live/live-client';
import { fill } from '../../i18n/fill';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { explainError } from '../../lib/problem';

/** Segments typed but not yet stored: waiting, sent without an answer, or refused (retry or drop). */
export function PendingQueue({ client, pending }: { client: LiveClient; pending: readonly PendingSegment[] }) {
  const { t, lang } = useI18n();
  const failed = pending.filter((p) => p.status === 'failed').length;
  return (
    <div className={`pending-queue${pending.length ? ' has-pending' : ''}${failed ? ' has-failed' : ''}`} data-testid="pending-queue" data-count={pending.length}>
      <p role="status" aria-live="polite" data-testid="pending-count">
        {pending.length ? fill(t('clerkUnsent'), { n: pending.length }) : `✓ ${t('clerkAllStored')}`}
      </p>
      {pending.length > 0 && (
        <ul className="plain">
          {pending.map((p) => (
            <li key={p.key} className={`pending-item pending-${p.status}`} data-testid="pending-item" data-status={p.status}>
              <span className="badge">{t(`pending_${p.status}` as MessageKey)}</span> <span className="pending-text">{p.input.text}</span>
              {p.error && <span className="bad small"> {explainError(p.error, lang).text}</span>}
              {p.status === 'failed' && (
                <>
                  {' '}
                  <button type="button" className="link small" onClick={() => client.retry(p.key).catch(() => undefined)}>
                    {t('clerkRetry')}
                  </button>{' '}
                  <button type="button" className="link small" onClick={() => client.discard(p.key)}>
                    {t('clerkDiscard')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
