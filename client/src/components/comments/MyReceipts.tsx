import { useI18n } from '../../i18n/i18n';
import type { StoredReceipt } from '../../lib/receipts';
import { ReceiptCard } from './ReceiptCard';

/** Receipts of the comments made from this browser on this draft, each verifiable again. */
export function MyReceipts({ receipts }: { receipts: StoredReceipt[] }) {
  const { t } = useI18n();
  if (!receipts.length) return null;
  return (
    <details className="card" data-testid="my-receipts">
      <summary>
        <h2>
          {t('myReceipts')} ({receipts.length})
        </h2>
      </summary>
      {receipts.map((r) => (
        <ReceiptCard key={r.commentId} commentId={r.commentId} receipt={r.receipt} title={`${r.label} · #${r.seq}`} testId="stored-receipt" />
      ))}
    </details>
  );
}
