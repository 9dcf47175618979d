import { useState } from 'react';
import { api } from '../../api/client';
import type { Hearing } from '../../api/hearing-types';
import { useApi } from '../../api/use-api';
import { ErrorNote, Loading } from '../../components/ErrorNote';
import { ApplicationsReview } from '../../components/hearings/ApplicationsReview';
import { CommitmentPanel } from '../../components/hearings/CommitmentPanel';
import { DrawPanel } from '../../components/hearings/DrawPanel';
import { HearingForm } from '../../components/hearings/HearingForm';
import { InvitationsPanel } from '../../components/hearings/InvitationsPanel';
import { RosterPanel } from '../../components/hearings/RosterPanel';
import { useAction } from '../../components/hearings/use-action';
import { StaffOnly } from '../../components/organizer/StaffOnly';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { navigate } from '../../router';
import '../../hearings.css';

/** Prepare a hearing on a draft (`?draftId=`); it may be saved incomplete and announced later. */
export function NewHearingPage({ query }: { query: URLSearchParams }) {
  const { t } = useI18n();
  const draftId = query.get('draftId') ?? '';
  const action = useAction();
  const create = (body: Record<string, unknown>) =>
    action.run(async () => {
      const h = await api<Hearing>('/hearings', { method: 'POST', body: { draftId, ...body } });
      navigate(`/organizer/hearings/${h.id}`);
    });
  return (
    <StaffOnly roles={['organizer', 'admin']}>
      <h1>{t('hearingNew')}</h1>
      {!draftId && <p className="bad">{t('hearingNeedsDraft')}</p>}
      <HearingForm onSubmit={create} busy={action.busy} error={action.error} submitLabel={t('save')} />
    </StaffOnly>
  );
}

/** Edit while unannounced, then announce; the server's R11/R12 refusal is shown as it says it. */
function PrepareSection({ hearing, onDone }: { hearing: Hearing; onDone: () => void }) {
  const { t } = useI18n();
  const save = useAction();
  const announce = useAction();
  const update = async (body: Record<string, unknown>) => {
    if (await save.run(() => api(`/hearings/${hearing.id}`, { method: 'PATCH', body }))) onDone();
  };
  const doAnnounce = async () => {
    if (await announce.run(() => api(`/hearings/${hearing.id}/announce`, { method: 'POST' }))) onDone();
  };
  return (
    <>
      <HearingForm hearing={hearing} onSubmit={update} busy={save.busy} error={save.error} submitLabel={t('save')} />
      <section className="card" aria-labelledby="announce-h">
        <h2 id="announce-h">{t('announceTitle')}</h2>
        <p className="muted small">{t('announceHint')}</p>
        <ErrorNote message={announce.error} testId="announce-error" />
        <button type="button" onClick={doAnnounce} disabled={announce.busy} data-testid="announce">
          {t('announce')}
        </button>
      </section>
    </>
  );
}

/** The organizer's console: prepare and announce, review, invite, commit, freeze, draw, seats. */
export function HearingConsolePage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const id = params.id;
  const [version, setVersion] = useState(0);
  const { data: h, error, loading } = useApi<Hearing>(`/hearings/${id}`, version);
  const bump = () => setVersion((v) => v + 1);
  return (
    <StaffOnly roles={['organizer', 'admin']}>
      {!h ? (
        <Loading error={error} loading={loading} />
      ) : (
        <article className="hearing-console" data-testid="hearing-console">
          <h1>{h.title}</h1>
          <p className="meta">
            <span className={`badge phase-${h.phase}`} data-testid="console-phase">
              {t(`phase_${h.phase}` as MessageKey)}
            </span>
            <a href={`#/hearings/${id}`}>{t('hearingPublicPage')}</a>
            <a href={`#/clerk/hearings/${id}`}>{t('clerkConsoleLink')}</a>
            <a href={`#/organizer/drafts/${h.draftId}`}>{t('hearingDraftLink')}</a>
          </p>
          {h.status === 'draft' ? (
            <PrepareSection hearing={h} onDone={bump} />
          ) : (
            <>
              <ApplicationsReview kind="hearing" id={id} onChange={bump} />
              <InvitationsPanel hearingId={id} />
              <CommitmentPanel kind="hearing" id={id} draw={h.draw} signupClosesAt={h.signupClosesAt} onDone={bump} />
              {h.draw.commitment && <DrawPanel kind="hearing" id={id} draw={h.draw} signupClosed={h.phase !== 'announced' && h.phase !== 'signup-open'} onDone={bump} />}
              <RosterPanel kind="hearing" id={id} version={version} onChange={bump} />
            </>
          )}
        </article>
      )}
    </StaffOnly>
  );
}
