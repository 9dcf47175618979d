import { STANCES, StanceCounts } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { stanceKey } from '../comments/CommentForm';

/** One column header per stance, in the order of the vocabulary (per-unit tables). */
export function StanceHeaders() {
  const { t } = useI18n();
  return (
    <>
      {STANCES.map((s) => (
        <th key={s} scope="col">
          {t(stanceKey(s))}
        </th>
      ))}
    </>
  );
}

/** The matching cells of one row; a stance nobody took counts 0. */
export function StanceCells({ counts }: { counts: StanceCounts }) {
  return (
    <>
      {STANCES.map((s) => (
        <td key={s}>{counts[s] ?? 0}</td>
      ))}
    </>
  );
}
