import { api } from '../../api/client';
import { MyApplication, OwnerKind, ownerPath } from '../../api/hearing-types';
import { fill } from '../../i18n/fill';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { focusOnMount } from '../../lib/focus';
import { formatTime } from '../../lib/format';
import { ErrorNote } from '../ErrorNote';
import { categoryLabel } from './Announcement';
import { useAction } from './use-action';

/** The applicant's own view: label, status, the reason given, alternate position, the seat. */
export function MyApplicationView({ kind, id, mine, focus, onChange }: { kind: OwnerKind; id: string; mine: MyApplication; focus?: boolean; onChange: () => void }) {
  const { t, lang } = useI18n();
  const action = useAction();
  const seat = mine.seat;
  const seatAct = (what: 'confirm' | 'decline') => async () => {
    if (what === 'decline' && !window.confirm(t('seatDeclineConfirm'))) return;
    if (await action.run(() => api(`${ownerPath(kind, id)}/seats/${seat?.id}/${what}`, { method: 'POST' }))) onChange();
  };
  return (
    <div data-testid="my-application" data-status={mine.status} tabIndex={-1} ref={focus ? focusOnMount : undefined}>
      <p>
        {t('myApplication')} <strong className="hash" data-testid="my-application-label">{mine.label}</strong> · {categoryLabel(t, mine.category)} ·{' '}
        <span className={`badge app-${mine.status}`} data-testid="my-application-status">
          {t(`appStatus_${mine.status}` as MessageKey)}
        </span>
      </p>
      {mine.reason && (
        <p data-testid="my-application-reason">
          {t('hgReason')}: <span className="prose">{mine.reason}</span>
        </p>
      )}
      {mine.alternatePosition !== null && <p>{fill(t('alternatePosition'), { n: mine.alternatePosition })}</p>}
      {seat && (
        <div className="seat-box">
          <p>
            {t('mySeat')}: {categoryLabel(t, seat.category)} #{seat.slot} · {t(`seatStatus_${seat.status}` as MessageKey)}
            {seat.status === 'offered' && seat.confirmBy && ` · ${t('confirmBy')} ${formatTime(seat.confirmBy, lang)}`}
          </p>
          <div className="actions">
            {seat.status === 'offered' && (
              <button type="button" onClick={seatAct('confirm')} disabled={action.busy} data-testid="seat-confirm">
                {t('seatConfirm')}
              </button>
            )}
            {(seat.status === 'offered' || seat.status === 'confirmed') && (
              <button type="button" className="secondary" onClick={seatAct('decline')} disabled={action.busy} data-testid="seat-decline">
                {t('seatDecline')}
              </button>
            )}
          </div>
          <ErrorNote message={action.error} />
        </div>
      )}
      <details>
        <summary>{t('myStatement')}</summary>
        <p className="prose">{mine.statement}</p>
      </details>
    </div>
  );
}
