import type { ConnectionState, HearingState } from '../../live/live-client';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

/** The hearing's state (scheduled, live, paused, ended) and this page's connection, announced politely. */
export function LiveBadges({ state, connection }: { state: HearingState | null | undefined; connection: ConnectionState }) {
  const { t } = useI18n();
  return (
    <p className="meta live-badges" role="status" aria-live="polite">
      {state && (
        <span className={`badge live-state-${state}`} data-testid="hearing-state" data-state={state}>
          {t(`liveState_${state}` as MessageKey)}
        </span>
      )}
      <span className={`badge conn conn-${connection}`} data-testid="connection-state" data-state={connection}>
        <span className="dot" aria-hidden="true" /> {t(`liveConn_${connection}` as MessageKey)}
      </span>
    </p>
  );
}
