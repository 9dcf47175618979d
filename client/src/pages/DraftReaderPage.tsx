import { useEffect, useState } from 'react';
import { hasRole, useSession } from '../api/session';
import type { CommentCreated, Draft, DraftUnit } from '../api/types';
import { useApi } from '../api/use-api';
import { countKey, useUnitCounts } from '../api/use-unit-counts';
import { CommentForm, CommentTarget } from '../components/comments/CommentForm';
import { MyReceipts } from '../components/comments/MyReceipts';
import { ReceiptCard } from '../components/comments/ReceiptCard';
import { UnitComments } from '../components/comments/UnitComments';
import { Loading } from '../components/ErrorNote';
import { ContactCard, DraftPanels, ResultsCard } from '../components/reader/DraftInfo';
import { Outline } from '../components/reader/Outline';
import { MAIN_TEXT, PlanTabs } from '../components/reader/PlanTabs';
import { UnitBlock } from '../components/reader/UnitBlock';
import { VersionBar } from '../components/reader/VersionBar';
import { StatusBadge } from '../components/StatusBadge';
import { useI18n } from '../i18n/i18n';
import { focusOnMount } from '../lib/focus';
import { windowState } from '../lib/format';
import { loadReceipts, saveReceipt, StoredReceipt } from '../lib/receipts';
import { selectedSpan, TextSpan } from '../lib/selection';
import { rollUp, unitCaption } from '../lib/units';
import { navigate } from '../router';

const REPORTED = ['reported', 'decided', 'results_published'];

export function readerHref(id: string, q: { unit?: string; plan?: number; version?: number }): string {
  const p = new URLSearchParams();
  if (q.version) p.set('version', String(q.version));
  if (q.plan !== undefined && q.plan !== MAIN_TEXT) p.set('plan', String(q.plan));
  if (q.unit) p.set('unit', q.unit);
  const s = p.toString();
  return `#/drafts/${id}${s ? `?${s}` : ''}`;
}

/** Scrolls to the unit named in `?unit=` and gives it focus, once its element exists. */
function useScrollToUnit(anchor: string | null, ready: boolean) {
  useEffect(() => {
    if (!anchor || !ready) return;
    const el = document.querySelector<HTMLElement>(`[data-anchor="${CSS.escape(anchor)}"]`);
    if (!el) return;
    el.scrollIntoView({ block: 'start' });
    el.focus({ preventScroll: true });
  }, [anchor, ready]);
}

/** Tracks a text selection made inside one unit's text. */
function useUnitSelection(): TextSpan | null {
  const [span, setSpan] = useState<TextSpan | null>(null);
  useEffect(() => {
    // selectionchange fires on every caret move; re-render the text only when the span changes.
    const on = () => {
      const next = selectedSpan(document.getSelection());
      setSpan((prev) => (prev?.anchor === next?.anchor && prev?.start === next?.start && prev?.end === next?.end ? prev : next));
    };
    document.addEventListener('selectionchange', on);
    return () => document.removeEventListener('selectionchange', on);
  }, []);
  return span;
}

