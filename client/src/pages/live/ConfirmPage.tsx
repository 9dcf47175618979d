import { useState } from 'react';
import { api } from '../../api/client';
import type { Transcript } from '../../api/live-types';
import { useSession } from '../../api/session';
import { useApi } from '../../api/use-api';
import { ErrorNote, Loading } from '../../components/ErrorNote';
import { useAction } from '../../components/hearings/use-action';
import { roleLabel } from '../../components/live/labels';
import { fill } from '../../i18n/fill';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatTime } from '../../lib/format';
import '../../hearings.css';

/**
 * R14: a representative reads the segments attributed to them and confirms the transcript, or asks
 * for corrections of particular segments, which the clerk accepts or rejects with a reason.
 */
export function ConfirmPage({ params }: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const id = params.id;
  const { data, error, loading, reload } = useApi<Transcript>(me ? `/hearings/${id}/transcript?mine=true&pageSize=100` : null);
  const [edits, setEdits] = useState<Record<number, string>>({});
  const action = useAction();
  if (!me) {
    return (
      <p className="card">
        {t('confirmSignIn')} <a href="#/login">{t('navLogin')}</a>
      </p>
    );
  }
  if (!data) return <Loading error={error} loading={loading} />;
  const mine = data.mine;
  const open = data.live.state === 'ended' && !data.live.sealedAt;
  const pendingSeqs = new Set(mine?.corrections.filter((c) => c.status === 'pending').map((c) => c.seq));
  const confirmed = mine?.confirmation?.status === 'confirmed';
  const send = (body: unknown) => action.run(() => api(`/hearings/${id}/confirmations`, { method: 'POST', body })).then((ok) => ok && (setEdits({}), reload()));
  const corrections = Object.entries(edits).map(([seq, text]) => ({ seq: Number(seq), text }));
  return (
    <article data-testid="confirm-page">
      <h1>{t('confirmTitle')}</h1>
      <p className="meta">
        <a href={`#/hearings/${id}`}>{t('hearingPublicPage')}</a>
        <span className="badge" data-testid="confirm-status">
          {t(`confirmStatus_${mine?.confirmation?.status ?? 'none'}` as MessageKey)}
        </span>
        {data.live.confirmationDeadline && (
          <span>
            {t('confirmDeadline')} {formatTime(data.live.confirmationDeadline, lang)}
          </span>
        )}
      </p>
      {!open && <p className="card muted">{data.live.sealedAt ? t('confirmSealed') : t('confirmAfterEnd')}</p>}
      <ol className="plain my-segments">
        {data.items.map((s) => (
          <li key={s.seq} className="card" data-testid="my-segment" data-seq={s.seq}>
            <p className="meta small">
              #{s.seq} · {s.speaker} · {roleLabel(t, s.role)} · {formatTime(s.at, lang)} {s.revision > 1 && fill(t('liveRevisedN'), { n: s.revision })}
            </p>
            <p className="prose">{s.text}</p>
            {pendingSeqs.has(s.seq) && <p className="muted small">{t('confirmCorrectionPending')}</p>}
            {open && !confirmed && !pendingSeqs.has(s.seq) && (
              <details onToggle={(e) => !(e.target as HTMLDetailsElement).open && setEdits(({ [s.seq]: _, ...rest }) => rest)}>
                <summary>{t('confirmRequestCorrection')}</summary>
                <label>
                  <span className="sr-only">{t('confirmCorrectedText')}</span>
                  <textarea
                    value={edits[s.seq] ?? s.text}
                    maxLength={10000}
                    onChange={(e) => setEdits({ ...edits, [s.seq]: e.target.value })}
                    data-testid="correction-text"
                  />
                </label>
              </details>
            )}
          </li>
        ))}
      </ol>
      {!data.items.length && <p className="muted">{t('confirmNoSegments')}</p>}
      {mine && mine.corrections.length > 0 && (
        <section className="card" aria-labelledby="my-corr-h">
          <h2 id="my-corr-h">{t('confirmMyCorrections')}</h2>
          <ul className="plain">
            {mine.corrections.map((c) => (
              <li key={c.id} data-testid="my-correction" data-status={c.status}>
                #{c.seq} · {t(`corrStatus_${c.status}` as MessageKey)} — <span className="prose">{c.text}</span>
                {c.reason && (
                  <span className="small">
                    {' '}
                    · {t('hgReason')}: {c.reason}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <ErrorNote message={action.error} testId="confirm-error" />
      {open && !confirmed && (
        <div className="actions sticky-actions">
          <button type="button" disabled={action.busy || !corrections.length} onClick={() => send({ corrections })} data-testid="send-corrections">
            {t('confirmSendCorrections')} ({corrections.length})
          </button>
          <button type="button" className="secondary" disabled={action.busy || pendingSeqs.size > 0 || corrections.length > 0} onClick={() => send({ confirm: true })} data-testid="confirm-transcript">
            {t('confirmTranscript')}
          </button>
        </div>
      )}
    </article>
  );
}
