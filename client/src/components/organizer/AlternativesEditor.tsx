import { useI18n } from '../../i18n/i18n';

type Plan = { title: string; body: string };

/** Alternative plans (备选方案, R3): two or more, each with a title and its own text. */
export function AlternativesEditor({ plans, onChange }: { plans: Plan[]; onChange: (plans: Plan[]) => void }) {
  const { t } = useI18n();
  const set = (i: number, patch: Partial<Plan>) => onChange(plans.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <fieldset className="alternatives" data-testid="alternatives">
      <legend>{t('alternatives')}</legend>
      <p className="muted small">{t('alternativesHint')}</p>
      {plans.map((p, i) => (
        <div key={i} className="card plan" data-testid={`alternative-${i}`}>
          <h4>
            {t('planPrefix')}
            {i + 1}
          </h4>
          <label>
            {t('planTitle')}
            <input value={p.title} maxLength={200} onChange={(e) => set(i, { title: e.target.value })} data-testid={`alternative-title-${i}`} />
          </label>
          <label>
            {t('planBody')}
            <textarea value={p.body} onChange={(e) => set(i, { body: e.target.value })} data-testid={`alternative-body-${i}`} />
          </label>
          <button type="button" className="secondary" onClick={() => onChange(plans.filter((_, j) => j !== i))}>
            {t('removePlan')}
          </button>
        </div>
      ))}
      <button type="button" className="secondary" onClick={() => onChange([...plans, { title: '', body: '' }])} data-testid="add-alternative">
        {t('addPlan')}
      </button>
    </fieldset>
  );
}
