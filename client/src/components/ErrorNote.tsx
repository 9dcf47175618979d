import { useI18n } from '../i18n/i18n';
import { explainError } from '../lib/problem';

/** What a form or page may show as its error: text the client wrote itself, or what a request threw. */
export type Problem = string | Error | null | undefined;

/**
 * A refusal next to the form it refers to, announced to screen readers: the server's error in the
 * reader's language (lib/problem.ts), with the server's own English detail below when it helps.
 * `plain` leaves out the "Error:" lead where a refusal is an expected answer (a wrong password).
 */
export function ErrorNote({ message, testId = 'form-error', plain = false }: { message: Problem; testId?: string; plain?: boolean }) {
  const { t, lang } = useI18n();
  if (!message) return null;
  const { text, detail } = typeof message === 'string' ? { text: message, detail: null } : explainError(message, lang);
  return (
    <p className="bad" role="alert" data-testid={testId}>
      {!plain && t('error')}
      {text}
      {detail && detail !== text && (
        <>
          <br />
          <span className="small" lang="en" data-testid={`${testId}-detail`}>
            {detail}
          </span>
        </>
      )}
    </p>
  );
}

export function Loading({ error, loading }: { error: Problem; loading?: boolean }) {
  const { t } = useI18n();
  if (error) return <ErrorNote message={error} testId="load-error" />;
  return loading === false ? null : <p className="muted">{t('loading')}</p>;
}
