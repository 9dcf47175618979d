import type { DraftStatus } from '../api/types';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

export function statusKey(status: DraftStatus): MessageKey {
  return `status_${status}` as MessageKey;
}

export function StatusBadge({ status }: { status: DraftStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge status-${status}`} data-testid="draft-status" data-status={status}>
      {t(statusKey(status))}
    </span>
  );
}
