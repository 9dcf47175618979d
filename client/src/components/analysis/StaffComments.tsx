import { useState } from 'react';
import { Disposition, FullComment, Page, STANCES } from '../../api/types';
import { useApi } from '../../api/use-api';
import { fill } from '../../i18n/fill';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatTime } from '../../lib/format';
import { stanceKey } from '../comments/CommentForm';
import { Loading } from '../ErrorNote';
import { Pager } from '../Pager';
import { DispositionForm, DispositionText } from './DispositionForm';
import { ModerationForm } from './ModerationForm';

export interface CommentFilter {
  anchor: string;
  stance: string;
  undecided: boolean;
}

interface DispositionRecord {
  outcome: Disposition['outcome'];
  basis: Disposition['basis'];
  reason: string | null;
  decidedByName: string | null;
  decidedAt: string;
}

/** Every disposition the comment had, who and when (each change is kept). */
function DispositionHistory({ commentId }: { commentId: string }) {
  const { t, lang } = useI18n();
  const { data, error } = useApi<Page<DispositionRecord>>(`/comments/${commentId}/disposition/history`);
  if (!data) return <Loading error={error} />;
  if (!data.items.length) return <p className="muted small">{t('undecided')}</p>;
  return (
    <ol className="history small">
      {data.items.map((h, i) => (
        <li key={i}>
          <time dateTime={h.decidedAt}>{formatTime(h.decidedAt, lang)}</time> {h.decidedByName} · <DispositionText d={h} />
        </li>
      ))}
    </ol>
  );
}

function StaffComment({ c, onDone }: { c: FullComment; onDone: () => void }) {
  const { t, lang } = useI18n();
  const [panel, setPanel] = useState<'none' | 'dispose' | 'moderate' | 'history'>('none');
  const done = () => {
    setPanel('none');
    onDone();
  };
  const contact = [c.author?.email, c.author?.phone, c.author?.address].filter(Boolean).join(' · ');
  return (
    <li className={`card comment stance-${c.stance}`} data-testid="staff-comment" data-comment={c.id}>
      <p className="meta">
        <span>#{c.seq}</span> <span className={`badge stance-${c.stance}`}>{t(stanceKey(c.stance))}</span> <strong>{c.author?.name ?? c.authorName}</strong>
        {contact && <span className="muted small">{contact}</span>}
        <span className="muted">{t(`channel_${c.channel ?? 'web'}` as MessageKey)}</span>
        <span className="muted">{formatTime(c.receivedAt ?? c.createdAt, lang)}</span>
        <span className="muted">{c.anchor}</span>
        {c.hidden && <span className="badge">{t('hiddenBadge')}</span>}
      </p>
      {c.quote && <blockquote className="quote">{c.quote.text}</blockquote>}
      <p className="prose">{c.text}</p>
      {c.hidden && c.hiddenReason && (
        <p className="muted small">
          {t('hiddenReason')}
          {c.hiddenReason}
        </p>
      )}
      <p>
        {t('disposition')}: <DispositionText d={c.disposition} />
      </p>
      <div className="actions">
        <button type="button" className="secondary" aria-expanded={panel === 'dispose'} onClick={() => setPanel(panel === 'dispose' ? 'none' : 'dispose')} data-testid="dispose">
          {t('dispose')}
        </button>
        <button type="button" className="secondary" aria-expanded={panel === 'moderate'} onClick={() => setPanel(panel === 'moderate' ? 'none' : 'moderate')}>
          {t('moderation')}
        </button>
        <button type="button" className="link" aria-expanded={panel === 'history'} onClick={() => setPanel(panel === 'history' ? 'none' : 'history')}>
          {t('dispositionHistory')}
        </button>
      </div>
      {panel === 'history' && <DispositionHistory commentId={c.id} />}
      {panel === 'dispose' && <DispositionForm path={`/comments/${c.id}/disposition`} current={c.disposition} testId={`disposition-${c.id}`} onDone={done} />}
      {panel === 'moderate' && <ModerationForm comment={c} onDone={done} />}
    </li>
  );
}

/** Every comment with originals (`?full=true`), filterable, each with its disposition and moderation. */
export function StaffComments({ draftId, filter, onFilter, reloadKey, onChanged }: {
  draftId: string;
  filter: CommentFilter;
  onFilter: (f: CommentFilter) => void;
  reloadKey: number;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const q = new URLSearchParams({ full: 'true', page: String(page) });
  if (filter.anchor) q.set('anchor', filter.anchor);
  if (filter.stance) q.set('stance', filter.stance);
  if (filter.undecided) q.set('undecided', 'true');
  const { data, error, loading } = useApi<Page<FullComment>>(`/drafts/${draftId}/comments?${q}`, reloadKey);
  const set = (patch: Partial<CommentFilter>) => {
    setPage(1);
    onFilter({ ...filter, ...patch });
  };
  return (
    <section data-testid="staff-comments">
      <h2>{t('allComments')}</h2>
      <div className="inline-fields">
        <label className="inline">
          {t('unitCol')}
          <input value={filter.anchor} onChange={(e) => set({ anchor: e.target.value.trim() })} size={8} placeholder="a5" data-testid="filter-anchor" />
        </label>
        <label className="inline">
          {t('stance')}
          <select value={filter.stance} onChange={(e) => set({ stance: e.target.value })}>
            <option value="">{t('allStances')}</option>
            {STANCES.map((s) => (
              <option key={s} value={s}>
                {t(stanceKey(s))}
              </option>
            ))}
          </select>
        </label>
        <label className="inline check">
          <input type="checkbox" checked={filter.undecided} onChange={(e) => set({ undecided: e.target.checked })} data-testid="filter-undecided" /> {t('undecidedOnly')}
        </label>
      </div>
      <Loading error={error} loading={loading && !data} />
      {data && (
        <>
          <p className="muted" aria-live="polite" data-testid="staff-count">
            {fill(t('resultCount'), { n: data.total })}
          </p>
          <ul className="plain">
            {data.items.map((c) => (
              <StaffComment key={c.id} c={c} onDone={onChanged} />
            ))}
          </ul>
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}
