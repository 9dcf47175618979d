import type { CommentOutcome, Notice } from '../../api/notice-types';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { TableWrap } from '../TableWrap';

type T = (k: MessageKey) => string;
const outcomeText = (t: T, o: string | null) => (o ? (t(`outcome_${o}` as MessageKey) ?? o) : t('noticeNoOutcome'));
const basisText = (t: T, b: string | null) => (b ? (t(`basis_${b}` as MessageKey) ?? b) : '');
const asList = <X,>(v: unknown): X[] => (Array.isArray(v) ? (v as X[]) : []);

/** The in-site route of a notice's link (".../#/hearings/<uuid>"), rebuilt from its parts; never the raw string. */
function internalRoute(link: unknown): { kind: 'hearing' | 'meeting'; id: string } | null {
  const m = typeof link === 'string' ? /#\/(hearing|meeting)s\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(link) : null;
  return m ? { kind: m[1].toLowerCase() as 'hearing' | 'meeting', id: m[2] } : null;
}

/** The person's own comments with their disposition and reason (adoption report notices, R10). */
function Outcomes({ comments }: { comments: CommentOutcome[] }) {
  const { t } = useI18n();
  if (!comments.length) return null;
  return (
    <TableWrap label={t('noticeYourComments')}>
      <table className="outcomes-table" data-testid="notice-outcomes">
        <caption>{t('noticeYourComments')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('noticeUnit')}</th>
            <th scope="col">{t('noticeOutcome')}</th>
            <th scope="col">{t('hgReason')}</th>
          </tr>
        </thead>
        <tbody>
          {comments.map((c) => (
            <tr key={c.commentId} className={`outcome-${c.outcome ?? 'none'}`}>
              <td>{c.label}</td>
              <td>
                {outcomeText(t, c.outcome)}
                {c.basis && <span className="muted small"> ({basisText(t, c.basis)})</span>}
              </td>
              <td className="prose">{c.reason ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** Before → after for a corrected report. */
function Changes({ changes }: { changes: Array<{ commentId: string; label: string; before: CommentOutcome; after: CommentOutcome }> }) {
  const { t } = useI18n();
  if (!changes.length) return null;
  return (
    <ul className="plain" data-testid="notice-changes">
      {changes.map((c) => (
        <li key={c.commentId}>
          <strong>{c.label}</strong>: {outcomeText(t, c.before.outcome)} → {outcomeText(t, c.after.outcome)}
          {c.after.reason && <span className="prose"> · {c.after.reason}</span>}
        </li>
      ))}
    </ul>
  );
}

/** One opened notice: the structured outcome where there is one, the full text, and where to read more. */
export function NoticeDetail({ notice }: { notice: Notice }) {
  const { t } = useI18n();
  const p = notice.payload ?? {};
  const route = internalRoute(p.link);
  const concentrated = asList<{ clusterId: string; size: number; basis: string | null; reason: string }>(p.concentrated);
  return (
    <div className="notice-detail" data-testid="notice-detail">
      <Outcomes comments={asList<CommentOutcome>(p.comments)} />
      <Changes changes={asList(p.changes)} />
      {concentrated.length > 0 && (
        <div>
          <h4>{t('noticeConcentrated')}</h4>
          <ul>
            {concentrated.map((c) => (
              <li key={c.clusterId}>
                ({c.size}) {c.basis && `${basisText(t, c.basis)}: `}
                <span className="prose">{c.reason}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <details open={!asList(p.comments).length}>
        <summary>{t('noticeFullText')}</summary>
        <p className="prose notice-body">{notice.body}</p>
      </details>
      <p className="links">
        {notice.draftId && notice.kind.startsWith('adoption_report') && (
          <a href={`#/drafts/${notice.draftId}/report`} data-testid="notice-report-link">
            {t('noticeReportLink')}
          </a>
        )}
        {notice.draftId && <a href={`#/drafts/${notice.draftId}`}>{t('noticeDraftLink')}</a>}
        {route && <a href={`#/${route.kind}s/${route.id}`}>{route.kind === 'hearing' ? t('hearingPublicPage') : t('meetingPublicPage')}</a>}
      </p>
    </div>
  );
}
