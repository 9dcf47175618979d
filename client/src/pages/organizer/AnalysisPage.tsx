import { useState } from 'react';
import { Analysis, Draft, STANCES } from '../../api/types';
import { useApi } from '../../api/use-api';
import { ClusterList, Keywords } from '../../components/analysis/ClusterList';
import { OfflineCommentForm } from '../../components/analysis/OfflineCommentForm';
import { StanceBar } from '../../components/analysis/StanceBar';
import { CommentFilter, StaffComments } from '../../components/analysis/StaffComments';
import { ThresholdForm } from '../../components/analysis/ThresholdForm';
import { UnitTable } from '../../components/analysis/UnitTable';
import { stanceKey } from '../../components/comments/CommentForm';
import { Loading } from '../../components/ErrorNote';
import { ActionForm } from '../../components/organizer/ActionForm';
import { StaffOnly } from '../../components/organizer/StaffOnly';
import { StatusBadge } from '../../components/StatusBadge';
import { fill } from '../../i18n/fill';
import { useI18n } from '../../i18n/i18n';

/** The organizer's dashboard: analyse every comment, answer each one, then publish the report (R6-R9). */
export function AnalysisPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const id = params.id;
  const [version, setVersion] = useState(0);
  const [filter, setFilter] = useState<CommentFilter>({ anchor: '', stance: '', undecided: false });
  const draft = useApi<Draft>(`/drafts/${id}`, version);
  const analysis = useApi<Analysis>(`/drafts/${id}/analysis`, version);
  const changed = () => setVersion((v) => v + 1);
  const a = analysis.data;
  const d = draft.data;
  return (
    <StaffOnly roles={['organizer', 'reviewer', 'clerk', 'admin']}>
      <section data-testid="analysis">
        <h1>
          {fill(t('titled'), { label: t('analysis'), title: d?.title ?? '' })}
        </h1>
        {d && (
          <p className="meta">
            <StatusBadge status={d.status} /> <a href={`#/organizer/drafts/${id}`}>{t('manageDraft')}</a> <a href={`#/drafts/${id}`}>{t('publicPage')}</a>
          </p>
        )}
        <Loading error={analysis.error} loading={!a} />
        {a && (
          <>
            <div className="card" data-testid="analysis-summary">
              <p>
                {fill(t('analysisTotal'), { n: a.total })}
                {a.analysedThrough !== undefined && a.treeSize !== undefined && a.analysedThrough < a.treeSize && (
                  <span className="muted"> {fill(t('analysisBehind'), { n: a.analysedThrough, total: a.treeSize })}</span>
                )}
              </p>
              <p className="meta">
                {STANCES.map((s) => (
                  <span key={s}>
                    {t(stanceKey(s))} {a.byStance[s] ?? 0}
                  </span>
                ))}
              </p>
              <StanceBar counts={a.byStance} />
              <ThresholdForm key={`${a.concentrationThreshold}-${a.thresholdSet}`} draftId={id} analysis={a} onDone={changed} />
            </div>
            <UnitTable analysis={a} draftId={id} onPick={(anchor) => setFilter({ ...filter, anchor })} />
            <ClusterList draftId={id} analysis={a} onDone={changed} />
            <Keywords keywords={a.keywords} />
          </>
        )}
        {d && ['open', 'closed'].includes(d.status) && <OfflineCommentForm draft={d} onDone={changed} />}
        <StaffComments draftId={id} filter={filter} onFilter={setFilter} reloadKey={version} onChanged={changed} />
        {d && ['closed', 'reported'].includes(d.status) && (
          <ActionForm path={`/drafts/${id}/adoption-report`} label={t('publishReport')} testId="publish-report" onDone={changed}>
            <h2>{t('publishReport')}</h2>
            <p className="muted">{t('publishReportHint')}</p>
            {d.status === 'reported' && (
              <p className="good">
                {t('reportPublished')} <a href={`#/drafts/${id}/report`}>{t('adoptionReport')}</a>{' '}
                <a href={`#/organizer/drafts/${id}/notices`} data-testid="notice-progress-link">
                  {t('noticeProgressLink')}
                </a>
              </p>
            )}
          </ActionForm>
        )}
      </section>
    </StaffOnly>
  );
}
