import type { Draft, DraftListItem, Page } from '../api/types';
import { useApi } from '../api/use-api';
import { Loading } from '../components/ErrorNote';
import { HistoryList } from '../components/HistoryList';
import { ActionForm } from '../components/organizer/ActionForm';
import { levelName, ReviewProgress } from '../components/organizer/DraftActions';
import { ParsedOutline } from '../components/organizer/ParsedOutline';
import { StaffOnly } from '../components/organizer/StaffOnly';
import { ContactCard, DraftPanels } from '../components/reader/DraftInfo';
import { StatusBadge } from '../components/StatusBadge';
import { fill } from '../i18n/fill';
import { useI18n } from '../i18n/i18n';
import { formatTime } from '../lib/format';
import { navigate } from '../router';

/** Drafts of my unit waiting for a review level I may approve (GET /api/drafts/review-queue). */
export function ReviewQueuePage() {
  const { t, lang } = useI18n();
  const { data, error, loading } = useApi<Page<DraftListItem>>('/drafts/review-queue');
  return (
    <StaffOnly roles={['reviewer', 'admin']}>
      <section>
        <h1>{t('reviewQueue')}</h1>
        <Loading error={error} loading={loading && !data} />
        {data && data.items.length === 0 && <p data-testid="queue-empty">{t('queueEmpty')}</p>}
        <ul className="draft-list" data-testid="review-queue">
          {data?.items.map((d) => (
            <li key={d.id} className="card">
              <h2>
                <a href={`#/review/${d.id}`} data-testid={`review-${d.id}`}>
                  {d.title || t('untitled')}
                </a>
              </h2>
              <p className="meta">
                {d.unitName} · {t('reviewLevel')} {levelName(d.level ?? 'content', t)} · {t('updatedAt')} {formatTime(d.updatedAt ?? null, lang)}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </StaffOnly>
  );
}

/** One draft under review: its text as it would be published, then approve or return with a reason (R4). */
export function ReviewDraftPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { data: draft, error, loading, reload } = useApi<Draft>(`/drafts/${params.id}`);
  if (!draft) return <Loading error={error} loading={loading} />;
  const inReview = draft.status === 'in_review';
  return (
    <StaffOnly roles={['reviewer', 'admin']}>
      <section data-testid="review-draft">
        <h1>{draft.title || t('untitled')}</h1>
        <p className="meta">
          <StatusBadge status={draft.status} /> {t('disclosure')}: {draft.disclosure ? t(draft.disclosure === 'public' ? 'disclosure_public' : 'disclosure_conditional') : '—'}
        </p>
        <ReviewProgress draft={draft} />
        <ContactCard draft={draft} />
        <DraftPanels draft={draft} />
        <ParsedOutline units={draft.units} title={t('draftText')} testId="review-units" />
        {draft.alternatives.map((a) => (
          <ParsedOutline key={a.planIndex} units={a.units} title={fill(t('planLabel'), { n: a.planIndex + 1, title: a.title })} testId={`review-plan-${a.planIndex}`} />
        ))}
        {inReview && (
          <div className="review-actions">
            <ActionForm
              path={`/drafts/${draft.id}/approve`}
              label={t('approve')}
              testId="approve-draft"
              onDone={() => navigate('/review')}
              body={(f) => (String(f.get('note') ?? '').trim() ? { note: String(f.get('note')).trim() } : {})}
            >
              <h2>{t('approve')}</h2>
              <label>
                {t('note')}
                <input name="note" maxLength={2000} />
              </label>
            </ActionForm>
            <ActionForm
              path={`/drafts/${draft.id}/return`}
              label={t('returnDraft')}
              testId="return-draft"
              onDone={reload}
              body={(f) => (String(f.get('reason') ?? '').trim() ? { reason: String(f.get('reason')).trim() } : t('reasonRequired'))}
            >
              <h2>{t('returnDraft')}</h2>
              <label>
                {t('returnReason')}
                <textarea name="reason" maxLength={2000} data-testid="return-reason" />
              </label>
            </ActionForm>
          </div>
        )}
        <HistoryList draftId={draft.id} />
      </section>
    </StaffOnly>
  );
}
