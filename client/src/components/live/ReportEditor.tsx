import { FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { LiveRoster } from '../../api/live-types';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { ErrorNote } from '../ErrorNote';
import { useAction } from '../hearings/use-action';

interface Opinion {
  seatId: string;
  representative: string;
  summary: string;
  adopted: boolean;
  reason: string;
}

const blank = (): Opinion => ({ seatId: '', representative: '', summary: '', adopted: true, reason: '' });

/** The organizer writes the hearing report (R15): conclusions and each representative's opinions. */
export function ReportEditor({ hearingId, onDone }: { hearingId: string; onDone: () => void }) {
  const { t } = useI18n();
  const roster = useApi<LiveRoster>(`/hearings/${hearingId}/roster/live`);
  const [conclusions, setConclusions] = useState('');
  const [opinions, setOpinions] = useState<Opinion[]>([blank()]);
  const action = useAction();
  const set = (i: number, patch: Partial<Opinion>) => setOpinions(opinions.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      conclusions,
      opinions: opinions
        .filter((o) => o.summary.trim())
        .map((o) => ({
          ...(o.seatId ? { seatId: o.seatId } : { representative: o.representative }),
          summary: o.summary,
          adopted: o.adopted,
          ...(o.reason.trim() ? { reason: o.reason } : {}),
        })),
    };
    if (await action.run(() => api(`/hearings/${hearingId}/report`, { method: 'POST', body }))) onDone();
  };
  return (
    <form className="card report-editor" onSubmit={submit} data-testid="report-editor">
      <h2>{t('reportWrite')}</h2>
      <label>
        {t('reportConclusions')}
        <textarea value={conclusions} maxLength={20000} onChange={(e) => setConclusions(e.target.value)} data-testid="report-conclusions" />
      </label>
      {opinions.map((o, i) => (
        <fieldset key={i} className="opinion-edit">
          <legend>
            {t('reportOpinion')} {i + 1}
          </legend>
          <label>
            {t('reportRepresentative')}
            <select value={o.seatId} onChange={(e) => set(i, { seatId: e.target.value })}>
              <option value="">{t('reportOtherSpeaker')}</option>
              {roster.data?.representatives.map((r) => (
                <option key={r.seatId} value={r.seatId}>
                  {r.displayName} ({r.label ?? r.category})
                </option>
              ))}
            </select>
          </label>
          {!o.seatId && (
            <label>
              {t('reportSpeakerName')}
              <input value={o.representative} maxLength={100} onChange={(e) => set(i, { representative: e.target.value })} />
            </label>
          )}
          <label>
            {t('reportSummary')}
            <textarea value={o.summary} maxLength={5000} onChange={(e) => set(i, { summary: e.target.value })} />
          </label>
          <label className="check">
            <input type="checkbox" checked={o.adopted} onChange={(e) => set(i, { adopted: e.target.checked })} />
            {t('reportAdopted')}
          </label>
          <label>
            {o.adopted ? t('reportNote') : t('reportWhyNot')}
            <textarea value={o.reason} maxLength={5000} onChange={(e) => set(i, { reason: e.target.value })} />
          </label>
        </fieldset>
      ))}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => setOpinions([...opinions, blank()])}>
          {t('reportAddOpinion')}
        </button>
      </div>
      <ErrorNote message={action.error} testId="report-error" />
      <button type="submit" disabled={action.busy} data-testid="report-publish">
        {t('reportPublish')}
      </button>
    </form>
  );
}
