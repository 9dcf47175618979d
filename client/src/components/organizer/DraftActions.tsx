import type { Draft } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { ActionForm } from './ActionForm';

interface Props {
  draft: Draft;
  onDone: () => void;
}

const text = (f: FormData, name: string) => String(f.get(name) ?? '').trim();

/** The drafter's submission with the R4 declaration: disclosure attribute and "nothing confidential". */
export function SubmitForm({ draft, onDone }: Props) {
  const { t } = useI18n();
  return (
    <ActionForm
      path={`/drafts/${draft.id}/submit`}
      label={t('submitForReview')}
      testId="submit-draft"
      onDone={onDone}
      body={(f) => {
        if (f.get('confidential') !== 'on') return t('declareConfidential');
        const note = text(f, 'note');
        return { disclosure: f.get('disclosure'), confidentialChecked: true, ...(note ? { note } : {}) };
      }}
    >
      <h2>{t('submitForReview')}</h2>
      <label>
        {t('disclosure')}
        <select name="disclosure" defaultValue="public" data-testid="disclosure">
          <option value="public">{t('disclosure_public')}</option>
          <option value="conditional">{t('disclosure_conditional')}</option>
        </select>
      </label>
      <label className="check">
        <input type="checkbox" name="confidential" data-testid="confidential-check" /> {t('confidentialDeclaration')}
      </label>
      <label>
        {t('note')}
        <input name="note" maxLength={2000} />
      </label>
    </ActionForm>
  );
}

export function PublishForm({ draft, onDone }: Props) {
  const { t } = useI18n();
  return (
    <ActionForm path={`/drafts/${draft.id}/publish`} label={t('publish')} testId="publish-draft" onDone={onDone} body={() => ({})}>
      <h2>{t('publish')}</h2>
      <p className="muted">{t('publishHint')}</p>
    </ActionForm>
  );
}

/** Submit for decision: refused with R9 until the adoption report is published. */
export function DecideForm({ draft, onDone }: Props) {
  const { t } = useI18n();
  return (
    <ActionForm path={`/drafts/${draft.id}/decide`} label={t('decide')} testId="decide-draft" onDone={onDone} body={(f) => (text(f, 'note') ? { note: text(f, 'note') } : {})}>
      <h2>{t('decide')}</h2>
      <label>
        {t('decisionNote')}
        <input name="note" maxLength={2000} />
      </label>
    </ActionForm>
  );
}

/** Results and execution after the decision (R20); again later to add an execution update. */
export function ResultsForm({ draft, onDone }: Props) {
  const { t } = useI18n();
  return (
    <ActionForm
      path={`/drafts/${draft.id}/results`}
      label={t('publishResults')}
      testId="publish-results"
      onDone={onDone}
      body={(f) => (!text(f, 'summary') || !text(f, 'execution') ? t('resultsRequired') : { summary: text(f, 'summary'), execution: text(f, 'execution') })}
    >
      <h2>{t('resultsTitle')}</h2>
      <label>
        {t('resultsSummary')}
        <textarea name="summary" maxLength={20000} required />
      </label>
      <label>
        {t('resultsExecution')}
        <textarea name="execution" maxLength={20000} required />
      </label>
    </ActionForm>
  );
}

/** Review levels are configured per unit; the default one has a translated name. */
export const levelName = (level: string, t: (k: 'levelContent') => string) => (level === 'content' ? t('levelContent') : level);

/** Where the review chain stands (R4): levels in order, how many approved, which one is next. */
export function ReviewProgress({ draft }: { draft: Draft }) {
  const { t } = useI18n();
  if (!draft.review) return null;
  const { levels, approved } = draft.review;
  return (
    <ol className="review-chain" aria-label={t('reviewChain')} data-testid="review-chain">
      {levels.map((level, i) => (
        <li key={`${level}-${i}`} className={i < approved ? 'good' : 'muted'}>
          {i < approved ? '✓ ' : '○ '}
          {levelName(level, t)}
        </li>
      ))}
    </ol>
  );
}
