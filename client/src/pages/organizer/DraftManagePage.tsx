import { useState } from 'react';
import type { Draft } from '../../api/types';
import { useApi } from '../../api/use-api';
import { Loading } from '../../components/ErrorNote';
import { HistoryList } from '../../components/HistoryList';
import { DecideForm, PublishForm, ResultsForm, ReviewProgress, SubmitForm } from '../../components/organizer/DraftActions';
import { StaffOnly } from '../../components/organizer/StaffOnly';
import { ResultsCard } from '../../components/reader/DraftInfo';
import { StatusBadge } from '../../components/StatusBadge';
import { WindowNote } from '../../components/WindowNote';
import { useI18n } from '../../i18n/i18n';

const AFTER_OPENING = ['open', 'closed', 'reported', 'decided', 'results_published'];

/** One draft of my unit: status, review chain, the next step it allows, and its full history. */
export function DraftManagePage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { data: draft, error, loading, reload } = useApi<Draft>(`/drafts/${params.id}`);
  const [steps, setSteps] = useState(0);
  if (!draft) return <Loading error={error} loading={loading} />;
  const done = () => {
    reload();
    setSteps((n) => n + 1);
  };
  const s = draft.status;
  return (
    <StaffOnly roles={['organizer', 'reviewer', 'admin']}>
      <section data-testid="manage-draft">
        <h1>{draft.title || t('untitled')}</h1>
        <p className="meta">
          <StatusBadge status={s} /> {t('version')} {draft.version}
        </p>
        <nav className="links" aria-label={t('actions')}>
          {s === 'draft' && (
            <a href={`#/organizer/drafts/${draft.id}/edit`} data-testid="edit-link">
              {t('edit')}
            </a>
          )}
          {['scheduled', ...AFTER_OPENING].includes(s) && <a href={`#/drafts/${draft.id}`}>{t('publicPage')}</a>}
          {AFTER_OPENING.includes(s) && (
            <a href={`#/organizer/drafts/${draft.id}/analysis`} data-testid="analysis-link">
              {t('analysis')}
            </a>
          )}
          {['reported', 'decided', 'results_published'].includes(s) && <a href={`#/drafts/${draft.id}/report`}>{t('adoptionReport')}</a>}
          {['closed', 'reported'].includes(s) && <a href={`#/organizer/drafts/${draft.id}/edit?revise=1`}>{t('reviseDraft')}</a>}
        </nav>
        <WindowNote opensAt={draft.commentOpensAt} closesAt={draft.commentClosesAt} />
        {(s === 'in_review' || s === 'approved') && <ReviewProgress draft={draft} />}
        {s === 'draft' && <SubmitForm draft={draft} onDone={done} />}
        {s === 'approved' && <PublishForm draft={draft} onDone={done} />}
        {(s === 'closed' || s === 'reported') && <DecideForm draft={draft} onDone={done} />}
        {(s === 'decided' || s === 'results_published') && <ResultsForm draft={draft} onDone={done} />}
        <ResultsCard draft={draft} />
        <HistoryList draftId={draft.id} reloadKey={steps} />
      </section>
    </StaffOnly>
  );
}
