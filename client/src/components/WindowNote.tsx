import { fill } from '../i18n/fill';
import { useI18n } from '../i18n/i18n';
import { calendarDays, formatTime, windowState } from '../lib/format';

/** The comment window: its dates and whether it is open, with the days left. */
export function WindowNote({ opensAt, closesAt }: { opensAt: string | null; closesAt: string | null }) {
  const { t, lang } = useI18n();
  const state = windowState(opensAt, closesAt);
  if (state.phase === 'unset') return <p className="muted">{t('windowUnset')}</p>;
  const phase =
    state.phase === 'before'
      ? fill(t('windowOpensIn'), { days: calendarDays(state.days, lang) })
      : state.phase === 'open'
        ? fill(t('windowDaysLeft'), { days: calendarDays(state.days, lang) })
        : t('windowClosed');
  return (
    <p className="window" data-testid="comment-window" data-phase={state.phase}>
      <span className={state.phase === 'open' ? 'good' : 'muted'}>{phase}</span>{' '}
      <span className="muted">
        {t('windowFrom')} {formatTime(opensAt, lang)} {t('windowTo')} {formatTime(closesAt, lang)}
      </span>
    </p>
  );
}
