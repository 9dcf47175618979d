import type { DrawRecord, OwnerKind } from '../../api/hearing-types';
import { useSession } from '../../api/session';
import { fill } from '../../i18n/fill';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { categoryLabel } from './Announcement';
import { useMine } from './SignupCard';

type Outcome = 'selected' | 'alternate' | 'not-selected' | 'not-in-draw';

/** Where `label` stands in the record: drawn, the n-th alternate, not drawn, or not on any list. */
export function outcomeOf(record: DrawRecord, label: string): { outcome: Outcome; category?: string; n?: number } {
  const c = record.categories.find((x) => x.labels.includes(label));
  if (!c) return { outcome: 'not-in-draw' };
  if (c.selected.includes(label)) return { outcome: 'selected', category: c.category };
  const alternate = c.alternates.indexOf(label);
  if (alternate >= 0) return { outcome: 'alternate', category: c.category, n: alternate + 1 };
  return { outcome: 'not-selected', category: c.category };
}

/**
 * A signed-in applicant's own line on the public draw page: their public label and what the record
 * says about it. Read from the record itself (not from the server's status), so it is exactly what
 * the verifier below checks.
 */
export function MyDrawResult({ kind, id, record }: { kind: OwnerKind; id: string; record: DrawRecord }) {
  const { t } = useI18n();
  const { me } = useSession();
  const { mine } = useMine(kind, id, !!me);
  if (!me || !mine || mine === 'none') return null;
  const r = outcomeOf(record, mine.label);
  const values = { label: mine.label, category: r.category ? categoryLabel(t, r.category) : '', n: r.n ?? 0, status: t(`appStatus_${mine.status}` as MessageKey) };
  const message: Record<Outcome, MessageKey> = {
    selected: 'drawMineSelected',
    alternate: 'drawMineAlternate',
    'not-selected': 'drawMineNotSelected',
    'not-in-draw': 'drawMineNotInDraw',
  };
  return (
    <section className={`card my-draw-result outcome-${r.outcome}`} aria-labelledby="my-draw-h" data-testid="my-draw-result" data-outcome={r.outcome} data-label={mine.label}>
      <h2 id="my-draw-h">{t('drawMineTitle')}</h2>
      <p className="verdict">{fill(t(message[r.outcome]), values)}</p>
      <p className="muted small">{t('drawMineHint')}</p>
    </section>
  );
}
