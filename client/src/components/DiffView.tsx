import type { UnitDiff, VersionDiff } from '../api/types';
import { useApi } from '../api/use-api';
import { fill } from '../i18n/fill';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { Loading } from './ErrorNote';

function Change({ c }: { c: UnitDiff }) {
  const { t } = useI18n();
  const unit = c.to ?? c.from!;
  return (
    <li className={`diff diff-${c.change}`} data-change={c.change} data-testid="diff-change">
      <p>
        <span className="badge">{t(`change_${c.change}` as MessageKey)}</span> <strong>{unit.label || unit.anchor}</strong>
      </p>
      {c.change === 'modified' && c.from && c.to ? (
        <div className="diff-pair">
          <del aria-label={t('diffOld')}>{c.from.text}</del>
          <ins aria-label={t('diffNew')}>{c.to.text}</ins>
        </div>
      ) : c.change === 'removed' ? (
        <del>{unit.text}</del>
      ) : (
        <ins>{unit.text}</ins>
      )}
    </li>
  );
}

/** Unit-by-unit changes between two versions (GET /api/drafts/:id/diff); unchanged units are counted, not listed. */
export function DiffView({ draftId, from, to }: { draftId: string; from: number; to: number }) {
  const { t } = useI18n();
  const { data, error, loading } = useApi<VersionDiff>(`/drafts/${draftId}/diff?from=${from}&to=${to}`);
  if (!data) return <Loading error={error} loading={loading} />;
  const changed = data.changes.filter((c) => c.change !== 'unchanged');
  return (
    <section className="card" data-testid="diff-view" aria-live="polite">
      <h2>{fill(t('diffTitle'), { from: data.from, to: data.to })}</h2>
      <p className="muted">
        {fill(t('diffSummary'), {
          added: changed.filter((c) => c.change === 'added').length,
          removed: changed.filter((c) => c.change === 'removed').length,
          modified: changed.filter((c) => c.change === 'modified').length,
          unchanged: data.changes.length - changed.length,
        })}
      </p>
      <ol className="diff-list">
        {changed.map((c, i) => (
          <Change key={`${c.from?.anchor}-${c.to?.anchor}-${i}`} c={c} />
        ))}
      </ol>
    </section>
  );
}
