import { FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { OwnerKind, ownerPath } from '../../api/hearing-types';
import { useI18n } from '../../i18n/i18n';
import { ErrorNote } from '../ErrorNote';
import { categoryLabel } from './Announcement';
import { useAction } from './use-action';

interface Props {
  kind: OwnerKind;
  id: string;
  eligible: { lists: Array<{ category: string; labels: string[] }>; selfRecommendations: Array<{ category: string; labels: string[]; note: string }> };
  onDone: () => void;
}

/** 自行推荐 (R13): the applicants of a category agreed whom to send; recorded instead of a draw. */
export function SelfRecommendForm({ kind, id, eligible, onDone }: Props) {
  const { t } = useI18n();
  const [category, setCategory] = useState(eligible.lists[0]?.category ?? '');
  const [labels, setLabels] = useState('');
  const [note, setNote] = useState('');
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { category, labels: labels.split(/[\s,，]+/).filter(Boolean), note };
    if (await action.run(() => api(`${ownerPath(kind, id)}/self-recommendation`, { method: 'POST', body }))) onDone();
  };
  if (kind !== 'hearing') return null;
  return (
    <details className="self-recommend">
      <summary>{t('selfRecTitle')}</summary>
      {eligible.selfRecommendations.map((r) => (
        <p key={r.category} className="small">
          {categoryLabel(t, r.category)}: {r.labels.join(', ')} — {r.note}
        </p>
      ))}
      <form onSubmit={submit}>
        <label>
          {t('hgCategory')}
          <select value={category} onChange={(e) => setCategory(e.target.value)}>
            {eligible.lists.map((l) => (
              <option key={l.category} value={l.category}>
                {categoryLabel(t, l.category)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('selfRecLabels')}
          <input value={labels} required onChange={(e) => setLabels(e.target.value)} placeholder="H-0001, H-0004" />
        </label>
        <label>
          {t('selfRecNote')}
          <textarea value={note} required maxLength={2000} onChange={(e) => setNote(e.target.value)} />
        </label>
        <ErrorNote message={action.error} />
        <button type="submit" className="secondary" disabled={action.busy}>
          {t('selfRecSubmit')}
        </button>
      </form>
    </details>
  );
}
