import type { HistoryRow, Page } from '../api/types';
import { useApi } from '../api/use-api';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { formatTime } from '../lib/format';
import { Loading } from './ErrorNote';
import { levelName } from './organizer/DraftActions';

const KNOWN_ACTIONS = ['created', 'edited', 'submitted', 'approved', 'returned', 'published', 'opened', 'closed', 'reported', 'decided', 'results_published', 'results_updated', 'version_started'];

/** Every step of the draft with who and when (R4): GET /api/drafts/:id/history. */
export function HistoryList({ draftId, reloadKey = 0 }: { draftId: string; reloadKey?: number }) {
  const { t, lang } = useI18n();
  const { data, error, loading } = useApi<Page<HistoryRow>>(`/drafts/${draftId}/history`, reloadKey);
  return (
    <section className="card" data-testid="history">
      <h2>{t('history')}</h2>
      <Loading error={error} loading={loading && !data} />
      <ol className="history">
        {data?.items.map((h) => (
          <li key={h.id} data-action={h.action}>
            <time dateTime={h.at}>{formatTime(h.at, lang)}</time> <strong>{KNOWN_ACTIONS.includes(h.action) ? t(`action_${h.action}` as MessageKey) : h.action}</strong>
            {h.level && <span className="muted"> ({levelName(h.level, t)})</span>} <span>{h.actorName ?? t('system')}</span>
            {h.version !== null && <span className="muted"> · {t('version')} {h.version}</span>}
            {h.note && <p className="muted small prose">{h.note}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
