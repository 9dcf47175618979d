import { useState } from 'react';
import { api } from '../../api/client';
import type { InclusionProof, Receipt } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { checkReceipt } from '../../lib/merkle-verify';
import { ErrorNote } from '../ErrorNote';
import { LiveRegion } from '../LiveRegion';

type Check = { state: 'idle' } | { state: 'busy' } | { state: 'done'; ok: boolean; reason?: string; proof?: InclusionProof } | { state: 'error'; error: Error };

/**
 * The receipt of a stored comment and its check: the inclusion proof is fetched and verified here,
 * in the browser, against the leaf hash the resident received when submitting.
 */
export function ReceiptCard({ commentId, receipt, title, testId = 'receipt' }: { commentId: string; receipt: Receipt; title?: string; testId?: string }) {
  const { t } = useI18n();
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const verify = async () => {
    setCheck({ state: 'busy' });
    try {
      if (!globalThis.crypto?.subtle) throw new Error(t('verifyNeedsHttps'));
      const [atReceipt, proof] = await Promise.all([
        api<InclusionProof>(`/comments/${commentId}/proof?treeSize=${receipt.treeSize}`),
        api<InclusionProof>(`/comments/${commentId}/proof`),
      ]);
      const result = await checkReceipt(receipt, atReceipt, proof);
      setCheck({ state: 'done', ok: result.ok, reason: result.reason, proof });
    } catch (err) {
      setCheck({ state: 'error', error: err as Error });
    }
  };
  const rows: Array<[MessageKey, string | number]> = [
    ['leafIndex', receipt.leafIndex],
    ['leafHash', receipt.leafHash],
    ['treeSize', receipt.treeSize],
    ['rootHash', receipt.rootHash],
  ];
  const verdict =
    check.state !== 'done' ? '' : check.ok ? `✓ ${t('verifyOk')}` : `✗ ${t('verifyFail')} ${check.reason ? t(`verifyFail_${check.reason}` as MessageKey) : ''}`;
  return (
    <section className="card receipt" data-testid={testId} aria-label={title ?? t('receipt')}>
      <h3>{title ?? t('receipt')}</h3>
      <dl>
        {rows.map(([k, v]) => (
          <div key={k} className="row">
            <dt>{t(k)}</dt>
            <dd className="hash" data-testid={`receipt-${k}`}>
              {v}
            </dd>
          </div>
        ))}
      </dl>
      <p className="muted small">{t('receiptKeep')}</p>
      <button type="button" onClick={verify} disabled={check.state === 'busy'} data-testid="verify-receipt">
        {check.state === 'busy' ? t('verifying') : t('verify')}
      </button>{' '}
      <a href="#/verify-help">{t('howToVerify')}</a>
      {/* The verdict alone is announced; the tree size and root hash are there to read. */}
      <LiveRegion text={verdict} testId="verify-announcement" />
      {check.state === 'done' && (
        <p className={check.ok ? 'good verdict' : 'bad verdict'} data-testid="verify-result" data-ok={String(check.ok)}>
          {verdict}
          {check.ok && check.proof && (
            <span className="muted small">
              {' '}
              ({t('treeSize')} {check.proof.treeSize}, {t('rootHash')} {check.proof.rootHash.slice(0, 16)}…)
            </span>
          )}
        </p>
      )}
      {check.state === 'error' && <ErrorNote message={check.error} testId={`${testId}-verify-error`} plain />}
    </section>
  );
}
