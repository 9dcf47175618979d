import { FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { Meeting } from '../../api/hearing-types';
import { hasRole, useSession } from '../../api/session';
import { useApi } from '../../api/use-api';
import { ErrorNote, Loading } from '../../components/ErrorNote';
import { categoryLabel } from '../../components/hearings/Announcement';
import { ApplicationsReview } from '../../components/hearings/ApplicationsReview';
import { CommitmentPanel } from '../../components/hearings/CommitmentPanel';
import { Countdown } from '../../components/hearings/Countdown';
import { DrawPanel } from '../../components/hearings/DrawPanel';
import { DrawState } from '../../components/hearings/DrawState';
import { MeetingFeedback } from '../../components/hearings/MeetingFeedback';
import { RosterPanel } from '../../components/hearings/RosterPanel';
import { SelectionLog } from '../../components/hearings/SelectionLog';
import { SignupCard } from '../../components/hearings/SignupCard';
import { useAction } from '../../components/hearings/use-action';
import { StaffOnly } from '../../components/organizer/StaffOnly';
import { useI18n } from '../../i18n/i18n';
import { useServerNow } from '../../lib/countdown';
import { formatTime, fromLocalInput } from '../../lib/format';
import { navigate } from '../../router';
import '../../hearings.css';

function MeetingFacts({ m }: { m: Meeting }) {
  const { t, lang } = useI18n();
  const now = useServerNow(m.serverTime);
  return (
    <section className="card">
      <div className="countdowns">
        <Countdown label={t('countdownMeeting')} at={m.startsAt} now={now} pastText={t('countdownStarted')} testId="countdown-start" />
        <Countdown label={t('countdownSignupCloses')} at={m.signupClosesAt} now={now} pastText={t('countdownSignupClosed')} testId="countdown-signup" />
      </div>
      <dl>
        <div className="row">
          <dt>{t('meetingSeats')}</dt>
          <dd>{m.seats}</dd>
        </div>
        <div className="row">
          <dt>{t('hearingSignupWindow')}</dt>
          <dd>
            {formatTime(m.signupOpensAt, lang)} — {formatTime(m.signupClosesAt, lang)}
          </dd>
        </div>
        <div className="row">
          <dt>{t('applicationsCount')}</dt>
          <dd>{Object.entries(m.applications).map(([c, n]) => `${categoryLabel(t, c)} ${n}`).join(' · ')}</dd>
        </div>
      </dl>
      <p className="muted small">{t('meetingEligibility')}</p>
    </section>
  );
}

/** A government meeting on a draft (R16): sign-up, the draw, the seats and the feedback (R17). */
export function MeetingPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { me } = useSession();
  const id = params.id;
  const { data: m, error, loading, reload } = useApi<Meeting>(`/meetings/${id}`);
  if (!m) return <Loading error={error} loading={loading} />;
  const now = Date.now();
  const open = new Date(m.signupOpensAt).getTime() <= now && now < new Date(m.signupClosesAt).getTime();
  return (
    <article data-testid="meeting-page">
      <p className="muted small">{t('meetingKicker')}</p>
      <h1 data-testid="meeting-title">{m.title}</h1>
      <p className="meta">
        <a href={`#/drafts/${m.draftId}`}>{t('hearingDraftLink')}</a>
        {hasRole(me, 'organizer', 'admin') && <a href={`#/organizer/meetings/${id}`}>{t('hearingConsoleLink')}</a>}
      </p>
      <MeetingFacts m={m} />
      <SignupCard kind="meeting" id={id} open={open} categories={null} />
      <DrawState kind="meeting" id={id} draw={m.draw} />
      <MeetingFeedback meeting={m} canWrite={false} onDone={reload} />
      <SelectionLog kind="meeting" id={id} />
    </article>
  );
}

/** The organizer's side of a meeting: review, commitment, draw, seats and the R17 feedback. */
export function MeetingConsolePage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const id = params.id;
  const [version, setVersion] = useState(0);
  const { data: m, error, loading } = useApi<Meeting>(`/meetings/${id}`, version);
  const bump = () => setVersion((v) => v + 1);
  return (
    <StaffOnly roles={['organizer', 'admin']}>
      {!m ? (
        <Loading error={error} loading={loading} />
      ) : (
        <article data-testid="meeting-console">
          <h1>{m.title}</h1>
          <p className="meta">
            <a href={`#/meetings/${id}`}>{t('hearingPublicPage')}</a>
          </p>
          <MeetingFeedback meeting={m} canWrite onDone={bump} />
          <ApplicationsReview kind="meeting" id={id} onChange={bump} />
          <CommitmentPanel kind="meeting" id={id} draw={m.draw} signupClosesAt={m.signupClosesAt} onDone={bump} />
          {m.draw.commitment && <DrawPanel kind="meeting" id={id} draw={m.draw} signupClosed={new Date(m.signupClosesAt).getTime() <= Date.now()} onDone={bump} />}
          <RosterPanel kind="meeting" id={id} version={version} onChange={bump} />
        </article>
      )}
    </StaffOnly>
  );
}

/** A meeting on a draft (`?draftId=`), 3-5 public seats (R16). */
export function NewMeetingPage({ query }: { query: URLSearchParams }) {
  const { t } = useI18n();
  const draftId = query.get('draftId') ?? '';
  const action = useAction();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body: Record<string, unknown> = { title: String(f.get('title') ?? ''), startsAt: fromLocalInput(String(f.get('startsAt') ?? '')), seats: Number(f.get('seats')) };
    const opens = fromLocalInput(String(f.get('signupOpensAt') ?? ''));
    const closes = fromLocalInput(String(f.get('signupClosesAt') ?? ''));
    if (opens) body.signupOpensAt = opens;
    if (closes) body.signupClosesAt = closes;
    void action.run(async () => {
      const m = await api<Meeting>(`/drafts/${draftId}/meetings`, { method: 'POST', body });
      navigate(`/organizer/meetings/${m.id}`);
    });
  };
  return (
    <StaffOnly roles={['organizer', 'admin']}>
      <h1>{t('meetingNew')}</h1>
      <form className="card" onSubmit={submit} data-testid="meeting-form">
        <label>
          {t('hgTitle')}
          <input name="title" required maxLength={200} />
        </label>
        <div className="inline-fields">
          <label>
            {t('meetingStartsAt')}
            <input type="datetime-local" name="startsAt" required />
          </label>
          <label>
            {t('meetingSeats')}
            <input type="number" name="seats" min={1} max={10} defaultValue={3} />
          </label>
          <label>
            {t('hearingSignupOpens')}
            <input type="datetime-local" name="signupOpensAt" />
          </label>
          <label>
            {t('hearingSignupCloses')}
            <input type="datetime-local" name="signupClosesAt" />
          </label>
        </div>
        <p className="muted small">{t('meetingSeatsHint')}</p>
        <ErrorNote message={action.error} testId="meeting-form-error" />
        <button type="submit" disabled={action.busy || !draftId}>
          {t('save')}
        </button>
      </form>
    </StaffOnly>
  );
}
