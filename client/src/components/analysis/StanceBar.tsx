import { STANCES, StanceCounts } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { stanceKey } from '../comments/CommentForm';

const COLORS: Record<string, string> = { support: '#2da44e', oppose: '#cf222e', amend: '#0969da', question: '#bf8700', other: '#8c959f' };

/** Stance shares as one bar; the numbers are in the text next to it for screen readers. */
export function StanceBar({ counts }: { counts: StanceCounts }) {
  const { t } = useI18n();
  const total = STANCES.reduce((n, s) => n + (counts[s] ?? 0), 0);
  const label = STANCES.filter((s) => counts[s])
    .map((s) => `${t(stanceKey(s))} ${counts[s]}`)
    .join(t('listSeparator'));
  return (
    <div className="bars" role="img" aria-label={label || '0'}>
      {total > 0 && STANCES.map((s) => (counts[s] ? <span key={s} style={{ width: `${(100 * counts[s]!) / total}%`, background: COLORS[s] }} title={`${t(stanceKey(s))} ${counts[s]}`} /> : null))}
    </div>
  );
}
