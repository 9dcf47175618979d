import type { DraftUnit, UnitKind } from '../../api/types';
import { fill } from '../../i18n/fill';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

export const kindKey = (k: UnitKind) => `kind_${k}` as MessageKey;

/** The structure the parser found: one line per unit, indented by depth, with its kind and anchor. */
export function ParsedOutline({ units, title, testId }: { units: DraftUnit[]; title: string; testId: string }) {
  const { t } = useI18n();
  const articles = units.filter((u) => u.kind === 'article').length;
  return (
    <section className="card parsed" aria-label={title} data-testid={testId}>
      <h3>{title}</h3>
      <p className="muted" aria-live="polite">
        {fill(t('parsedSummary'), { units: units.length, articles })}
      </p>
      <ol className="parsed-list">
        {units.map((u) => (
          <li key={u.anchor} style={{ paddingInlineStart: `${Math.min(u.depth, 6) * 1}rem` }} data-parsed={u.anchor}>
            <span className="badge">{t(kindKey(u.kind))}</span> <strong>{u.label}</strong> <span className="muted">{u.text.slice(0, 40)}</span>{' '}
            <code className="muted small">{u.anchor}</code>
          </li>
        ))}
      </ol>
    </section>
  );
}
