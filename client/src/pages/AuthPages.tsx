import { FormEvent, useState } from 'react';
import { api, session } from '../api/client';
import { useApi } from '../api/use-api';
import { ErrorNote } from '../components/ErrorNote';
import { useI18n } from '../i18n/i18n';
import { focusOnMount } from '../lib/focus';
import { navigate, safeNext } from '../router';

// Wrong password, taken email, throttling: said like every refusal, without the "Error:" lead.
const AuthError = ({ error }: { error: Error | null }) => <ErrorNote message={error} testId="auth-error" plain />;

export function LoginPage({ query }: { query: URLSearchParams }) {
  const { t } = useI18n();
  const [error, setError] = useState<Error | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    try {
      const { accessToken } = await api<{ accessToken: string }>('/auth/login', { method: 'POST', body: { email: f.get('email'), password: f.get('password') } });
      session.set(accessToken);
      navigate(safeNext(query));
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <form className="card narrow" onSubmit={submit}>
      <h1>{t('login')}</h1>
      <label>
        {t('email')}
        <input name="email" type="email" required autoComplete="username" />
      </label>
      <label>
        {t('password')}
        <input name="password" type="password" required autoComplete="current-password" />
      </label>
      <AuthError error={error} />
      <button type="submit">{t('login')}</button>
    </form>
  );
}

export function RegisterPage({ query }: { query: URLSearchParams }) {
  const { t, lang } = useI18n();
  const notice = useApi<{ version: string; zh: string[]; en: string[] }>('/privacy');
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    try {
      await api('/auth/register', {
        method: 'POST',
        body: { email: f.get('email'), password: f.get('password'), displayName: f.get('displayName'), acceptPrivacy: true, privacyVersion: notice.data?.version },
      });
      setDone(true);
    } catch (err) {
      setError(err as Error);
    }
  };
  if (done) {
    // Focus moves to the outcome (the form is gone); the sign-in link keeps where the reader came from.
    return (
      <p className="card narrow good" role="status" tabIndex={-1} ref={focusOnMount} data-testid="registered">
        {t('registered')} <a href={`#/login?next=${encodeURIComponent(safeNext(query))}`}>{t('navLogin')}</a>
      </p>
    );
  }
  return (
    <form className="card narrow" onSubmit={submit}>
      <h1>{t('register')}</h1>
      <label>
        {t('email')}
        <input name="email" type="email" required autoComplete="email" />
      </label>
      <label>
        {t('password')}
        <input name="password" type="password" minLength={8} required autoComplete="new-password" />
      </label>
      <label>
        {t('displayName')}
        <input name="displayName" required maxLength={50} autoComplete="nickname" />
      </label>
      <h2>{t('privacyTitle')}</h2>
      <ul className="privacy">{(notice.data?.[lang] ?? []).map((line) => <li key={line}>{line}</li>)}</ul>
      <label className="check">
        <input type="checkbox" name="accept" required /> {t('privacyAccept')}
      </label>
      <AuthError error={error} />
      <button type="submit">{t('register')}</button>
    </form>
  );
}
