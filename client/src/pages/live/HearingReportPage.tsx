import type { HearingReport } from '../../api/live-types';
import { hasRole, useSession } from '../../api/session';
import { useApi } from '../../api/use-api';
import { Loading } from '../../components/ErrorNote';
import { ReportEditor } from '../../components/live/ReportEditor';
import { roleLabel } from '../../components/live/labels';
import { useI18n } from '../../i18n/i18n';
import { formatTime } from '../../lib/format';
import '../../hearings.css';

function ReportView({ r }: { r: HearingReport }) {
  const { t, lang } = useI18n();
  return (
    <>
      <section className="card" aria-labelledby="concl-h">
        <h2 id="concl-h">{t('reportConclusions')}</h2>
        <p className="prose" data-testid="report-conclusions-text">
          {r.conclusions}
        </p>
        <p className="muted small">
          {t('reportPublishedAt')} {formatTime(r.publishedAt, lang)} · {t('reportAdopted')} {r.adopted} · {t('reportNotAdopted')} {r.notAdopted}
        </p>
      </section>
      <section aria-labelledby="ops-h">
        <h2 id="ops-h">{t('reportOpinions')}</h2>
        <ul className="plain">
          {r.opinions.map((o, i) => (
            <li key={i} className={`card opinion ${o.adopted ? 'adopted' : 'not-adopted'}`} data-testid="report-opinion">
              <p className="meta">
                <strong>{o.representative}</strong>
                {o.category && <span>{roleLabel(t, o.category)}</span>}
                <span className={`badge ${o.adopted ? 'good' : 'bad'}`}>{o.adopted ? t('reportAdopted') : t('reportNotAdopted')}</span>
              </p>
              <p className="prose">{o.summary}</p>
              {o.reason && (
                <p className="small">
                  {o.adopted ? t('reportNote') : t('reportWhyNot')}: <span className="prose">{o.reason}</span>
                </p>
              )}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

/** The hearing report (R15), with the sealed transcript it rests on. */
export function HearingReportPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { me } = useSession();
  const id = params.id;
  const hearing = useApi<{ title: string; draftId: string }>(`/hearings/${id}`);
  const report = useApi<HearingReport>(`/hearings/${id}/report`);
  const live = useApi<{ sealedAt: string | null; sealHash: string | null }>(`/hearings/${id}/live`);
  const sealed = !!live.data?.sealedAt;
  return (
    <article data-testid="hearing-report-page">
      <p className="muted small">{t('reportKicker')}</p>
      <h1>{hearing.data?.title ?? '…'}</h1>
      <p className="meta">
        <a href={`#/hearings/${id}`}>{t('hearingPublicPage')}</a>
        {hearing.data && <a href={`#/drafts/${hearing.data.draftId}/report`}>{t('reportAdoptionLink')}</a>}
      </p>
      {sealed && (
        <section className="card" aria-labelledby="seal-h">
          <h2 id="seal-h">{t('reportTranscript')}</h2>
          <p className="small">
            {t('sealDone')} <span className="hash">{live.data?.sealHash}</span>
          </p>
          <p className="links">
            <a href={`/api/hearings/${id}/transcript?format=html`} target="_blank" rel="noopener" data-testid="transcript-export">
              {t('transcriptHtml')}
            </a>
            <a href={`/api/hearings/${id}/transcript?format=text`} target="_blank" rel="noopener">
              {t('transcriptText')}
            </a>
            <a href={`/api/hearings/${id}/transcript/seal`} target="_blank" rel="noopener">
              {t('transcriptSealRecord')}
            </a>
          </p>
        </section>
      )}
      {report.data ? (
        <ReportView r={report.data} />
      ) : report.loading ? (
        <Loading error={null} />
      ) : sealed && hasRole(me, 'organizer', 'admin') ? (
        <ReportEditor hearingId={id} onDone={report.reload} />
      ) : (
        <p className="card muted">{t('reportNotYet')}</p>
      )}
    </article>
  );
}
