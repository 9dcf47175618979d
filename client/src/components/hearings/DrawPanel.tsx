import { FormEvent, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { DrawSummary, OwnerKind, ownerPath } from '../../api/hearing-types';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { hashChain, hashTimes } from '../../lib/draw-crypto';
import { ErrorNote } from '../ErrorNote';
import { categoryLabel } from './Announcement';
import { SelfRecommendForm } from './SelfRecommendForm';
import { useAction } from './use-action';

interface Eligible {
  frozenAt: string;
  lists: Array<{ category: string; quota: number; labels: string[]; listHash: string }>;
  selfRecommendations: Array<{ category: string; labels: string[]; note: string }>;
}

/** Whether the value typed opens the commitment, checked here before anything is sent. */
function useOpensCommitment(chainValue: string, commitment: string | undefined): boolean | null {
  const [ok, setOk] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    const v = chainValue.trim().toLowerCase();
    if (!v || !commitment) return setOk(null);
    hashTimes(v, 1).then((h) => live && setOk(h === commitment));
    return () => {
      live = false;
    };
  }, [chainValue, commitment]);
  return ok;
}

/** Reveal the chain value and enter the public randomness; the server computes and publishes the record. */
function DrawForm({ kind, id, draw, onDone }: { kind: OwnerKind; id: string; draw: DrawSummary; onDone: () => void }) {
  const { t } = useI18n();
  const [chainValue, setChainValue] = useState('');
  const [secret, setSecret] = useState('');
  const [randomness, setRandomness] = useState('');
  const action = useAction();
  const opens = useOpensCommitment(chainValue, draw.commitment?.commitment);
  const n = draw.commitment?.chainLength ?? 1;
  const fromSecret = async () => setChainValue((await hashChain(secret, n))[n - 1]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { chainValue: chainValue.trim().toLowerCase(), randomness };
    if (await action.run(() => api(`${ownerPath(kind, id)}/draw`, { method: 'POST', body }))) onDone();
  };
  return (
    <form onSubmit={submit} data-testid="draw-form">
      <details>
        <summary>{t('drawFromSecret')}</summary>
        <div className="inline-fields">
          <label className="grow">
            {t('commitSecret')}
            <input value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="off" spellCheck={false} />
          </label>
          <button type="button" className="secondary align-end" disabled={!secret} onClick={fromSecret}>
            {t('drawComputeChain')}
          </button>
        </div>
      </details>
      <label>
        {t('drawChainValue')}
        <input value={chainValue} required onChange={(e) => setChainValue(e.target.value)} className="hash" spellCheck={false} data-testid="draw-chain-value" />
      </label>
      {opens !== null && (
        <p className={opens ? 'good' : 'bad'} role="status" data-testid="chain-precheck">
          {opens ? `✓ ${t('drawChainOpens')}` : `✗ ${t('drawChainWrong')}`}
        </p>
      )}
      <label>
        {t('drawRandomnessValue')} <span className="muted small">({draw.commitment?.randomnessSource})</span>
        <input value={randomness} required maxLength={1000} onChange={(e) => setRandomness(e.target.value)} data-testid="draw-randomness" />
      </label>
      <ErrorNote message={action.error} testId="draw-error" />
      <button type="submit" disabled={action.busy || opens === false} data-testid="draw-submit">
        {t('drawSubmit')}
      </button>
    </form>
  );
}

/** Freeze the eligible list after sign-up closes, record any 自行推荐, then draw. */
export function DrawPanel({ kind, id, draw, signupClosed, onDone }: { kind: OwnerKind; id: string; draw: DrawSummary; signupClosed: boolean; onDone: () => void }) {
  const { t } = useI18n();
  const freeze = useAction();
  const eligible = useApi<Eligible>(draw.frozenAt ? `${ownerPath(kind, id)}/eligible` : null, draw.frozenAt);
  const doFreeze = async () => {
    if (await freeze.run(() => api(`${ownerPath(kind, id)}/freeze`, { method: 'POST' }))) onDone();
  };
  return (
    <section className="card" aria-labelledby="drawpanel-h" data-testid="draw-panel">
      <h2 id="drawpanel-h">{t('drawPanelTitle')}</h2>
      {!draw.frozenAt ? (
        <>
          <p className="muted small">{signupClosed ? t('freezeHint') : t('freezeAfterClose')}</p>
          <ErrorNote message={freeze.error} testId="freeze-error" />
          <button type="button" onClick={doFreeze} disabled={freeze.busy || !signupClosed} data-testid="freeze">
            {t('freeze')}
          </button>
        </>
      ) : (
        <>
          {eligible.data?.lists.map((l) => (
            <details key={l.category}>
              <summary>
                {categoryLabel(t, l.category)} · {l.labels.length} / {l.quota}
              </summary>
              <p className="hash small">{l.listHash}</p>
              <p className="hash small">{l.labels.join(', ') || '—'}</p>
            </details>
          ))}
          {draw.drawnAt ? (
            <p>
              <a href={`#/${kind}s/${id}/draw`} data-testid="draw-record-link">
                {t('drawSeeRecord')}
              </a>
            </p>
          ) : (
            <>
              {eligible.data && <SelfRecommendForm kind={kind} id={id} eligible={eligible.data} onDone={() => (eligible.reload(), onDone())} />}
              <DrawForm kind={kind} id={id} draw={draw} onDone={onDone} />
            </>
          )}
        </>
      )}
    </section>
  );
}
