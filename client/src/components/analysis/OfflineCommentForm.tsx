import { FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { CommentCreated, Draft, OFFLINE_CHANNELS, STANCES } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { fromLocalInput } from '../../lib/format';
import { forgetIdempotencyKey, idempotencyKeyFor } from '../../lib/idempotency';
import { unitCaption } from '../../lib/units';
import { stanceKey } from '../comments/CommentForm';
import { ErrorNote, Problem } from '../ErrorNote';


/** A comment received by email, letter, fax, at a symposium or by phone, typed in by staff (R5). */
export function OfflineCommentForm({ draft, onDone }: { draft: Draft; onDone: () => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<Problem>(null);
  const [stored, setStored] = useState<number | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const s = (k: string) => String(f.get(k) ?? '').trim();
    const author: Record<string, string> = { name: s('name') };
    for (const k of ['email', 'phone', 'address']) if (s(k)) author[k] = s(k);
    const body = { anchor: s('anchor'), stance: s('stance'), text: String(f.get('text') ?? ''), channel: s('channel'), receivedAt: fromLocalInput(s('receivedAt')), author };
    const scope = `offline:${draft.id}`;
    try {
      const created = await api<CommentCreated>(`/drafts/${draft.id}/comments/offline`, { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKeyFor(scope, body) } });
      forgetIdempotencyKey(scope);
      setStored(created.seq);
      setError(null);
      form.reset();
      onDone();
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <details className="card" data-testid="offline-comment">
      <summary>
        <h2>{t('offlineTitle')}</h2>
      </summary>
      <form onSubmit={submit}>
        <label>
          {t('unitCol')}
          <select name="anchor" required>
            {draft.units.map((u) => (
              <option key={u.anchor} value={u.anchor}>
                {unitCaption(u, u.anchor)} ({u.anchor})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('channel')}
          <select name="channel" required>
            {OFFLINE_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channel_${c}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('receivedAt')}
          <input type="datetime-local" name="receivedAt" required />
        </label>
        <label>
          {t('stance')}
          <select name="stance" required>
            {STANCES.map((s) => (
              <option key={s} value={s}>
                {t(stanceKey(s))}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('commentText')}
          <textarea name="text" required maxLength={5000} />
        </label>
        <fieldset>
          <legend>{t('authorTitle')}</legend>
          <label>
            {t('authorName')}
            <input name="name" required maxLength={100} />
          </label>
          <label>
            {t('contactEmail')}
            <input name="email" type="email" maxLength={200} />
          </label>
          <label>
            {t('contactPhone')}
            <input name="phone" maxLength={40} />
          </label>
          <label>
            {t('contactAddress')}
            <input name="address" maxLength={300} />
          </label>
        </fieldset>
        <ErrorNote message={error} testId="offline-error" />
        {stored !== null && (
          <p className="good" role="status">
            {t('offlineStored')} #{stored}
          </p>
        )}
        <button type="submit">{t('recordComment')}</button>
      </form>
    </details>
  );
}
