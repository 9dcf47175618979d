import { useState } from 'react';
import { api } from '../../api/client';
import type { Inbox, Notice } from '../../api/notice-types';
import { useSession } from '../../api/session';
import { useApi } from '../../api/use-api';
import { ErrorNote, Loading } from '../../components/ErrorNote';
import { useAction } from '../../components/hearings/use-action';
import { NoticeDetail } from '../../components/notices/NoticeDetail';
import { Pager } from '../../components/Pager';
import { fill } from '../../i18n/fill';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatTime } from '../../lib/format';
import '../../hearings.css';

function NoticeItem({ notice, open, onToggle }: { notice: Notice; open: boolean; onToggle: () => void }) {
  const { t, lang } = useI18n();
  const unread = !notice.readAt;
  return (
    <li className={`notice${unread ? ' unread' : ''}`} data-testid="notice" data-unread={unread}>
      <button type="button" className="notice-head" aria-expanded={open} onClick={onToggle} data-testid="notice-open">
        {unread && (
          <span className="unread-dot" data-testid="unread-marker">
            <span className="sr-only">{t('noticeUnread')}</span>
          </span>
        )}
        <span className="notice-subject">{notice.subject}</span>
        <span className="badge">{t(`noticeKind_${notice.kind}` as MessageKey) ?? notice.kind}</span>
        <span className="muted small">{formatTime(notice.createdAt, lang)}</span>
      </button>
      {open && <NoticeDetail notice={notice} />}
    </li>
  );
}

/** The resident's inbox: what became of their comments, results, hearing news (R10, R20). */
export function InboxPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const { data, error, loading, reload } = useApi<Inbox>(me ? `/me/notices?page=${page}&pageSize=20${unreadOnly ? '&unread=true' : ''}` : null);
  const action = useAction();
  if (!me) {
    return (
      <p className="card">
        {t('noticeSignIn')} <a href="#/login">{t('navLogin')}</a>
      </p>
    );
  }
  const toggle = async (n: Notice) => {
    setOpenId(openId === n.id ? null : n.id);
    // Opening an unread notice marks it read; the list refreshes its marker.
    if (!n.readAt && (await action.run(() => api(`/me/notices/${n.id}/read`, { method: 'POST' })))) reload();
  };
  const readAll = async () => {
    if (await action.run(() => api('/me/notices/read-all', { method: 'POST' }))) reload();
  };
  return (
    <article className="inbox" data-testid="inbox">
      <h1>{t('inboxTitle')}</h1>
      <div className="actions">
        {data && (
          <span data-testid="unread-count" aria-live="polite">
            {fill(t('inboxUnread'), { n: data.unread })}
          </span>
        )}
        <label className="inline">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => (setUnreadOnly(e.target.checked), setPage(1))} />
          {t('inboxUnreadOnly')}
        </label>
        <button type="button" className="secondary" onClick={readAll} disabled={action.busy || !data?.unread}>
          {t('inboxReadAll')}
        </button>
      </div>
      <ErrorNote message={action.error} />
      {!data ? (
        <Loading error={error} loading={loading} />
      ) : !data.items.length ? (
        <p className="muted card">{t('inboxEmpty')}</p>
      ) : (
        <ul className="plain notice-list">
          {data.items.map((n) => (
            <NoticeItem key={n.id} notice={n} open={openId === n.id} onToggle={() => toggle(n)} />
          ))}
        </ul>
      )}
      {data && <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />}
    </article>
  );
}
