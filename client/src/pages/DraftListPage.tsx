import { FormEvent } from 'react';
import { DraftListItem, Page, PUBLIC_STATUSES } from '../api/types';
import { useApi } from '../api/use-api';
import { Loading } from '../components/ErrorNote';
import { Pager } from '../components/Pager';
import { StatusBadge, statusKey } from '../components/StatusBadge';
import { WindowNote } from '../components/WindowNote';
import { fill } from '../i18n/fill';
import { useI18n } from '../i18n/i18n';
import { formatDate } from '../lib/format';
import { navigate } from '../router';

/** Public drafts, newest first: search by title or text (?q=), filter by status, page through. */
export function DraftListPage({ query }: { query: URLSearchParams }) {
  const { t, lang } = useI18n();
  const q = query.get('q') ?? '';
  const status = query.get('status') ?? '';
  const page = Math.max(1, Number(query.get('page')) || 1);
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (status) params.set('status', status);
  params.set('page', String(page));
  const { data, error, loading } = useApi<Page<DraftListItem>>(`/drafts?${params}`);

  const go = (next: { q?: string; status?: string; page?: number }) => {
    const p = new URLSearchParams();
    const nq = next.q ?? q;
    const ns = next.status ?? status;
    if (nq) p.set('q', nq);
    if (ns) p.set('status', ns);
    if (next.page && next.page > 1) p.set('page', String(next.page));
    const s = p.toString();
    navigate(`/drafts${s ? `?${s}` : ''}`);
  };
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    go({ q: String(f.get('q') ?? '').trim(), status: String(f.get('status') ?? ''), page: 1 });
  };

  return (
    <section>
      <h1>{t('draftsTitle')}</h1>
      <form className="filters" role="search" onSubmit={submit} key={`${q}|${status}`}>
        <label>
          {t('searchLabel')}
          <input name="q" type="search" defaultValue={q} maxLength={100} placeholder={t('searchPlaceholder')} data-testid="draft-search" />
        </label>
        <label>
          {t('statusFilter')}
          <select name="status" defaultValue={status} data-testid="status-filter">
            <option value="">{t('allStatuses')}</option>
            {PUBLIC_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(statusKey(s))}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('search')}</button>
      </form>
      <Loading error={error} loading={loading && !data} />
      {data && (
        <>
          <p className="muted" aria-live="polite">
            {fill(t('resultCount'), { n: data.total })}
          </p>
          <ul className="draft-list" data-testid="draft-list">
            {data.items.map((d) => (
              <li key={d.id} className="card">
                <h2>
                  <a href={`#/drafts/${d.id}`}>{d.title || t('untitled')}</a>
                </h2>
                <p className="meta">
                  <StatusBadge status={d.status} /> {d.unitName && <span>{d.unitName}</span>}{' '}
                  <span>
                    {t('publishedAt')} {formatDate(d.publishedAt, lang)}
                  </span>
                </p>
                <WindowNote opensAt={d.commentOpensAt} closesAt={d.commentClosesAt} />
              </li>
            ))}
          </ul>
          {data.items.length === 0 && <p>{t('noDrafts')}</p>}
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(p) => go({ page: p })} />
        </>
      )}
    </section>
  );
}
