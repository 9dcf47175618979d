import { useState } from 'react';
import { api } from '../../api/client';
import { hasRole, useSession } from '../../api/session';
import type { Draft } from '../../api/types';
import { useApi } from '../../api/use-api';
import { Loading } from '../../components/ErrorNote';
import { DraftForm } from '../../components/organizer/DraftForm';
import { ParsedOutline } from '../../components/organizer/ParsedOutline';
import { StaffOnly } from '../../components/organizer/StaffOnly';
import { StatusBadge } from '../../components/StatusBadge';
import { useI18n } from '../../i18n/i18n';
import { bodyFromForm, DraftFormState, formFromDraft } from '../../lib/draft-form';
import { navigate } from '../../router';

/** What the server stored: the units it parsed, the authority over the live preview. */
function Stored({ draft }: { draft: Draft }) {
  const { t } = useI18n();
  return <ParsedOutline units={draft.units} title={t('storedUnits')} testId="stored-units" />;
}

/** New draft: POST /api/drafts, then on to its edit page. */
export function NewDraftPage() {
  const { t } = useI18n();
  const save = async (f: DraftFormState) => {
    try {
      const d = await api<Draft>('/drafts', { method: 'POST', body: bodyFromForm(f) });
      navigate(`/organizer/drafts/${d.id}/edit?saved=1`);
      return null;
    } catch (err) {
      return err as Error;
    }
  };
  return (
    <StaffOnly roles={['organizer', 'admin']}>
      <section>
        <h1>{t('newDraft')}</h1>
        <DraftForm initial={formFromDraft(null)} onSave={save} submitLabel={t('saveDraft')} />
      </section>
    </StaffOnly>
  );
}

/** Edit a draft in `draft` status (PATCH), or start a revised version after the window (?revise=1). */
export function EditDraftPage({ params, query }: { params: Record<string, string>; query: URLSearchParams }) {
  const { t } = useI18n();
  const { me } = useSession();
  const revise = query.get('revise') === '1';
  const { data, error, loading, reload } = useApi<Draft>(`/drafts/${params.id}`);
  const [saved, setSaved] = useState(query.get('saved') === '1');
  if (!data) return <Loading error={error} loading={loading} />;
  const editable = revise ? ['closed', 'reported'].includes(data.status) : data.status === 'draft';
  const save = async (f: DraftFormState) => {
    try {
      if (revise) {
        await api<Draft>(`/drafts/${data.id}/versions`, { method: 'POST', body: bodyFromForm(f) });
        navigate(`/organizer/drafts/${data.id}/edit?saved=1`);
        setSaved(true);
        reload();
      } else {
        await api<Draft>(`/drafts/${data.id}`, { method: 'PATCH', body: bodyFromForm(f) });
        setSaved(true);
        reload();
      }
      return null;
    } catch (err) {
      setSaved(false);
      return err as Error;
    }
  };
  return (
    <StaffOnly roles={['organizer', 'admin']}>
      <section>
        <h1>{revise ? t('reviseDraft') : t('editDraft')}</h1>
        <p className="meta">
          <StatusBadge status={data.status} /> {t('version')} {data.version} · <a href={`#/organizer/drafts/${data.id}`}>{t('manageDraft')}</a>
        </p>
        {saved && (
          <p className="good" role="status" data-testid="draft-saved">
            {t('draftSaved')}
          </p>
        )}
        {!editable && <p className="bad">{t('notEditable')}</p>}
        {editable && hasRole(me, 'organizer', 'admin') && (
          <DraftForm
            key={`${data.id}:${data.version}`}
            initial={formFromDraft(data)}
            onSave={save}
            submitLabel={revise ? t('startVersion') : t('saveDraft')}
            after={<Stored draft={data} />}
          />
        )}
      </section>
    </StaffOnly>
  );
}
