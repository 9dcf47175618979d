import { FormEvent, useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import { DrawSummary, OwnerKind, ownerPath } from '../../api/hearing-types';
import { useI18n } from '../../i18n/i18n';
import { hashChain, randomSecret, webCryptoAvailable } from '../../lib/draw-crypto';
import { formatTime } from '../../lib/format';
import { ErrorNote } from '../ErrorNote';
import { useAction } from './use-action';

/** A JSON file the organizer keeps: made in this browser, never sent anywhere. */
function useSecretFile(data: object | null): string | null {
  const url = useMemo(() => (data ? URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' })) : null), [data]);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  return url;
}

/**
 * The commitment before sign-up closes: the secret and its SHA-256 chain are computed here with
 * Web Crypto, so the secret never leaves the organizer's machine; only H^n(secret), n and the
 * named future randomness are published.
 */
export function CommitmentPanel({ kind, id, draw, signupClosesAt, onDone }: { kind: OwnerKind; id: string; draw: DrawSummary; signupClosesAt: string | null; onDone: () => void }) {
  const { t, lang } = useI18n();
  const [secret, setSecret] = useState('');
  const [n, setN] = useState(3);
  const [source, setSource] = useState('');
  const [chain, setChain] = useState<string[] | null>(null);
  const [saved, setSaved] = useState(false);
  const action = useAction();
  useEffect(() => {
    let live = true;
    if (!secret || !webCryptoAvailable() || n < 1 || n > 10000) return setChain(null);
    hashChain(secret, n).then((c) => live && setChain(c));
    return () => {
      live = false;
    };
  }, [secret, n]);
  const file = useMemo(() => (chain ? { kind, id, secret, n, revealAtFirstDraw: chain[n - 1], commitment: chain[n], randomnessSource: source } : null), [chain, kind, id, secret, n, source]);
  const fileUrl = useSecretFile(file);

  if (draw.commitment) {
    return (
      <section className="card" aria-labelledby="commit-h">
        <h2 id="commit-h">{t('commitTitle')}</h2>
        <p className="good" data-testid="commitment-published">
          {t('commitPublished')} {formatTime(draw.commitment.committedAt, lang)}
        </p>
        <p className="hash">{draw.commitment.commitment}</p>
      </section>
    );
  }
  const publish = async (e: FormEvent) => {
    e.preventDefault();
    if (!chain) return;
    const body = { commitment: chain[n], chainLength: n, randomnessSource: source };
    if (await action.run(() => api(`${ownerPath(kind, id)}/draw-commitment`, { method: 'POST', body }))) onDone();
  };
  return (
    <section className="card" aria-labelledby="commit-h" data-testid="commitment-panel">
      <h2 id="commit-h">{t('commitTitle')}</h2>
      <p className="muted small">
        {t('commitHint')} {formatTime(signupClosesAt, lang)}
      </p>
      {!webCryptoAvailable() && <p className="bad">{t('noWebCrypto')}</p>}
      <form onSubmit={publish}>
        <div className="inline-fields">
          <label className="grow">
            {t('commitSecret')}
            <input value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="off" spellCheck={false} data-testid="commit-secret" />
          </label>
          <button type="button" className="secondary align-end" onClick={() => setSecret(randomSecret())} data-testid="commit-generate">
            {t('commitGenerate')}
          </button>
          <label>
            {t('drawChainLength')}
            <input type="number" min={1} max={10000} value={n} onChange={(e) => setN(Number(e.target.value))} />
          </label>
        </div>
        <label>
          {t('drawRandomnessSource')}
          <input required maxLength={500} value={source} placeholder={t('commitSourcePlaceholder')} onChange={(e) => setSource(e.target.value)} data-testid="commit-source" />
        </label>
        {chain && (
          <dl className="secret-box" data-testid="commit-values">
            <div className="row">
              <dt>{t('commitKeepSecret')}</dt>
              <dd className="hash">{secret}</dd>
            </div>
            <div className="row">
              <dt>{t('commitRevealValue')}</dt>
              <dd className="hash" data-testid="commit-reveal">
                {chain[n - 1]}
              </dd>
            </div>
            <div className="row">
              <dt>{t('commitToPublish')}</dt>
              <dd className="hash" data-testid="commit-value">
                {chain[n]}
              </dd>
            </div>
          </dl>
        )}
        {fileUrl && (
          <p>
            <a href={fileUrl} download={`draw-secret-${id}.json`}>
              {t('commitDownload')}
            </a>
          </p>
        )}
        <label className="check">
          <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} data-testid="commit-saved" />
          {t('commitSavedCheck')}
        </label>
        <ErrorNote message={action.error} testId="commit-error" />
        <button type="submit" disabled={!chain || !saved || !source.trim() || action.busy} data-testid="commit-publish">
          {t('commitPublish')}
        </button>
      </form>
    </section>
  );
}
