import { useState } from 'react';
import { api } from '../../api/client';
import type { Analysis, Cluster } from '../../api/types';
import { fill } from '../../i18n/fill';
import { useI18n } from '../../i18n/i18n';
import { ErrorNote, Problem } from '../ErrorNote';
import { DispositionForm, DispositionText } from './DispositionForm';

const sampleText = (c: Cluster) => (typeof c.sample === 'string' ? c.sample : c.sample?.text) ?? '';

/** Marks a cluster concentrated below the threshold, or lets the threshold decide again (R8). */
function FlagButton({ draftId, cluster, onDone }: { draftId: string; cluster: Cluster; onDone: () => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<Problem>(null);
  const flag = async () => {
    try {
      await api(`/drafts/${draftId}/clusters/${cluster.id}/concentrated`, { method: 'PUT', body: { concentrated: cluster.flagged ? null : true } });
      onDone();
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <>
      <button type="button" className="link" onClick={flag}>
        {cluster.flagged ? t('unflagCluster') : t('flagCluster')}
      </button>
      <ErrorNote message={error} testId="flag-error" />
    </>
  );
}

function ClusterItem({ draftId, cluster, onDone }: { draftId: string; cluster: Cluster; onDone: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <li className={`card cluster${cluster.concentrated ? ' concentrated' : ''}`} data-testid="cluster" data-concentrated={String(cluster.concentrated)}>
      <p className="meta">
        <strong>{fill(t('clusterSize'), { n: cluster.size })}</strong>
        {cluster.concentrated && <span className="badge bad">{t('concentrated')}</span>}
        <DispositionText d={cluster.disposition} />
      </p>
      <blockquote className="quote">{sampleText(cluster)}</blockquote>
      <div className="actions">
        <button type="button" className="secondary" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="cluster-dispose">
          {t('disposeCluster')}
        </button>
        {(!cluster.concentrated || cluster.flagged) && <FlagButton draftId={draftId} cluster={cluster} onDone={onDone} />}
      </div>
      {open && (
        <DispositionForm
          path={`/drafts/${draftId}/clusters/${cluster.id}/disposition`}
          current={cluster.disposition}
          concentrated={cluster.concentrated}
          testId={`cluster-form-${cluster.id}`}
          onDone={() => {
            setOpen(false);
            onDone();
          }}
        />
      )}
    </li>
  );
}

/** Near-duplicate clusters with a sample, the concentrated ones flagged (R8), answerable as a whole. */
export function ClusterList({ draftId, analysis, onDone }: { draftId: string; analysis: Analysis; onDone: () => void }) {
  const { t } = useI18n();
  return (
    <section data-testid="clusters">
      <h2>{t('clusters')}</h2>
      <p className="muted">{fill(t('thresholdNote'), { n: analysis.concentrationThreshold })}</p>
      {analysis.clusters.length === 0 && <p className="muted">{t('noClusters')}</p>}
      <ul className="plain">
        {analysis.clusters.map((c) => (
          <ClusterItem key={c.id} draftId={draftId} cluster={c} onDone={onDone} />
        ))}
      </ul>
    </section>
  );
}

/** The most frequent terms across the comments (segmented at intake). */
export function Keywords({ keywords }: { keywords: Analysis['keywords'] }) {
  const { t } = useI18n();
  const max = Math.max(1, ...keywords.map((k) => k.weight));
  return (
    <section className="card" data-testid="keywords">
      <h2>{t('keywords')}</h2>
      {keywords.length === 0 && <p className="muted">{t('noKeywords')}</p>}
      <ul className="keywords">
        {keywords.map((k) => (
          <li key={k.term} style={{ fontSize: `${0.85 + (0.7 * k.weight) / max}rem` }}>
            {k.term} <span className="muted small">{k.weight}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
