import type { DraftUnit } from '../../api/types';
import { fill } from '../../i18n/fill';
import { useI18n } from '../../i18n/i18n';
import { heat, outlineUnits } from '../../lib/units';

interface Props {
  units: DraftUnit[];
  /** Link to a unit, e.g. `#/drafts/<id>?unit=a5`. */
  hrefOf: (anchor: string) => string;
  current: string | null;
  /** Comments per unit including its sub-units; absent while not known. */
  counts: Map<string, number> | null;
}

/** Chapters, sections and articles as links; with counts, a heatmap of where people commented. */
export function Outline({ units, hrefOf, current, counts }: Props) {
  const { t } = useI18n();
  const items = outlineUnits(units);
  const articleMax = counts ? Math.max(0, ...items.filter((u) => u.kind === 'article' || items.length === units.length).map((u) => counts.get(u.anchor) ?? 0)) : 0;
  return (
    <nav className="outline" aria-label={t('outline')} data-testid="outline">
      {items.length === 0 && <p className="muted">{t('noUnits')}</p>}
      <ol>
        {items.map((u) => {
          const n = counts?.get(u.anchor) ?? 0;
          const level = u.kind === 'article' || items.length === units.length ? heat(n, articleMax) : 0;
          return (
            <li key={u.anchor} className={`outline-${u.kind}`} style={{ paddingInlineStart: `${Math.min(u.depth, 4) * 0.8}rem` }}>
              <a
                href={hrefOf(u.anchor)}
                aria-current={current === u.anchor ? 'location' : undefined}
                data-outline={u.anchor}
                className={level > 0 ? 'heated' : undefined}
                style={level > 0 ? { background: `hsla(4, 75%, 50%, ${0.12 + 0.5 * level})` } : undefined}
              >
                <span className="outline-label">{u.label}</span> <span className="outline-text">{u.text.slice(0, 18)}</span>
                {counts && n > 0 && (
                  <span className="count" data-testid={`heat-${u.anchor}`} aria-label={fill(t('commentCount'), { n })}>
                    {n}
                  </span>
                )}
              </a>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
