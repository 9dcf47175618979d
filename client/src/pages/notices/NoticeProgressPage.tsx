import { useState } from 'react';
import { api } from '../../api/client';
import type { FailedNotice } from '../../api/notice-types';
import type { Page } from '../../api/types';
import { useApi } from '../../api/use-api';
import { ErrorNote, Loading } from '../../components/ErrorNote';
import { useAction } from '../../components/hearings/use-action';
import { LiveRegion } from '../../components/LiveRegion';
import { ProgressBar, useProgressAnnouncement } from '../../components/notices/ProgressBar';
import { useNoticeProgress } from '../../components/notices/use-notice-progress';
import { StaffOnly } from '../../components/organizer/StaffOnly';
import { Pager } from '../../components/Pager';
import { fill } from '../../i18n/fill';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatTime } from '../../lib/format';
import '../../hearings.css';
import { TableWrap } from '../../components/TableWrap';

/** Downloads the printable letter batch (staff only, so fetched with the token) as a file to print. */
function LettersLink({ draftId }: { draftId: string }) {
  const { t } = useI18n();
  const action = useAction();
  const download = () =>
    action.run(async () => {
      const html = await api<string>(`/drafts/${draftId}/notices/letters?format=html`, { headers: { Accept: 'text/html' } });
      const url = URL.createObjectURL(new Blob([String(html)], { type: 'text/html' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `letters-${draftId}.html`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
  return (
    <>
      <button type="button" className="secondary" onClick={download} disabled={action.busy} data-testid="letters-download">
        {t('noticeLetters')}
      </button>
      <ErrorNote message={action.error} />
    </>
  );
}

function Failures({ draftId, version, onRetried }: { draftId: string; version: number; onRetried: () => void }) {
  const { t, lang } = useI18n();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useApi<Page<FailedNotice>>(`/drafts/${draftId}/notices/failures?page=${page}&pageSize=50`, version);
  const action = useAction();
  const [requeued, setRequeued] = useState<number | null>(null);
  const retry = () =>
    action.run(async () => {
      const r = await api<{ requeued: number }>(`/drafts/${draftId}/notices/retry`, { method: 'POST' });
      setRequeued(r.requeued);
      reload();
      onRetried();
    });
  return (
    <section className="card" aria-labelledby="failures-h" data-testid="notice-failures">
      <h2 id="failures-h">{t('noticeFailures')}</h2>
      <div className="actions">
        <button type="button" onClick={retry} disabled={action.busy || !data?.total} data-testid="notice-retry">
          {t('noticeRetry')}
        </button>
        {requeued !== null && <span role="status">{fill(t('noticeRequeued'), { n: requeued })}</span>}
      </div>
      <ErrorNote message={action.error} />
      {!data ? (
        <Loading error={error} loading={loading} />
      ) : !data.items.length ? (
        <p className="muted">{t('noticeNoFailures')}</p>
      ) : (
        <TableWrap label={t('noticeFailures')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('noticeRecipient')}</th>
                <th scope="col">{t('noticeChannel')}</th>
                <th scope="col">{t('noticeAttempts')}</th>
                <th scope="col">{t('noticeError')}</th>
                <th scope="col">{t('hgTime')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((f) => (
                <tr key={f.id}>
                  <td>
                    {f.recipientName ?? '—'}
                    <br />
                    <span className="muted small">{f.address}</span>
                  </td>
                  <td>{t(`noticeChannel_${f.channel}` as MessageKey) ?? f.channel}</td>
                  <td>{f.attempts}</td>
                  <td className="small">{f.lastError}</td>
                  <td>{formatTime(f.createdAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {data && <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />}
    </section>
  );
}

/** The organizer's view of a notice run: live progress, failures and retry, the letter batch. */
export function NoticeProgressPage({ params }: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const draftId = params.id;
  const { progress, state, error } = useNoticeProgress(draftId);
  const [version, setVersion] = useState(0);
  const failedCount = progress?.failed ?? 0;
  const announcement = useProgressAnnouncement(progress);
  return (
    <StaffOnly roles={['organizer', 'reviewer', 'clerk', 'admin']}>
      <article data-testid="notice-progress-page">
        <h1>{t('noticeProgressTitle')}</h1>
        <p className="meta">
          <a href={`#/organizer/drafts/${draftId}`}>{t('hearingDraftLink')}</a>
          <span className={`badge conn-${state}`} data-testid="socket-state" data-state={state} role="status">
            {t(`conn_${state}` as MessageKey)}
          </span>
        </p>
        <ErrorNote message={error} testId="socket-error" />
        <section className="card" aria-labelledby="run-h">
          <h2 id="run-h">
            {progress?.kind ? (t(`noticeKind_${progress.kind}` as MessageKey) ?? progress.kind) : t('noticeNoRun')}
            {progress?.sourceVersion && <span className="muted small"> · {progress.sourceVersion}</span>}
          </h2>
          {progress?.startedAt && <p className="muted small">{formatTime(progress.startedAt, lang)}</p>}
          {progress ? <ProgressBar p={progress} /> : <p className="muted">{t('loading')}</p>}
          {/* In the page from the start, so its first words are announced too. */}
          <LiveRegion text={announcement} testId="progress-announcement" />
          <LettersLink draftId={draftId} />
        </section>
        <Failures draftId={draftId} version={version + failedCount} onRetried={() => setVersion((v) => v + 1)} />
      </article>
    </StaffOnly>
  );
}
