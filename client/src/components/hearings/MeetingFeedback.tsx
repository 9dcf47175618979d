import { FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { Meeting } from '../../api/hearing-types';
import { fill } from '../../i18n/fill';
import { useI18n } from '../../i18n/i18n';
import { formatTime, workingDays } from '../../lib/format';
import { ErrorNote } from '../ErrorNote';
import { useAction } from './use-action';

/** R17: working days after the meeting within which the organizer reports back. */
const FEEDBACK_WORKING_DAYS = 3;

/** R17: the feedback after the meeting, due 3 working days later; overdue is flagged. */
export function MeetingFeedback({ meeting, canWrite, onDone }: { meeting: Meeting; canWrite: boolean; onDone: () => void }) {
  const { t, lang } = useI18n();
  const [handling, setHandling] = useState('');
  const [outcome, setOutcome] = useState('');
  const action = useAction();
  const held = new Date(meeting.startsAt).getTime() <= Date.now();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await action.run(() => api(`/meetings/${meeting.id}/feedback`, { method: 'POST', body: { handling, outcome } }))) onDone();
  };
  const f = meeting.feedback;
  return (
    <section className="card" aria-labelledby="feedback-h" data-testid="meeting-feedback">
      <h2 id="feedback-h">{t('feedbackTitle')}</h2>
      <p>
        {fill(t('feedbackDue'), { period: workingDays(FEEDBACK_WORKING_DAYS, lang) })} <strong data-testid="feedback-due">{formatTime(meeting.feedbackDueAt, lang)}</strong>{' '}
        {meeting.overdue && (
          <span className="badge overdue" data-testid="feedback-overdue">
            {t('feedbackOverdue')}
          </span>
        )}
      </p>
      {f ? (
        <dl>
          <div className="row">
            <dt>{t('feedbackHandling')}</dt>
            <dd className="prose">{f.handling}</dd>
          </div>
          <div className="row">
            <dt>{t('feedbackOutcome')}</dt>
            <dd className="prose">{f.outcome}</dd>
          </div>
          <div className="row">
            <dt>{t('feedbackPublishedAt')}</dt>
            <dd>
              {formatTime(f.publishedAt, lang)} {f.late && <span className="badge overdue">{t('feedbackLate')}</span>}
            </dd>
          </div>
        </dl>
      ) : !held ? (
        <p className="muted">{t('feedbackAfterMeeting')}</p>
      ) : canWrite ? (
        <form onSubmit={submit} data-testid="feedback-form">
          <label>
            {t('feedbackHandling')}
            <textarea required maxLength={20000} value={handling} onChange={(e) => setHandling(e.target.value)} />
          </label>
          <label>
            {t('feedbackOutcome')}
            <textarea required maxLength={20000} value={outcome} onChange={(e) => setOutcome(e.target.value)} />
          </label>
          <ErrorNote message={action.error} />
          <button type="submit" disabled={action.busy}>
            {t('feedbackPublish')}
          </button>
        </form>
      ) : (
        <p className="muted">{t('feedbackNotYet')}</p>
      )}
    </section>
  );
}
