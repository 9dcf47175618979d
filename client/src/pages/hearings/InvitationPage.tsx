import { api } from '../../api/client';
import type { InvitationView } from '../../api/hearing-types';
import { useApi } from '../../api/use-api';
import { ErrorNote, Loading } from '../../components/ErrorNote';
import { categoryLabel } from '../../components/hearings/Announcement';
import { useAction } from '../../components/hearings/use-action';
import { fill } from '../../i18n/fill';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatTime } from '../../lib/format';
import '../../hearings.css';

/** The page an invitation email links to: accept or decline (R13); the token is the credential. */
export function InvitationPage({ params }: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const token = encodeURIComponent(params.token);
  const { data: inv, error, loading, reload } = useApi<InvitationView>(`/invitations/${token}`);
  const action = useAction();
  const answer = (what: 'accept' | 'decline') => async () => {
    if (await action.run(() => api(`/invitations/${token}/${what}`, { method: 'POST' }))) reload();
  };
  if (!inv) return <Loading error={error} loading={loading} />;
  return (
    <article className="card narrow" data-testid="invitation">
      <h1>{t('invitationTitle')}</h1>
      <p>
        {fill(t('invitationText'), { name: inv.displayName })} <strong>{categoryLabel(t, inv.category)}</strong>
      </p>
      <dl>
        <div className="row">
          <dt>{t('hgTitle')}</dt>
          <dd>
            <a href={`#/${inv.ownerKind}s/${inv.ownerId}`}>{inv.title}</a>
          </dd>
        </div>
        <div className="row">
          <dt>{t('hearingStartsAt')}</dt>
          <dd>{formatTime(inv.startsAt, lang)}</dd>
        </div>
        <div className="row">
          <dt>{t('hearingVenue')}</dt>
          <dd>{inv.venue ?? '—'}</dd>
        </div>
        <div className="row">
          <dt>{t('status')}</dt>
          <dd data-testid="invitation-status">{t(`invStatus_${inv.status}` as MessageKey)}</dd>
        </div>
      </dl>
      <ErrorNote message={action.error} />
      <div className="actions">
        {inv.status === 'pending' && (
          <button type="button" onClick={answer('accept')} disabled={action.busy}>
            {t('invitationAccept')}
          </button>
        )}
        {inv.status !== 'declined' && (
          <button type="button" className="secondary" onClick={answer('decline')} disabled={action.busy}>
            {t('invitationDecline')}
          </button>
        )}
      </div>
    </article>
  );
}
