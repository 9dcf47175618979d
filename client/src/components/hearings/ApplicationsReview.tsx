import { useState } from 'react';
import { api } from '../../api/client';
import { OwnerKind, ownerPath, StaffApplication } from '../../api/hearing-types';
import type { Page } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatTime } from '../../lib/format';
import { ErrorNote, Loading } from '../ErrorNote';
import { Pager } from '../Pager';
import { categoryLabel } from './Announcement';
import { useAction } from './use-action';

const FILTERS = ['pending', 'accepted', 'rejected', ''] as const;

/** One application: accept, or reject with a reason the applicant will read. */
function ApplicationRow({ kind, id, app, onDone }: { kind: OwnerKind; id: string; app: StaffApplication; onDone: () => void }) {
  const { t, lang } = useI18n();
  const [reason, setReason] = useState('');
  const action = useAction();
  const reviewable = ['pending', 'accepted', 'rejected'].includes(app.status);
  const review = async (accept: boolean) => {
    if (!accept && !reason.trim()) return action.run(async () => Promise.reject(new Error(t('rejectNeedsReason'))));
    if (await action.run(() => api(`${ownerPath(kind, id)}/applications/${app.id}/review`, { method: 'POST', body: accept ? { accept } : { accept, reason } }))) onDone();
  };
  return (
    <li className="application" data-testid="application" data-label={app.label}>
      <p className="meta">
        <strong className="hash">{app.label}</strong>
        <span>{categoryLabel(t, app.category)}</span>
        <span>{app.displayName}</span>
        <span className="muted small">{app.email}</span>
        <span className={`badge app-${app.status}`}>{t(`appStatus_${app.status}` as MessageKey)}</span>
        <span className="muted small">{formatTime(app.createdAt, lang)}</span>
      </p>
      <p className="prose">{app.statement}</p>
      {app.reason && (
        <p className="small">
          {t('hgReason')}: {app.reason}
        </p>
      )}
      {reviewable && (
        <div className="review-row">
          <button type="button" onClick={() => review(true)} disabled={action.busy} data-testid="app-accept">
            {t('appAccept')}
          </button>
          <label className="grow">
            <span className="sr-only">{t('rejectReason')}</span>
            <input value={reason} maxLength={2000} placeholder={t('rejectReason')} onChange={(e) => setReason(e.target.value)} data-testid="app-reason" />
          </label>
          <button type="button" className="secondary" onClick={() => review(false)} disabled={action.busy} data-testid="app-reject">
            {t('appReject')}
          </button>
        </div>
      )}
      <ErrorNote message={action.error} />
    </li>
  );
}

/** The organizer's review of applications before the eligible list is frozen (R13). */
export function ApplicationsReview({ kind, id, onChange }: { kind: OwnerKind; id: string; onChange?: () => void }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<(typeof FILTERS)[number]>('pending');
  const [page, setPage] = useState(1);
  const path = `${ownerPath(kind, id)}/applications?page=${page}&pageSize=50${status ? `&status=${status}` : ''}`;
  const { data, error, loading, reload } = useApi<Page<StaffApplication>>(path);
  const done = () => {
    reload();
    onChange?.();
  };
  return (
    <section className="card" aria-labelledby="apps-h" data-testid="applications-review">
      <h2 id="apps-h">{t('applicationsTitle')}</h2>
      <label className="inline">
        {t('status')}
        <select value={status} onChange={(e) => (setStatus(e.target.value as (typeof FILTERS)[number]), setPage(1))}>
          {FILTERS.map((f) => (
            <option key={f} value={f}>
              {f ? t(`appStatus_${f}` as MessageKey) : t('hgAll')}
            </option>
          ))}
        </select>
      </label>
      {!data ? (
        <Loading error={error} loading={loading} />
      ) : !data.items.length ? (
        <p className="muted">{t('applicationsNone')}</p>
      ) : (
        <ul className="plain">
          {data.items.map((a) => (
            <ApplicationRow key={a.id} kind={kind} id={id} app={a} onDone={done} />
          ))}
        </ul>
      )}
      {data && <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />}
    </section>
  );
}
