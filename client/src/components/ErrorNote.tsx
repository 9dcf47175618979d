import { useI18n } from '../i18n/i18n';

/** A server or validation message next to the form it refers to, announced to screen readers. */
export function ErrorNote({ message, testId = 'form-error' }: { message: string | null | undefined; testId?: string }) {
  const { t } = useI18n();
  if (!message) return null;
  return (
    <p className="bad" role="alert" data-testid={testId}>
      {t('error')}
      {message}
    </p>
  );
}

export function Loading({ error, loading }: { error: string | null; loading?: boolean }) {
  const { t } = useI18n();
  if (error) return <ErrorNote message={error} testId="load-error" />;
  return loading === false ? null : <p className="muted">{t('loading')}</p>;
}
