import { useEffect, useRef, useState } from 'react';
import type { SessionView } from '../../api/live-types';
import { useApi } from '../../api/use-api';
import { LiveBadges } from '../../components/live/LiveBadges';
import { Transcript } from '../../components/live/Transcript';
import { LiveView, useLiveClient } from '../../components/live/use-live-client';
import { LiveRegion } from '../../components/LiveRegion';
import { fill } from '../../i18n/fill';
import { useI18n } from '../../i18n/i18n';
import { explainError } from '../../lib/problem';
import '../../hearings.css';

/**
 * The note while the connection is lost, then how many segments the catch-up brought: said once
 * each (politely), not once per arriving segment. The server sends the missed segments before it
 * confirms the join, so they are all in the client when the connection turns live.
 */
function useCatchUpNote(live: LiveView): string {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const heldAtDrop = useRef<number | null>(null);
  useEffect(() => {
    const held = live.client.transcript().length;
    if (live.connection === 'reconnecting' && heldAtDrop.current === null) {
      heldAtDrop.current = held;
      setNote(t('liveCatchUpNote'));
    } else if (live.connection === 'live' && heldAtDrop.current !== null) {
      const n = held - heldAtDrop.current;
      heldAtDrop.current = null;
      setNote(n > 0 ? fill(t('liveCaughtUp'), { n }) : t('liveCaughtUpNone'));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the connection's changes drive it
  }, [live.connection]);
  return note;
}

/** The public live page: the transcript as it is typed, with speakers and roles, for everyone. */
export function LivePage({ params }: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const id = params.id;
  const hearing = useApi<{ title: string }>(`/hearings/${id}`);
  const initial = useApi<SessionView>(`/hearings/${id}/live`);
  const live = useLiveClient(id);
  const state = live.hearing?.state ?? initial.data?.state;
  const catchUp = useCatchUpNote(live);
  return (
    <article className="live-page" data-testid="live-page">
      <p className="muted small">{t('liveTitle')}</p>
      <h1>{hearing.data?.title ?? '…'}</h1>
      <LiveBadges state={state} connection={live.connection} />
      {live.error && live.connection !== 'live' && (
        <p className="bad small" role="alert">
          {explainError(live.error, lang).text}
        </p>
      )}
      <LiveRegion text={catchUp} className="muted small" testId="catch-up-note" />
      <Transcript segments={live.segments} />
      <p className="meta">
        <a href={`#/hearings/${id}`}>{t('hearingPublicPage')}</a>
        {state === 'ended' && <a href={`#/hearings/${id}/report`}>{t('hearingReportLink')}</a>}
      </p>
    </article>
  );
}
