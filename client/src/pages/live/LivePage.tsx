import type { SessionView } from '../../api/live-types';
import { useApi } from '../../api/use-api';
import { LiveBadges } from '../../components/live/LiveBadges';
import { Transcript } from '../../components/live/Transcript';
import { useLiveClient } from '../../components/live/use-live-client';
import { useI18n } from '../../i18n/i18n';
import '../../hearings.css';

/** The public live page: the transcript as it is typed, with speakers and roles, for everyone. */
export function LivePage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const id = params.id;
  const hearing = useApi<{ title: string }>(`/hearings/${id}`);
  const initial = useApi<SessionView>(`/hearings/${id}/live`);
  const live = useLiveClient(id);
  const state = live.hearing?.state ?? initial.data?.state;
  return (
    <article className="live-page" data-testid="live-page">
      <p className="muted small">{t('liveTitle')}</p>
      <h1>{hearing.data?.title ?? '…'}</h1>
      <LiveBadges state={state} connection={live.connection} />
      {live.error && live.connection !== 'live' && (
        <p className="bad small" role="alert">
          {live.error.message}
        </p>
      )}
      {live.connection === 'reconnecting' && <p className="muted small">{t('liveCatchUpNote')}</p>}
      <Transcript segments={live.segments} />
      <p className="meta">
        <a href={`#/hearings/${id}`}>{t('hearingPublicPage')}</a>
        {state === 'ended' && <a href={`#/hearings/${id}/report`}>{t('hearingReportLink')}</a>}
      </p>
    </article>
  );
}
