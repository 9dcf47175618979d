import { useState } from 'react';
import type { DrawRecord } from '../../api/hearing-types';
import { fill } from '../../i18n/fill';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { webCryptoAvailable } from '../../lib/draw-crypto';
import { CategoryCheck, DrawCheck, Problem, verifyDraw } from '../../lib/draw-verify';
import { LiveRegion } from '../LiveRegion';
import { categoryLabel } from './Announcement';

function problemText(t: (k: MessageKey) => string, p: Problem): string {
  const values = { label: p.label ?? '', index: p.index ?? '', expected: p.expected ?? '', actual: p.actual ?? '' };
  return fill(t(`problem_${p.code}` as MessageKey) ?? p.code, values);
}

/** ✓ for a category that recomputes exactly, or each difference found. */
export function CategoryVerdict({ check }: { check: CategoryCheck }) {
  const { t } = useI18n();
  if (check.ok) {
    return (
      <p className="good verdict" data-testid="category-verdict" data-ok="true">
        ✓ {check.rankingUnchecked ? t('verifyListOnly') : t('verifyCategoryOk')}
      </p>
    );
  }
  return (
    <div className="bad verdict" data-testid="category-verdict" data-ok="false">
      <p>✗ {t('verifyCategoryBad')}</p>
      <ul>
        {check.problems.map((p, i) => (
          <li key={i} className="hash">
            {problemText(t, p)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * "在浏览器中验证": recomputes the record with Web Crypto from the record alone; the server's own
 * verdict is never consulted.
 */
export function VerifyPanel({ record, onChecked }: { record: DrawRecord; onChecked: (c: DrawCheck) => void }) {
  const { t } = useI18n();
  const [check, setCheck] = useState<DrawCheck | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const c = await verifyDraw(record);
      setCheck(c);
      onChecked(c);
    } catch (e) {
      setFailure((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const verdict = check && (check.ok ? `✓ ${check.partial ? t('verifyPartialOk') : t('verifyAllOk')}` : `✗ ${t('verifyFailed')}`);
  return (
    <section className="card verify-panel" aria-labelledby="verify-h">
      <h2 id="verify-h">{t('verifyTitle')}</h2>
      <p className="muted small">{t('verifyHint')}</p>
      {!webCryptoAvailable() ? (
        <p className="bad">{t('noWebCrypto')}</p>
      ) : (
        <button type="button" onClick={run} disabled={busy} data-testid="verify-draw">
          {busy ? t('verifyRunning') : t('verifyButton')}
        </button>
      )}
      {failure && <p className="bad">{failure}</p>}
      {/* The verdict alone is announced; the details below are there to read. */}
      <LiveRegion text={failure ?? verdict ?? ''} testId="verify-announcement" />
      {check && (
        <div data-testid="verify-result" data-ok={check.ok}>
          <p className={check.ok ? 'good verdict' : 'bad verdict'} data-testid="verify-summary">
            {verdict}
          </p>
          <p className={check.chainOk ? 'good' : 'bad'} data-testid="verify-chain">
            {check.chainOk ? '✓' : '✗'} {fill(t('verifyChain'), { k: record.k })} <span className="hash">{check.chainResult ?? '—'}</span>
          </p>
          {check.partial && <p className="muted">{t('verifyRfc3797')}</p>}
          {check.problems.length > 0 && (
            <ul className="bad">
              {check.problems.map((p, i) => (
                <li key={i} className="hash">
                  {problemText(t, p)}
                </li>
              ))}
            </ul>
          )}
          <ul className="plain">
            {check.categories.map((c) => (
              <li key={c.category} data-testid="verify-category" data-category={c.category} data-ok={c.ok}>
                <strong>{categoryLabel(t, c.category)}</strong> {c.ok ? '✓' : '✗'}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
