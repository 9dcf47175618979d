import type { Progress } from '../../api/notice-types';
import { fill } from '../../i18n/fill';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { milestone } from '../../lib/announce';
import { useThrottledText } from '../../lib/use-throttled-text';

const PARTS: Array<[keyof Progress & ('delivered' | 'failed' | 'pending'), MessageKey]> = [
  ['delivered', 'noticeDelivered'],
  ['failed', 'noticeFailed'],
  ['pending', 'noticePending'],
];

/**
 * What screen readers hear of a run: every tenth of the way and its completion, never every tick.
 * Complete once nothing is pending (and the fan-out is over, when the snapshot says so).
 */
export function useProgressAnnouncement(p: Progress | null): string {
  const { t } = useI18n();
  const step = p && milestone(p.delivered + p.failed, p.total, p.pending === 0 && p.fannedOutAt !== null);
  return useThrottledText(step, () => {
    const values = { pct: Number(step) * 10, delivered: p!.delivered, failed: p!.failed, total: p!.total };
    return fill(t(step === 'done' ? 'noticeProgressDone' : 'noticeProgressAnnounce'), values);
  });
}

/** Delivered, failed and pending as one bar with the numbers beside it. */
export function ProgressBar({ p }: { p: Progress }) {
  const { t } = useI18n();
  const pct = (n: number) => (p.total ? (100 * n) / p.total : 0);
  return (
    <div className="notice-progress" data-testid="notice-progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={t('noticeProgressTitle')}
        aria-valuemin={0}
        aria-valuemax={p.total}
        aria-valuenow={p.delivered}
        aria-valuetext={`${p.delivered} / ${p.total}`}
      >
        {PARTS.map(([k]) => (
          <span key={k} className={`progress-${k}`} style={{ width: `${pct(p[k])}%` }} />
        ))}
      </div>
      <dl className="progress-numbers">
        <div>
          <dt>{t('noticeTotal')}</dt>
          <dd data-testid="progress-total">{p.total}</dd>
        </div>
        {PARTS.map(([k, label]) => (
          <div key={k}>
            <dt>
              <span className={`swatch progress-${k}`} aria-hidden="true" /> {t(label)}
            </dt>
            <dd data-testid={`progress-${k}`}>{p[k]}</dd>
          </div>
        ))}
        <div>
          <dt>{t('noticeUnreachable')}</dt>
          <dd data-testid="progress-unreachable">{p.unreachable}</dd>
        </div>
      </dl>
    </div>
  );
}
