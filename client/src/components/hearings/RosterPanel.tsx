import { api } from '../../api/client';
import { OwnerKind, ownerPath, PublicSeat } from '../../api/hearing-types';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatTime } from '../../lib/format';
import { ErrorNote, Loading } from '../ErrorNote';
import { categoryLabel } from './Announcement';
import { PublicSeats } from './SelectionLog';
import { useAction } from './use-action';
import { TableWrap } from '../TableWrap';

interface Roster {
  representatives: Array<PublicSeat & { userId: string | null; displayName: string | null; email: string | null }>;
}

/** Live seats with names (staff view); declining one passes it to the pool's next alternate. */
export function RosterPanel({ kind, id, version, onChange }: { kind: OwnerKind; id: string; version?: unknown; onChange: () => void }) {
  const { t, lang } = useI18n();
  const { data, error, loading, reload } = useApi<Roster>(`${ownerPath(kind, id)}/roster`, version);
  const action = useAction();
  const decline = async (seatId: string) => {
    if (!window.confirm(t('seatReplaceConfirm'))) return;
    if (await action.run(() => api(`${ownerPath(kind, id)}/seats/${seatId}/decline`, { method: 'POST' }))) {
      reload();
      onChange();
    }
  };
  return (
    <section className="card" aria-labelledby="roster-h" data-testid="roster-panel">
      <h2 id="roster-h">{t('rosterTitle')}</h2>
      <ErrorNote message={action.error} />
      {!data ? (
        <Loading error={error} loading={loading} />
      ) : !data.representatives.length ? (
        <p className="muted">{t('seatsNone')}</p>
      ) : (
        <TableWrap label={t('rosterTitle')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('hgCategory')}</th>
                <th scope="col">#</th>
                <th scope="col">{t('hgLabel')}</th>
                <th scope="col">{t('displayName')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">
                  <span className="sr-only">{t('actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.representatives.map((s) => (
                <tr key={s.id} data-testid="roster-seat">
                  <td>{categoryLabel(t, s.category)}</td>
                  <td>{s.slot}</td>
                  <td className="hash">{s.label ?? '—'}</td>
                  <td>
                    {s.displayName}
                    <br />
                    <span className="muted small">{s.email}</span>
                  </td>
                  <td>
                    {t(`seatStatus_${s.status}` as MessageKey)}
                    {s.confirmBy && <span className="muted small"> · {formatTime(s.confirmBy, lang)}</span>}
                  </td>
                  <td>
                    <button type="button" className="secondary" onClick={() => decline(s.id)} disabled={action.busy} data-testid="seat-replace">
                      {t('seatReplace')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <details>
        <summary>{t('seatsHistory')}</summary>
        <PublicSeats kind={kind} id={id} version={version} />
      </details>
    </section>
  );
}
