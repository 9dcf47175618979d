import { APPLYING_CATEGORIES, Hearing } from '../../api/hearing-types';
import { hasRole, useSession } from '../../api/session';
import { useApi } from '../../api/use-api';
import { Loading } from '../../components/ErrorNote';
import { Announcement } from '../../components/hearings/Announcement';
import { Countdown } from '../../components/hearings/Countdown';
import { DrawState } from '../../components/hearings/DrawState';
import { SelectionLog } from '../../components/hearings/SelectionLog';
import { SignupCard } from '../../components/hearings/SignupCard';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { useServerNow } from '../../lib/countdown';
import '../../hearings.css';

function Countdowns({ hearing }: { hearing: Hearing }) {
  const { t } = useI18n();
  const now = useServerNow(hearing.serverTime);
  const beforeSignup = hearing.signupOpensAt && new Date(hearing.signupOpensAt).getTime() > now;
  return (
    <div className="countdowns">
      <Countdown label={t('countdownStart')} at={hearing.startsAt} now={now} pastText={t('countdownStarted')} testId="countdown-start" />
      {beforeSignup ? (
        <Countdown label={t('countdownSignupOpens')} at={hearing.signupOpensAt} now={now} pastText="" testId="countdown-signup-opens" />
      ) : (
        <Countdown label={t('countdownSignupCloses')} at={hearing.signupClosesAt} now={now} pastText={t('countdownSignupClosed')} testId="countdown-signup" />
      )}
    </div>
  );
}

/** The public announcement of a hearing: R11 elements, countdowns, sign-up, the draw and the seats. */
export function HearingPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { me } = useSession();
  const id = params.id;
  const { data: h, error, loading } = useApi<Hearing>(`/hearings/${id}`);
  if (!h) return <Loading error={error} loading={loading} />;
  const started = h.phase === 'started';
  return (
    <article className="hearing" data-testid="hearing-page">
      <header>
        <p className="muted small">{t('hearingKicker')}</p>
        <h1 data-testid="hearing-title">{h.title}</h1>
        <p className="meta">
          <span className={`badge phase-${h.phase}`} data-testid="hearing-phase">
            {t(`phase_${h.phase}` as MessageKey)}
          </span>
          <a href={`#/drafts/${h.draftId}`}>{t('hearingDraftLink')}</a>
          <a href={`#/hearings/${id}/live`} data-testid="live-link">
            {t('liveLink')}
          </a>
          {started && <a href={`#/hearings/${id}/report`}>{t('hearingReportLink')}</a>}
          {started && me && <a href={`#/hearings/${id}/confirm`}>{t('confirmLink')}</a>}
          {hasRole(me, 'organizer', 'admin') && <a href={`#/organizer/hearings/${id}`}>{t('hearingConsoleLink')}</a>}
          {hasRole(me, 'clerk', 'organizer', 'admin') && <a href={`#/clerk/hearings/${id}`}>{t('clerkConsoleLink')}</a>}
        </p>
      </header>
      {h.status === 'draft' && <p className="card bad">{t('hearingNotAnnounced')}</p>}
      <Countdowns hearing={h} />
      <Announcement hearing={h} />
      <SignupCard kind="hearing" id={id} open={h.phase === 'signup-open'} categories={APPLYING_CATEGORIES} />
      <DrawState kind="hearing" id={id} draw={h.draw} />
      <SelectionLog kind="hearing" id={id} />
    </article>
  );
}
