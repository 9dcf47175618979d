import type { Progress } from '../../api/notice-types';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

const PARTS: Array<[keyof Progress & ('delivered' | 'failed' | 'pending'), MessageKey]> = [
  ['delivered', 'noticeDelivered'],
  ['failed', 'noticeFailed'],
  ['pending', 'noticePending'],
];

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
