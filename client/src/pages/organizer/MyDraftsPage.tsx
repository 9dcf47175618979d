import { useState } from 'react';
import { DRAFT_STATUSES, DraftListItem, Page } from '../../api/types';
import { useApi } from '../../api/use-api';
import { Loading } from '../../components/ErrorNote';
import { StaffOnly } from '../../components/organizer/StaffOnly';
import { Pager } from '../../components/Pager';
import { StatusBadge, statusKey } from '../../components/StatusBadge';
import { useI18n } from '../../i18n/i18n';
import { formatTime } from '../../lib/format';
import { TableWrap } from '../../components/TableWrap';

/** The drafts of my unit in every status (GET /api/drafts?mine=true), most recently changed first. */
export function MyDraftsPage() {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const { data, error, loading } = useApi<Page<DraftListItem>>(`/drafts?mine=true&page=${page}${status ? `&status=${status}` : ''}`);
  return (
    <StaffOnly roles={['organizer', 'reviewer', 'admin']}>
      <section>
        <h1>{t('myDrafts')}</h1>
        <p>
          <a className="button" href="#/organizer/drafts/new" data-testid="new-draft">
            {t('newDraft')}
          </a>
        </p>
        <label className="inline">
          {t('statusFilter')}
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value);
              setPage(1);
            }}
          >
            <option value="">{t('allStatuses')}</option>
            {DRAFT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(statusKey(s))}
              </option>
            ))}
          </select>
        </label>
        <Loading error={error} loading={loading && !data} />
        {data && (
          <TableWrap label={t('myDrafts')}>
            <table data-testid="my-drafts">
              <caption className="sr-only">{t('myDrafts')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('draftTitleField')}</th>
                  <th scope="col">{t('status')}</th>
                  <th scope="col">{t('version')}</th>
                  <th scope="col">{t('updatedAt')}</th>
                  <th scope="col">{t('actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <a href={`#/organizer/drafts/${d.id}`}>{d.title || t('untitled')}</a>
                    </td>
                    <td>
                      <StatusBadge status={d.status} />
                    </td>
                    <td>{d.version}</td>
                    <td>{formatTime(d.updatedAt ?? null, lang)}</td>
                    <td className="actions">
                      {d.status === 'draft' && <a href={`#/organizer/drafts/${d.id}/edit`}>{t('edit')}</a>}
                      {['open', 'closed', 'reported', 'decided', 'results_published'].includes(d.status) && (
                        <a href={`#/organizer/drafts/${d.id}/analysis`}>{t('analysis')}</a>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {data.items.length === 0 && <p>{t('noDrafts')}</p>}
            <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
          </TableWrap>
        )}
      </section>
    </StaffOnly>
  );
}
