import { FormEvent, ReactNode, useDeferredValue, useMemo, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { CONTACT_FIELDS, DraftFormState, formHints } from '../../lib/draft-form';
import { previewUnits } from '../../lib/parse-preview';
import { ErrorNote, Problem } from '../ErrorNote';
import { AlternativesEditor } from './AlternativesEditor';
import { ParsedOutline } from './ParsedOutline';

interface Props {
  initial: DraftFormState;
  /** Saves; resolves to the error to show next to the form, or null. */
  onSave: (state: DraftFormState) => Promise<Problem>;
  submitLabel: string;
  /** Shown under the preview, e.g. the units the server stored. */
  after?: ReactNode;
}

const contactKey = (k: string) => `contact${k[0].toUpperCase()}${k.slice(1)}` as MessageKey;

/** Every field of R1, the window, the alternatives, and the parsed outline updated as one types. */
export function DraftForm({ initial, onSave, submitLabel, after }: Props) {
  const { t } = useI18n();
  const [f, setF] = useState(initial);
  const [error, setError] = useState<Problem>(null);
  const [busy, setBusy] = useState(false);
  const body = useDeferredValue(f.body);
  const units = useMemo(() => previewUnits(body), [body]);
  const hints = formHints(f);
  const set = (patch: Partial<DraftFormState>) => setF({ ...f, ...patch });
  const text = (name: 'title' | 'basis' | 'reasons' | 'interpretation', label: MessageKey, area = true) => (
    <label>
      {t(label)}
      {area ? (
        <textarea name={name} value={f[name]} onChange={(e) => set({ [name]: e.target.value })} data-testid={`field-${name}`} />
      ) : (
        <input name={name} value={f[name]} maxLength={200} onChange={(e) => set({ [name]: e.target.value })} data-testid={`field-${name}`} />
      )}
    </label>
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(await onSave(f));
    setBusy(false);
  };

  return (
    <form className="draft-form" onSubmit={submit} data-testid="draft-form">
      <div className="editor-grid">
        <div>
          {text('title', 'draftTitleField', false)}
          <label>
            {t('bodyField')}
            <textarea name="body" className="body-input" value={f.body} onChange={(e) => set({ body: e.target.value })} placeholder={t('bodyPlaceholder')} data-testid="field-body" />
          </label>
          {text('basis', 'basis')}
          {text('reasons', 'reasons')}
          {text('interpretation', 'interpretation')}
          <fieldset>
            <legend>{t('contact')}</legend>
            {CONTACT_FIELDS.map((k) => (
              <label key={k}>
                {t(contactKey(k))}
                <input
                  name={`contact.${k}`}
                  type={k === 'email' ? 'email' : 'text'}
                  value={f.contact[k]}
                  onChange={(e) => set({ contact: { ...f.contact, [k]: e.target.value } })}
                  data-testid={`field-contact-${k}`}
                />
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('window')}</legend>
            <label>
              {t('opensAt')}
              <input type="datetime-local" value={f.opens} onChange={(e) => set({ opens: e.target.value })} data-testid="field-opens" />
            </label>
            <label>
              {t('closesAt')}
              <input type="datetime-local" value={f.closes} onChange={(e) => set({ closes: e.target.value })} data-testid="field-closes" />
            </label>
          </fieldset>
          <AlternativesEditor plans={f.alternatives} onChange={(alternatives) => set({ alternatives })} />
        </div>
        <div className="preview">
          <ParsedOutline units={units} title={t('livePreview')} testId="parse-preview" />
          {after}
        </div>
      </div>
      {hints.length > 0 && (
        <ul className="hints" data-testid="form-hints">
          {hints.map((h) => (
            <li key={h} className="muted">
              {t(`hint_${h}` as MessageKey)}
            </li>
          ))}
        </ul>
      )}
      <ErrorNote message={error} testId="draft-form-error" />
      <button type="submit" disabled={busy} data-testid="save-draft">
        {busy ? t('saving') : submitLabel}
      </button>
    </form>
  );
}
