import { FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { INVITED_CATEGORIES, Invitation } from '../../api/hearing-types';
import type { Page } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatTime } from '../../lib/format';
import { ErrorNote, Loading } from '../ErrorNote';
import { categoryLabel } from './Announcement';
import { useAction } from './use-action';

/** Deputies, experts, lawyers and others are invited by email and answer through its link (R13). */
export function InvitationsPanel({ hearingId }: { hearingId: string }) {
  const { t, lang } = useI18n();
  const { data, error, loading, reload } = useApi<Page<Invitation>>(`/hearings/${hearingId}/invitations?pageSize=100`);
  const [form, setForm] = useState({ email: '', displayName: '', category: 'expert' });
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await action.run(() => api(`/hearings/${hearingId}/invitations`, { method: 'POST', body: form }))) {
      setForm({ ...form, email: '', displayName: '' });
      reload();
    }
  };
  return (
    <section className="card" aria-labelledby="inv-h" data-testid="invitations">
      <h2 id="inv-h">{t('invitationsTitle')}</h2>
      <form onSubmit={submit} className="inline-fields">
        <label>
          {t('displayName')}
          <input required maxLength={100} value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
        </label>
        <label>
          {t('email')}
          <input type="email" required maxLength={254} value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        </label>
        <label>
          {t('hgCategory')}
          <select value={form.category} onChange={(e) => setForm({ ...form, category: e.target.value })}>
            {INVITED_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {categoryLabel(t, c)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={action.busy} className="align-end">
          {t('hgInvite')}
        </button>
      </form>
      <ErrorNote message={action.error} />
      {!data ? (
        <Loading error={error} loading={loading} />
      ) : (
        <ul className="plain">
          {data.items.map((i) => (
            <li key={i.id} className="meta">
              <span>{i.displayName}</span>
              <span className="muted small">{i.email}</span>
              <span>{categoryLabel(t, i.category)}</span>
              <span className="badge">{t(`invStatus_${i.status}` as MessageKey)}</span>
              <span className="muted small">{formatTime(i.respondedAt ?? i.createdAt, lang)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
