import { useState } from 'react';
import type { AdoptionReport, LogHead } from '../api/types';
import { useApi } from '../api/use-api';
import { basisKey, outcomeKey } from '../components/analysis/DispositionForm';
import { stanceKey } from '../components/comments/CommentForm';
import { Loading } from '../components/ErrorNote';
import { Pager } from '../components/Pager';
import { ReportClusters, ReportTotals, ReportUnits } from '../components/report/ReportTables';
import { fill } from '../i18n/fill';
import { useI18n } from '../i18n/i18n';
import { formatTime } from '../lib/format';

const PAGE = 50;

/** Every comment with its disposition, opposing ones included (R7), a page at a time. */
function ReportComments({ report }: { report: AdoptionReport }) {
  const { t, lang } = useI18n();
  const [page, setPage] = useState(1);
  const items = report.comments.slice((page - 1) * PAGE, page * PAGE);
  return (
    <section className="card" data-testid="report-comments">
      <h2>{t('reportComments')}</h2>
      <ol className="plain">
        {items.map((c) => (
          <li key={c.id} className={`comment stance-${c.stance}`} data-testid="report-comment">
            <p className="meta">
              <span>#{c.seq}</span>
              <span>{c.unitLabel || c.anchor}</span>
              <span className={`badge stance-${c.stance}`}>{t(stanceKey(c.stance))}</span>
              <span>{c.author.name}</span>
              <span className="muted">{formatTime(c.receivedAt, lang)}</span>
            </p>
            {c.quote && <blockquote className="quote">{c.quote.text}</blockquote>}
            {c.hidden ? (
              <p className="muted hidden-comment">
                {t('commentHidden')}
                {c.hiddenReason ? ` ${t('hiddenReason')}${c.hiddenReason}` : ''}
              </p>
            ) : (
              <p className="prose">{c.text}</p>
            )}
            <p>
              <strong>{t(outcomeKey(c.disposition.outcome))}</strong>
              {c.disposition.basis && ` · ${t(basisKey(c.disposition.basis))}`}
              {c.disposition.reason && ` · ${c.disposition.reason}`}
            </p>
          </li>
        ))}
      </ol>
      <Pager page={page} pageSize={PAGE} total={report.comments.length} onPage={setPage} />
    </section>
  );
}

/** The published participation report (R9, R10): counts, every comment and its answer, the log root. */
export function DraftReportPage({ params }: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const id = params.id;
  const { data: report, error, loading } = useApi<AdoptionReport>(`/drafts/${id}/adoption-report`);
  const { data: head } = useApi<LogHead>(`/drafts/${id}/log`);
  if (!report) return <Loading error={error} loading={loading} />;
  const base = `/api/drafts/${id}/adoption-report`;
  return (
    <article data-testid="report">
      <h1>
        {fill(t('titled'), { label: t('adoptionReport'), title: report.draft.title ?? '' })}
      </h1>
      <p className="meta">
        {t('publishedAt')} {formatTime(report.publishedAt, lang)} · {fill(t('reportVersionN'), { n: report.reportVersion })} · <a href={`#/drafts/${id}`}>{t('draftText')}</a>
      </p>
      <nav className="links" aria-label={t('downloads')}>
        <a href={`${base}?format=html`} target="_blank" rel="noopener">
          {t('printable')}
        </a>
        <a href={`${base}?format=csv`} download>
          CSV
        </a>
        <a href={`${base}?format=xlsx`} download>
          Excel (XLSX)
        </a>
        <a href={base} target="_blank" rel="noopener">
          JSON
        </a>
      </nav>
      <section className="card" data-testid="report-log">
        <h2>{t('reportLog')}</h2>
        <dl>
          <div className="row">
            <dt>{t('treeSize')}</dt>
            <dd className="hash" data-testid="report-tree-size">
              {report.log.treeSize}
            </dd>
          </div>
          <div className="row">
            <dt>{t('rootHash')}</dt>
            <dd className="hash" data-testid="report-root-hash">
              {report.log.rootHash}
            </dd>
          </div>
        </dl>
        {head && head.treeSize !== report.log.treeSize && <p className="muted small">{fill(t('logGrewSince'), { n: head.treeSize })}</p>}
        <p className="muted small">
          {t('reportLogHint')} <a href="#/verify-help">{t('howToVerify')}</a>
        </p>
      </section>
      <ReportTotals report={report} />
      <ReportUnits report={report} />
      <ReportClusters report={report} />
      <ReportComments report={report} />
    </article>
  );
}
