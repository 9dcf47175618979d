import { FormEvent, useState } from 'react';
import type { LiveClient, LiveSegment } from '../../live/live-client';
import { useI18n } from '../../i18n/i18n';
import { ErrorNote } from '../ErrorNote';
import { useAction } from '../hearings/use-action';

/** The clerk corrects a segment during the hearing: a new revision, the earlier one kept. */
export function CorrectSegment({ client, segment, onClose }: { client: LiveClient; segment: LiveSegment; onClose: () => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(segment.text);
  const action = useAction();
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (await action.run(() => client.correct(segment.seq, text))) onClose();
  };
  return (
    <form className="card correct-segment" onSubmit={save} data-testid="correct-form">
      <label>
        {t('clerkCorrect')} #{segment.seq} · {segment.speaker}
        <textarea value={text} maxLength={10000} onChange={(e) => setText(e.target.value)} autoFocus data-testid="correct-text" />
      </label>
      <ErrorNote message={action.error} />
      <div className="actions">
        <button type="submit" disabled={action.busy || !text.trim() || text === segment.text} data-testid="correct-save">
          {t('clerkCorrectSave')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('clerkCorrectCancel')}
        </button>
      </div>
    </form>
  );
}
