import { FormEvent } from 'react';
import { HEARING_CATEGORIES, Hearing } from '../../api/hearing-types';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { fromLocalInput, toLocalInput } from '../../lib/format';
import { ErrorNote, Problem } from '../ErrorNote';
import { categoryLabel } from './Announcement';

const TEXTS: Array<[string, MessageKey]> = [
  ['content', 'hearingMatter'],
  ['reasons', 'hearingReasons'],
  ['basis', 'hearingBasis'],
  ['background', 'hearingBackground'],
];
const TIMES: Array<[keyof Hearing & string, MessageKey]> = [
  ['startsAt', 'hearingStartsAt'],
  ['signupOpensAt', 'hearingSignupOpens'],
  ['signupClosesAt', 'hearingSignupCloses'],
];

/** The hearing body for POST /api/hearings and PATCH: blank fields are left out (saved incomplete). */
function bodyOf(form: FormData): Record<string, unknown> {
  const text = (name: string) => {
    const v = String(form.get(name) ?? '').trim();
    return v || undefined;
  };
  const quotas = Object.fromEntries(HEARING_CATEGORIES.map((c) => [c, Number(form.get(`quota-${c}`) || 0)]));
  const body: Record<string, unknown> = {
    title: text('title'),
    matter: Object.fromEntries(TEXTS.map(([k]) => [k, text(`matter-${k}`)])),
    venue: text('venue'),
    signupMethod: text('signupMethod'),
    selectionMethod: text('selectionMethod'),
    quotas,
  };
  for (const [k] of TIMES) body[k] = fromLocalInput(String(form.get(k) ?? ''));
  return body;
}

/** Create or edit a hearing; announcing checks R11 and R12 on the server, which explains any refusal. */
export function HearingForm({ hearing, onSubmit, busy, error, submitLabel }: { hearing?: Hearing; onSubmit: (body: Record<string, unknown>) => void; busy: boolean; error: Problem; submitLabel: string }) {
  const { t } = useI18n();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    onSubmit(bodyOf(new FormData(e.currentTarget)));
  };
  return (
    <form className="card hearing-form" onSubmit={submit} data-testid="hearing-form">
      <label>
        {t('hgTitle')}
        <input name="title" required maxLength={200} defaultValue={hearing?.title ?? ''} />
      </label>
      {TEXTS.map(([k, label]) => (
        <label key={k}>
          {t(label)}
          <textarea name={`matter-${k}`} maxLength={20000} defaultValue={hearing?.matter[k as keyof Hearing['matter']] ?? ''} />
        </label>
      ))}
      <label>
        {t('hearingVenue')}
        <input name="venue" maxLength={500} defaultValue={hearing?.venue ?? ''} />
      </label>
      <div className="inline-fields">
        {TIMES.map(([k, label]) => (
          <label key={k}>
            {t(label)}
            <input type="datetime-local" name={k} defaultValue={toLocalInput(hearing?.[k] as string | null)} />
          </label>
        ))}
      </div>
      <label>
        {t('hearingSignupMethod')}
        <textarea name="signupMethod" maxLength={2000} defaultValue={hearing?.signupMethod ?? t('hearingSignupMethodDefault')} />
      </label>
      <label>
        {t('hearingSelectionMethod')}
        <textarea name="selectionMethod" maxLength={2000} defaultValue={hearing?.selectionMethod ?? t('hearingSelectionMethodDefault')} />
      </label>
      <fieldset>
        <legend>{t('hearingQuotas')}</legend>
        <p className="muted small">{t('hearingQuotasHint')}</p>
        <div className="quota-inputs">
          {HEARING_CATEGORIES.map((c) => (
            <label key={c}>
              {categoryLabel(t, c)}
              <input type="number" name={`quota-${c}`} min={0} max={500} defaultValue={hearing?.quotas?.[c] ?? (c === 'stakeholder' || c === 'resident' ? 3 : 1)} />
            </label>
          ))}
        </div>
      </fieldset>
      <ErrorNote message={error} testId="hearing-form-error" />
      <button type="submit" disabled={busy} data-testid="hearing-save">
        {submitLabel}
      </button>
    </form>
  );
}
