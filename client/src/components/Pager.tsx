import { useI18n } from '../i18n/i18n';
import { fill } from '../i18n/fill';

/** Previous / next for a `{page, pageSize, total}` list. */
export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (page: number) => void }) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={t('pagination')}>
      <button type="button" className="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('prevPage')}
      </button>
      <span aria-live="polite">{fill(t('pageOf'), { page, pages })}</span>
      <button type="button" className="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('nextPage')}
      </button>
    </nav>
  );
}
