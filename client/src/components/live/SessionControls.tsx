import { api } from '../../api/client';
import type { HearingState } from '../../live/live-client';
import { fill } from '../../i18n/fill';
import { useI18n } from '../../i18n/i18n';
import { workingDays } from '../../lib/format';
import { ErrorNote } from '../ErrorNote';
import { useAction } from '../hearings/use-action';

/** R14: working days the representatives have to confirm the transcript after the end. */
const CONFIRM_WORKING_DAYS = 5;

/** Start (or resume), pause and end; each change reaches every viewer as `hearing:state`. */
export function SessionControls({ hearingId, state }: { hearingId: string; state: HearingState | null | undefined }) {
  const { t, lang } = useI18n();
  const action = useAction();
  const move = (what: 'start' | 'pause' | 'end') => () => {
    if (what === 'end' && !window.confirm(fill(t('clerkEndConfirm'), { period: workingDays(CONFIRM_WORKING_DAYS, lang) }))) return;
    void action.run(() => api(`/hearings/${hearingId}/${what}`, { method: 'POST' }));
  };
  return (
    <div className="session-controls">
      <div className="actions">
        <button type="button" onClick={move('start')} disabled={action.busy || state === 'live' || state === 'ended'} data-testid="live-start">
          {state === 'paused' ? t('clerkResume') : t('clerkStart')}
        </button>
        <button type="button" className="secondary" onClick={move('pause')} disabled={action.busy || state !== 'live'} data-testid="live-pause">
          {t('clerkPause')}
        </button>
        <button type="button" className="secondary" onClick={move('end')} disabled={action.busy || (state !== 'live' && state !== 'paused')} data-testid="live-end">
          {t('clerkEnd')}
        </button>
      </div>
      <ErrorNote message={action.error} testId="session-error" />
    </div>
  );
}
