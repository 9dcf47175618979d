import { useState } from 'react';
import { api } from '../../api/client';
import type { ConfirmationStatus, Correction, Transcript } from '../../api/live-types';
import type { Page } from '../../api/types';
import { useApi } from '../../api/use-api';
import { ErrorNote, Loading } from '../../components/ErrorNote';
import { categoryLabel } from '../../components/hearings/Announcement';
import { useAction } from '../../components/hearings/use-action';
import { CorrectionRow } from '../../components/live/CorrectionRow';
import { StaffOnly } from '../../components/organizer/StaffOnly';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatTime } from '../../lib/format';
import '../../hearings.css';

function Confirmations({ id, version }: { id: string; version: number }) {
  const { t, lang } = useI18n();
  const { data, error, loading } = useApi<Page<ConfirmationStatus>>(`/hearings/${id}/confirmations?pageSize=100`, version);
  if (!data) return <Loading error={error} loading={loading} />;
  return (
    <ul className="plain" data-testid="confirmations">
      {data.items.map((c) => (
        <li key={c.seatId} className="meta">
          <span>{c.displayName}</span>
          <span>{categoryLabel(t, c.category)}</span>
          <span className="badge">{t(`confirmStatus_${c.status}` as MessageKey)}</span>
          {c.confirmedAt && <span className="muted small">{formatTime(c.confirmedAt, lang)}</span>}
        </li>
      ))}
    </ul>
  );
}

/** After the hearing: representatives' correction requests, who has confirmed, and the seal (R14). */
export function CorrectionsPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const id = params.id;
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  const pending = useApi<Page<Correction>>(`/hearings/${id}/corrections?status=pending&pageSize=100`, version);
  const transcript = useApi<Transcript>(`/hearings/${id}/transcript?pageSize=100`, version);
  const seal = useAction();
  const current = new Map(transcript.data?.items.map((s) => [s.seq, s.text]));
  const live = transcript.data?.live;
  const doSeal = async () => {
    if (await seal.run(() => api(`/hearings/${id}/seal`, { method: 'POST' }))) bump();
  };
  return (
    <StaffOnly roles={['clerk', 'organizer', 'admin']}>
      <article data-testid="corrections-page">
        <h1>{t('corrTitle')}</h1>
        <p className="meta">
          <a href={`#/clerk/hearings/${id}`}>{t('clerkConsoleLink')}</a>
          <a href={`#/hearings/${id}/report`}>{t('hearingReportLink')}</a>
        </p>
        <section className="card" aria-labelledby="conf-h">
          <h2 id="conf-h">{t('corrConfirmations')}</h2>
          <Confirmations id={id} version={version} />
        </section>
        <section aria-labelledby="pending-h">
          <h2 id="pending-h">{t('corrPending')}</h2>
          {!pending.data ? (
            <Loading error={pending.error} loading={pending.loading} />
          ) : !pending.data.items.length ? (
            <p className="muted">{t('corrNone')}</p>
          ) : (
            <ul className="plain">
              {pending.data.items.map((c) => (
                <CorrectionRow key={c.id} hearingId={id} c={c} current={current.get(c.seq)} onDone={bump} />
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="seal-h">
          <h2 id="seal-h">{t('sealTitle')}</h2>
          {live?.sealedAt ? (
            <>
              <p className="good" data-testid="sealed">
                {t('sealDone')} <span className="hash">{live.sealHash}</span>
              </p>
              <p className="links">
                <a href={`/api/hearings/${id}/transcript?format=html`} target="_blank" rel="noopener">
                  {t('transcriptHtml')}
                </a>
                <a href={`/api/hearings/${id}/transcript?format=text`} target="_blank" rel="noopener">
                  {t('transcriptText')}
                </a>
              </p>
            </>
          ) : (
            <>
              <p className="muted small">{t('sealHint')}</p>
              <ErrorNote message={seal.error} testId="seal-error" />
              <button type="button" onClick={doSeal} disabled={seal.busy || live?.state !== 'ended'} data-testid="seal">
                {t('sealButton')}
              </button>
            </>
          )}
        </section>
      </article>
    </StaffOnly>
  );
}
