import { useState } from 'react';
import type { Page, PublicComment } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { formatTime } from '../../lib/format';
import { Loading } from '../ErrorNote';
import { Pager } from '../Pager';
import { DispositionText } from '../analysis/DispositionForm';
import { stanceKey } from './CommentForm';

/** One public comment: masked name, stance, text — or, when moderated, that it is hidden and why. */
export function PublicCommentItem({ c, unitText }: { c: PublicComment; unitText?: string }) {
  const { t, lang } = useI18n();
  const reason = c.hiddenReason ?? c.moderationReason;
  return (
    <li className={`comment stance-${c.stance}`} data-testid="public-comment" data-hidden={String(!!c.hidden)}>
      <p className="meta">
        <span className={`badge stance-${c.stance}`}>{t(stanceKey(c.stance))}</span> <span>{c.authorName ?? t('anonymous')}</span>{' '}
        <span className="muted">{formatTime(c.receivedAt ?? c.createdAt, lang)}</span>
        {c.seq !== undefined && <span className="muted"> #{c.seq}</span>}
      </p>
      {c.quote && <blockquote className="quote">{c.quote.text ?? unitText?.slice(c.quote.start, c.quote.end)}</blockquote>}
      {c.hidden ? (
        <p className="muted hidden-comment">
          {t('commentHidden')}
          {reason ? ` ${t('hiddenReason')}${reason}` : ''}
        </p>
      ) : (
        <p className="prose">{c.text}</p>
      )}
      {c.disposition && (
        <p className="small">
          {t('disposition')}: <DispositionText d={c.disposition} />
        </p>
      )}
    </li>
  );
}

/** The public comments on one unit (GET /api/drafts/:id/comments?anchor=), paged. */
export function UnitComments({ draftId, anchor, planIndex, unitText }: { draftId: string; anchor: string; planIndex: number | null; unitText: string }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  // Plans reuse anchors (a1 of plan 0 and of the main text), so the plan is part of the filter (-1: main text).
  const { data, error, loading } = useApi<Page<PublicComment>>(
    `/drafts/${draftId}/comments?anchor=${encodeURIComponent(anchor)}&planIndex=${planIndex ?? -1}&page=${page}`,
  );
  const items = data?.items ?? [];
  return (
    <section className="unit-comments" aria-label={t('publicComments')} data-testid={`unit-comments-${anchor}`}>
      <Loading error={error} loading={loading && !data} />
      {data && (
        <>
          <ul className="comment-list">
            {items.map((c) => (
              <PublicCommentItem key={c.id} c={c} unitText={unitText} />
            ))}
          </ul>
          {items.length === 0 && <p className="muted">{t('noComments')}</p>}
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}
