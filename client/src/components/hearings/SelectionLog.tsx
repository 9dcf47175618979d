import { useState } from 'react';
import { OwnerKind, ownerPath, PublicSeat, SelectionEvent } from '../../api/hearing-types';
import type { Page } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatTime } from '../../lib/format';
import { Loading } from '../ErrorNote';
import { Pager } from '../Pager';
import { categoryLabel } from './Announcement';
import { TableWrap } from '../TableWrap';

/** The public facts of an event, short: labels, categories, slots, outcomes (never names). */
function eventFacts(t: (k: MessageKey) => string, data: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof data.label === 'string') parts.push(data.label);
  if (Array.isArray(data.labels)) parts.push(data.labels.join(', '));
  if (typeof data.category === 'string') parts.push(categoryLabel(t, data.category));
  if (typeof data.slot === 'number') parts.push(`#${data.slot}`);
  if (typeof data.outcome === 'string') parts.push(t(`appStatus_${data.outcome}` as MessageKey) ?? data.outcome);
  if (typeof data.commitment === 'string') parts.push(data.commitment.slice(0, 16) + '…');
  return parts.join(' · ');
}

/** Every seat, past and present, by label; no personal data. */
export function PublicSeats({ kind, id, version }: { kind: OwnerKind; id: string; version?: unknown }) {
  const { t, lang } = useI18n();
  const { data, error, loading } = useApi<Page<PublicSeat>>(`${ownerPath(kind, id)}/seats?pageSize=100`, version);
  if (!data) return <Loading error={error} loading={loading} />;
  if (!data.items.length) return <p className="muted">{t('seatsNone')}</p>;
  return (
    <TableWrap label={t('seatsHistory')}>
      <table data-testid="public-seats">
        <thead>
          <tr>
            <th scope="col">{t('hgCategory')}</th>
            <th scope="col">#</th>
            <th scope="col">{t('hgLabel')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('seatSource')}</th>
            <th scope="col">{t('hgTime')}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((s) => (
            <tr key={s.id} className={`seat-${s.status}`}>
              <td>{categoryLabel(t, s.category)}</td>
              <td>{s.slot}</td>
              <td className="hash">{s.label ?? t('hgInvited')}</td>
              <td>{t(`seatStatus_${s.status}` as MessageKey)}</td>
              <td>{t(`seatSource_${s.source}` as MessageKey)}</td>
              <td>{formatTime(s.respondedAt ?? s.offeredAt, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** The public log of every selection step. */
export function SelectionEvents({ kind, id }: { kind: OwnerKind; id: string }) {
  const { t, lang } = useI18n();
  const [page, setPage] = useState(1);
  const { data, error, loading } = useApi<Page<SelectionEvent>>(`${ownerPath(kind, id)}/events?page=${page}&pageSize=50`);
  if (!data) return <Loading error={error} loading={loading} />;
  return (
    <>
      <ol className="event-log" data-testid="selection-events">
        {data.items.map((e) => (
          <li key={e.id}>
            <span className="muted small">{formatTime(e.at, lang)}</span> <strong>{t(`event_${e.kind}` as MessageKey) ?? e.kind}</strong>{' '}
            <span className="small">{eventFacts(t, e.data)}</span>
          </li>
        ))}
      </ol>
      <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
    </>
  );
}

export function SelectionLog({ kind, id }: { kind: OwnerKind; id: string }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="selection-log-h">
      <h2 id="selection-log-h">{t('seatsTitle')}</h2>
      <PublicSeats kind={kind} id={id} />
      <details>
        <summary>{t('eventsTitle')}</summary>
        <SelectionEvents kind={kind} id={id} />
      </details>
    </section>
  );
}
