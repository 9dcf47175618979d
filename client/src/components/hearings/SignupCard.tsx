import { FormEvent, useEffect, useState } from 'react';
import { api, ApiError } from '../../api/client';
import { MyApplication, OwnerKind, ownerPath } from '../../api/hearing-types';
import { hasRole, useSession } from '../../api/session';
import { useI18n } from '../../i18n/i18n';
import { loginHref, registerHref } from '../../router';
import { ErrorNote, Problem } from '../ErrorNote';
import { MyApplicationView } from './MyApplicationView';
import { useAction } from './use-action';

/** The signed-in resident's application, or 'none' when they have not applied (404). */
export function useMine(kind: OwnerKind, id: string, signedIn: boolean, version = 0) {
  const [mine, setMine] = useState<MyApplication | 'none' | null>(null);
  const [error, setError] = useState<Problem>(null);
  useEffect(() => {
    if (!signedIn) return;
    let live = true;
    api<MyApplication>(`${ownerPath(kind, id)}/applications/mine`).then(
      (a) => live && setMine(a),
      (e: ApiError) => live && (e.status === 404 ? setMine('none') : setError(e)),
    );
    return () => {
      live = false;
    };
  }, [kind, id, signedIn, version]);
  return { mine, error };
}

/**
 * Sign-up (R13, R16): a signed-in resident applies once, inside the window, with a statement; a
 * hearing asks for the category (stakeholder or resident), a meeting decides it itself. Afterwards
 * the card shows the application's status, the reason of a rejection and any seat offered.
 */
export function SignupCard({ kind, id, open, categories }: { kind: OwnerKind; id: string; open: boolean; categories: string[] | null }) {
  const { t } = useI18n();
  const { me } = useSession();
  const [version, setVersion] = useState(0);
  const { mine, error } = useMine(kind, id, !!me, version);
  const [category, setCategory] = useState(categories?.[0] ?? '');
  const [statement, setStatement] = useState('');
  // After applying, focus moves to the new status so keyboard and screen-reader users hear it.
  const [applied, setApplied] = useState(false);
  const action = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!statement.trim()) return;
    const body = categories ? { category, statement } : { statement };
    if (await action.run(() => api(`${ownerPath(kind, id)}/applications`, { method: 'POST', body }))) {
      setApplied(true);
      setVersion((v) => v + 1);
    }
  };

  let content;
  if (!me) {
    content = (
      <p>
        {t('signupSignIn')} <a href={loginHref()} data-testid="signup-login">{t('navLogin')}</a> · {t('signupNoAccount')}{' '}
        <a href={registerHref()} data-testid="signup-register">
          {t('navRegister')}
        </a>
      </p>
    );
  } else if (error) {
    content = <ErrorNote message={error} testId="mine-error" />;
  } else if (mine === null) {
    content = <p className="muted">{t('loading')}</p>;
  } else if (mine !== 'none') {
    content = <MyApplicationView kind={kind} id={id} mine={mine} focus={applied} onChange={() => setVersion((v) => v + 1)} />;
  } else if (!open) {
    content = <p className="muted" data-testid="signup-closed">{t('signupNotOpen')}</p>;
  } else if (!hasRole(me, 'resident')) {
    content = <p className="muted">{t('signupResidentsOnly')}</p>;
  } else {
    content = (
      <form onSubmit={submit} data-testid="signup-form">
        {categories && (
          <fieldset>
            <legend>{t('hgCategory')}</legend>
            {categories.map((c) => (
              <label className="inline" key={c}>
                <input type="radio" name="category" value={c} checked={category === c} onChange={() => setCategory(c)} />
                {t(c === 'stakeholder' ? 'cat_stakeholder' : 'cat_resident')}
              </label>
            ))}
          </fieldset>
        )}
        <label>
          {t('signupStatement')}
          <textarea name="statement" required maxLength={4000} value={statement} onChange={(e) => setStatement(e.target.value)} aria-describedby="statement-hint" />
        </label>
        <p id="statement-hint" className="muted small">
          {t('signupStatementHint')} {statement.length}/4000
        </p>
        <ErrorNote message={action.error} testId="signup-error" />
        <button type="submit" disabled={action.busy || !statement.trim()} data-testid="signup-submit">
          {t('signupSubmit')}
        </button>
      </form>
    );
  }
  return (
    <section className="card" aria-labelledby="signup-h" data-testid="signup-card">
      <h2 id="signup-h">{t('signupTitle')}</h2>
      {content}
    </section>
  );
}
