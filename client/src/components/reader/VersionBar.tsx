import { useState } from 'react';
import type { Page, VersionSummary } from '../../api/types';
import { useApi } from '../../api/use-api';
import { fill } from '../../i18n/fill';
import { useI18n } from '../../i18n/i18n';
import { formatDate } from '../../lib/format';
import { DiffView } from '../DiffView';

interface Props {
  draftId: string;
  shown: number;
  onVersion: (version: number) => void;
}

/** Which version is read, and the unit-by-unit comparison of two versions when there are several. */
export function VersionBar({ draftId, shown, onVersion }: Props) {
  const { t, lang } = useI18n();
  const { data } = useApi<Page<VersionSummary>>(`/drafts/${draftId}/versions`);
  const versions = data?.items ?? [];
  const [comparing, setComparing] = useState(false);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  if (versions.length < 2) return null;
  const newest = versions[versions.length - 1].version;
  const a = from ?? Math.max(1, shown - 1 || newest - 1);
  const b = to ?? (shown > a ? shown : newest);
  const option = (v: VersionSummary) => (
    <option key={v.version} value={v.version}>
      {fill(t('versionN'), { n: v.version })} {v.publishedAt ? `(${formatDate(v.publishedAt, lang)})` : ''}
    </option>
  );
  return (
    <div className="version-bar">
      <label className="inline">
        {t('version')}
        <select value={shown} onChange={(e) => onVersion(Number(e.target.value))} data-testid="version-select">
          {versions.map(option)}
        </select>
      </label>
      <button type="button" className="secondary" aria-expanded={comparing} onClick={() => setComparing(!comparing)} data-testid="diff-toggle">
        {t('compareVersions')}
      </button>
      {comparing && (
        <>
          <div className="inline-fields">
            <label className="inline">
              {t('diffFrom')}
              <select value={a} onChange={(e) => setFrom(Number(e.target.value))}>
                {versions.map(option)}
              </select>
            </label>
            <label className="inline">
              {t('diffTo')}
              <select value={b} onChange={(e) => setTo(Number(e.target.value))}>
                {versions.map(option)}
              </select>
            </label>
          </div>
          <DiffView draftId={draftId} from={a} to={b} />
        </>
      )}
    </div>
  );
}
