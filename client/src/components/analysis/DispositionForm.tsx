import { FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { Basis, BASES, Disposition, Outcome, OUTCOMES } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { ErrorNote, Problem } from '../ErrorNote';

export const outcomeKey = (o: string) => `outcome_${o}` as MessageKey;
export const basisKey = (b: string) => `basis_${b}` as MessageKey;

interface Props {
  /** PUT route under /api: a comment's or a whole cluster's disposition. */
  path: string;
  current: Disposition | null | undefined;
  /** A concentrated cluster: not adopting it needs a reason (R8). */
  concentrated?: boolean;
  testId: string;
  onDone: () => void;
}

/**
 * Adopted, partially adopted, not adopted or out of scope (R6). "Not adopted" needs its ground and
 * a reason; checked here first for a quick answer, but the server's 422 is the authority.
 */
export function DispositionForm({ path, current, concentrated, testId, onDone }: Props) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<Outcome | ''>(current?.outcome ?? '');
  const [basis, setBasis] = useState<Basis | ''>(current?.basis ?? '');
  const [reason, setReason] = useState(current?.reason ?? '');
  const [error, setError] = useState<Problem>(null);
  const [busy, setBusy] = useState(false);
  const notAdopted = outcome === 'not_adopted';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!outcome) return setError(t('outcomeRequired'));
    if (notAdopted && (!basis || !reason.trim())) return setError(t('r6Needs'));
    const body: Record<string, string> = { outcome };
    if (basis && notAdopted) body.basis = basis;
    if (reason.trim()) body.reason = reason.trim();
    setBusy(true);
    setError(null);
    try {
      await api(path, { method: 'PUT', body });
      onDone();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="disposition" onSubmit={submit} data-testid={testId}>
      <label>
        {t('outcome')}
        <select value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)} data-testid={`${testId}-outcome`}>
          <option value="">{t('choose')}</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(outcomeKey(o))}
            </option>
          ))}
        </select>
      </label>
      {notAdopted && (
        <label>
          {t('basisOfRefusal')}
          <select value={basis} onChange={(e) => setBasis(e.target.value as Basis)} aria-required="true" data-testid={`${testId}-basis`}>
            <option value="">{t('choose')}</option>
            {BASES.map((b) => (
              <option key={b} value={b}>
                {t(basisKey(b))}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {notAdopted ? t('reasonRequiredLabel') : t('reasonOptional')}
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={5000} aria-required={notAdopted} data-testid={`${testId}-reason`} />
      </label>
      {concentrated && notAdopted && <p className="muted small">{t('r8Hint')}</p>}
      <ErrorNote message={error} testId={`${testId}-error`} />
      <button type="submit" disabled={busy} data-testid={`${testId}-save`}>
        {t('saveDisposition')}
      </button>
    </form>
  );
}

/** A disposition as text: outcome, and for a refusal its ground and reason. */
export function DispositionText({ d }: { d: Disposition | null | undefined }) {
  const { t } = useI18n();
  if (!d) return <span className="muted">{t('undecided')}</span>;
  return (
    <span data-testid="disposition-text">
      <strong>{t(outcomeKey(d.outcome))}</strong>
      {d.basis && ` · ${t(basisKey(d.basis))}`}
      {d.reason && ` · ${d.reason}`}
    </span>
  );
}
