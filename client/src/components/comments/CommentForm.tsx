import { FormEvent, useState } from 'react';
import { api, ApiError } from '../../api/client';
import { useSession } from '../../api/session';
import { Alternative, CommentCreated, Stance, STANCES } from '../../api/types';
import { fill } from '../../i18n/fill';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { focusOnMount } from '../../lib/focus';
import { forgetIdempotencyKey, idempotencyKeyFor } from '../../lib/idempotency';
import { loginHref } from '../../router';
import { ErrorNote, Problem } from '../ErrorNote';

export const MAX_COMMENT = 5000;

export interface CommentTarget {
  anchor: string;
  label: string;
  /** Alternative plan the unit belongs to; null for the main text. */
  planIndex: number | null;
  quote: { start: number; end: number; text: string } | null;
}

interface Props {
  draftId: string;
  target: CommentTarget;
  /** Plans a comment on the main text may also point at (R3). */
  alternatives: Alternative[];
  onSubmitted: (created: CommentCreated, body: CommentBody) => void;
  onCancel: () => void;
}

export interface CommentBody {
  anchor: string;
  stance: Stance;
  text: string;
  planIndex?: number;
  quote?: { start: number; end: number };
}

export const stanceKey = (s: string) => `stance_${s}` as MessageKey;

/** A busy server (503/429 with a short Retry-After) is retried by itself this many times. */
const AUTO_RETRIES = 3;
const MAX_AUTO_WAIT_S = 15;

/** Seconds to wait before sending again by itself, or null when the person should decide. */
function autoRetryDelay(err: unknown, attempt: number): number | null {
  if (!(err instanceof ApiError) || (err.status !== 503 && err.status !== 429)) return null;
  if (err.retryAfter === undefined || err.retryAfter > MAX_AUTO_WAIT_S || attempt >= AUTO_RETRIES) return null;
  // Spread the retries of everyone refused at the same moment, so they do not return together.
  return Math.max(1, Math.ceil(err.retryAfter * (1 + Math.random() * 0.5)));
}

/** Writes one comment on a unit or a quoted span; retries reuse the Idempotency-Key. */
export function CommentForm({ draftId, target, alternatives, onSubmitted, onCancel }: Props) {
  const { t } = useI18n();
  const { me, ready } = useSession();
  const [stance, setStance] = useState<Stance | ''>('');
  const [text, setText] = useState('');
  const [plan, setPlan] = useState<string>('');
  const [error, setError] = useState<Problem>(null);
  const [retryable, setRetryable] = useState(false);
  const [busy, setBusy] = useState(false);
  const [waiting, setWaiting] = useState<{ seconds: number; attempt: number } | null>(null);

  if (!ready) return <p className="muted">{t('loading')}</p>;
  if (!me) {
    return (
      <div className="card comment-form" data-testid="comment-login">
        <p tabIndex={-1} ref={focusOnMount}>
          {t('signInToComment')} <a href={loginHref()}>{t('navLogin')}</a> · <a href="#/register">{t('navRegister')}</a>
        </p>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    );
  }

  // Counted in characters (code points), as the server and the database count them.
  const length = [...text].length;
  const tooLong = length > MAX_COMMENT;
  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!stance) return setError(t('stanceRequired'));
    if (!text.trim()) return setError(t('textRequired'));
    if (tooLong) return setError(fill(t('textTooLong'), { n: MAX_COMMENT }));
    const body: CommentBody = { anchor: target.anchor, stance, text };
    const planIndex = target.planIndex ?? (plan === '' ? null : Number(plan));
    if (planIndex !== null) body.planIndex = planIndex;
    if (target.quote) body.quote = { start: target.quote.start, end: target.quote.end };
    const key = idempotencyKeyFor(`comment:${draftId}`, body);
    setBusy(true);
    setError(null);
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          const created = await api<CommentCreated>(`/drafts/${draftId}/comments`, { method: 'POST', body, headers: { 'Idempotency-Key': key } });
          forgetIdempotencyKey(`comment:${draftId}`);
          onSubmitted(created, body);
          return;
        } catch (err) {
          // Overloaded: the server refused before storing anything and said when to come back; the
          // same key makes sending again safe, so the person does not have to press anything.
          const wait = autoRetryDelay(err, attempt);
          if (wait !== null) {
            setWaiting({ seconds: wait, attempt: attempt + 1 });
            await new Promise((resolve) => setTimeout(resolve, wait * 1000));
            setWaiting(null);
            continue;
          }
          // No answer or a server failure: the comment may or may not be stored; retrying with the
          // same key is safe either way.
          const unknownOutcome = !(err instanceof ApiError) || err.status >= 500 || err.status === 429;
          setRetryable(unknownOutcome);
          setError(unknownOutcome ? t('networkRetry') : (err as Error));
          return;
        }
      }
    } finally {
      setWaiting(null);
      setBusy(false);
    }
  };

  return (
    <form className="card comment-form" onSubmit={submit} data-testid="comment-form" aria-label={t('writeComment')}>
      <h3 tabIndex={-1} ref={focusOnMount}>
        {t('commentOn')} {target.label}
      </h3>
      {target.quote && (
        <blockquote className="quote" data-testid="comment-quote">
          {target.quote.text}
        </blockquote>
      )}
      <fieldset className="stances">
        <legend>{t('stance')}</legend>
        {STANCES.map((s) => (
          <label key={s} className="check">
            <input type="radio" name="stance" value={s} checked={stance === s} onChange={() => setStance(s)} data-testid={`stance-${s}`} />
            {t(stanceKey(s))}
          </label>
        ))}
      </fieldset>
      {target.planIndex === null && alternatives.length > 0 && (
        <label>
          {t('targetPlan')}
          <select value={plan} onChange={(e) => setPlan(e.target.value)} data-testid="comment-plan">
            <option value="">{t('noPlan')}</option>
            {alternatives.map((a) => (
              <option key={a.planIndex} value={a.planIndex}>
                {fill(t('planLabel'), { n: a.planIndex + 1, title: a.title })}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('commentText')}
        <textarea
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby="comment-counter"
          aria-invalid={tooLong}
          data-testid="comment-text"
          required
        />
      </label>
      <p id="comment-counter" className={tooLong ? 'bad counter' : 'muted counter'} data-testid="comment-counter" aria-live="polite">
        {fill(t('charCounter'), { n: length, max: MAX_COMMENT })}
      </p>
      <p className="muted small">{t('commentPrivacy')}</p>
      <ErrorNote message={error} testId="comment-error" />
      <p role="status" className="muted" data-testid="comment-waiting">
        {waiting ? fill(t('busyAutoRetry'), { n: waiting.seconds, k: waiting.attempt }) : ''}
      </p>
      <div className="actions">
        <button type="submit" disabled={busy || tooLong} data-testid="comment-submit">
          {busy ? t('submitting') : retryable ? t('retry') : t('submitComment')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