/** The public reader: outline, the text unit by unit, materials, contact, plans, versions, commenting. */
export function DraftReaderPage({ params, query }: { params: Record<string, string>; query: URLSearchParams }) {
  const { t } = useI18n();
  const { me } = useSession();
  const id = params.id;
  const version = Number(query.get('version')) || undefined;
  const plan = query.has('plan') ? Number(query.get('plan')) : MAIN_TEXT;
  const focus = query.get('unit');
  const { data: draft, error, loading } = useApi<Draft>(`/drafts/${id}${version ? `?version=${version}` : ''}`);
  const [target, setTarget] = useState<CommentTarget | null>(null);
  const [lastReceipt, setLastReceipt] = useState<StoredReceipt | null>(null);
  const [openComments, setOpenComments] = useState<string | null>(null);
  const [receipts, setReceipts] = useState<StoredReceipt[]>(() => loadReceipts(id));
  const [reloadKey, setReloadKey] = useState(0);
  const selection = useUnitSelection();
  const isPublic = !!draft && draft.status !== 'draft' && draft.status !== 'in_review' && draft.status !== 'approved' && draft.status !== 'scheduled';
  const plans = isPublic && draft ? [{ planIndex: null, units: draft.units }, ...draft.alternatives.map((a) => ({ planIndex: a.planIndex, units: a.units }))] : null;
  const counts = useUnitCounts(id, draft?.version ?? 0, plans, reloadKey);
  const planIndex = plan === MAIN_TEXT ? null : plan;
  const units: DraftUnit[] = !draft ? [] : plan === MAIN_TEXT ? draft.units : (draft.alternatives.find((a) => a.planIndex === plan)?.units ?? []);
  useScrollToUnit(focus, units.length > 0);

  if (!draft) return <Loading error={error} loading={loading} />;

  const own = new Map(units.map((u) => [u.anchor, counts?.byUnit.get(countKey(planIndex, u.anchor)) ?? 0]));
  const rolled = counts ? rollUp(units, own) : null;
  const canComment = draft.status === 'open' && windowState(draft.commentOpensAt, draft.commentClosesAt).phase === 'open' && draft.version === (draft.latestVersion ?? draft.version);
  const href = (anchor: string) => readerHref(id, { unit: anchor, plan, version });

  const startComment = (u: DraftUnit, withSelection: boolean) => {
    const quote = withSelection && selection?.anchor === u.anchor ? { start: selection.start, end: selection.end, text: selection.text } : null;
    setLastReceipt(null);
    setTarget({ anchor: u.anchor, label: unitCaption(u, u.anchor), planIndex, quote });
  };
  const submitted = (created: CommentCreated) => {
    if (!target) return;
    const stored: StoredReceipt = { commentId: created.id, draftId: id, anchor: target.anchor, label: target.label, seq: created.seq, receipt: created.receipt, at: new Date().toISOString() };
    saveReceipt(stored);
    setReceipts(loadReceipts(id));
    setLastReceipt(stored);
    setTarget(null);
    setReloadKey((k) => k + 1);
  };

  return (
    <article className="reader" data-testid="reader">
      <header className="reader-head">
        <h1 data-testid="draft-title">{draft.title || t('untitled')}</h1>
        <p className="meta">
          <StatusBadge status={draft.status} />
          {REPORTED.includes(draft.status) && (
            <>
              {' '}
              <a href={`#/drafts/${id}/report`} data-testid="report-link">
                {t('adoptionReport')}
              </a>
            </>
          )}
          {hasRole(me, 'organizer', 'admin') && (
            <>
              {' '}
              <a href={`#/organizer/drafts/${id}`}>{t('manageDraft')}</a>
            </>
          )}
        </p>
        <VersionBar draftId={id} shown={draft.version} onVersion={(v) => navigate(readerHref(id, { version: v }).slice(1))} />
      </header>
      <ContactCard draft={draft} />
      <DraftPanels draft={draft} />
      <MyReceipts receipts={receipts} />
      <div className="reader-grid">
        {/* Not an <aside>: a complementary landmark may not sit inside <main>; the outline is a <nav>. */}
        <div className="reader-side">
          <details className="outline-box" open>
            <summary>{t('outline')}</summary>
            <Outline units={units} hrefOf={href} current={focus} counts={rolled} />
          </details>
        </div>
        <section className="text" aria-label={t('draftText')}>
          <PlanTabs alternatives={draft.alternatives} selected={plan} onSelect={(p) => navigate(readerHref(id, { plan: p, version }).slice(1))} />
          {canComment && <p className="muted small">{t('selectHint')}</p>}
          <div id="plan-panel" role={draft.alternatives.length ? 'tabpanel' : undefined} aria-labelledby={draft.alternatives.length ? `plan-tab-${plan}` : undefined}>
            {units.map((u) => (
              <UnitBlock
                key={`${plan}:${u.anchor}`}
                unit={u}
                highlighted={focus === u.anchor}
                count={counts ? (own.get(u.anchor) ?? 0) : null}
                mark={target?.anchor === u.anchor ? target.quote : null}
                hasSelection={selection?.anchor === u.anchor}
                commentsOpen={openComments === u.anchor}
                canComment={canComment}
                onComment={(withSelection) => startComment(u, withSelection)}
                onToggleComments={() => setOpenComments(openComments === u.anchor ? null : u.anchor)}
              >
                {target?.anchor === u.anchor && (
                  <CommentForm draftId={id} target={target} alternatives={draft.alternatives} onSubmitted={submitted} onCancel={() => setTarget(null)} />
                )}
                {lastReceipt?.anchor === u.anchor && (
                  <div aria-live="polite">
                    <p className="good" data-testid="comment-stored" tabIndex={-1} ref={focusOnMount}>
                      {t('commentStored')}
                    </p>
                    <ReceiptCard commentId={lastReceipt.commentId} receipt={lastReceipt.receipt} />
                  </div>
                )}
                {openComments === u.anchor && <UnitComments draftId={id} anchor={u.anchor} planIndex={planIndex} unitText={u.text} />}
              </UnitBlock>
            ))}
          </div>
        </section>
      </div>
      <ResultsCard draft={draft} />
    </article>
  );
}
