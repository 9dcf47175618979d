import { fill } from '../../i18n/fill';
import { useI18n } from '../../i18n/i18n';
import { formatTime } from '../../lib/format';
import { remaining } from '../../lib/countdown';

/** "还有 3天 4小时 5分 6秒" to a moment, or that it has passed; the time itself beside it. */
export function Countdown({ label, at, now, pastText, testId }: { label: string; at: string | null; now: number; pastText: string; testId: string }) {
  const { t, lang } = useI18n();
  const left = remaining(at, now);
  if (!left) return null;
  return (
    <div className="countdown" data-testid={testId} data-past={left.past}>
      <span className="countdown-label">{label}</span>
      {left.past ? (
        <strong className="muted">{pastText}</strong>
      ) : (
        <strong role="timer" aria-atomic="true">
          {fill(t('countdownValue'), { days: left.days, hours: left.hours, minutes: left.minutes, seconds: left.seconds })}
        </strong>
      )}
      <span className="muted small">{formatTime(at, lang)}</span>
    </div>
  );
}
