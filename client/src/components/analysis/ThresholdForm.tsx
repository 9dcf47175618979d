import { FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { Analysis } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { ErrorNote, Problem } from '../ErrorNote';

/** The cluster size from which an opinion counts as concentrated (R8); empty restores the default. */
export function ThresholdForm({ draftId, analysis, onDone }: { draftId: string; analysis: Analysis; onDone: () => void }) {
  const { t } = useI18n();
  const [value, setValue] = useState(analysis.thresholdSet ? String(analysis.concentrationThreshold) : '');
  const [error, setError] = useState<Problem>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = value.trim() === '' ? null : Number(value);
    if (n !== null && (!Number.isInteger(n) || n < 2)) return setError(t('thresholdInvalid'));
    try {
      await api(`/drafts/${draftId}/analysis/settings`, { method: 'PUT', body: { concentrationThreshold: n } });
      setError(null);
      onDone();
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <form className="inline-fields" onSubmit={submit} data-testid="threshold-form">
      <label className="inline">
        {t('threshold')}
        <input type="number" min={2} value={value} onChange={(e) => setValue(e.target.value)} placeholder={String(analysis.concentrationThreshold)} style={{ width: '6rem' }} />
      </label>
      <button type="submit" className="secondary">
        {t('save')}
      </button>
      <ErrorNote message={error} testId="threshold-error" />
    </form>
  );
}
