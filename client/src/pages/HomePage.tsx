import { useApi } from '../api/use-api';
import { useSession } from '../api/session';
import { useI18n } from '../i18n/i18n';

interface Health {
  status: string;
  info?: Record<string, { status: string }>;
  error?: Record<string, { status: string }>;
}

export function HomePage() {
  const { t } = useI18n();
  const { me } = useSession();
  const { data, error } = useApi<Health>('/health');
  const services = { ...(data?.info ?? {}), ...(data?.error ?? {}) };
  return (
    <section>
      <h1>{t('appName')}</h1>
      <p className="lead">{t('tagline')}</p>
      {me && (
        <p>
          {t('welcome')}
          {me.displayName}
        </p>
      )}
      <div className="card" data-testid="health">
        <h2>{t('statusTitle')}</h2>
        {!data && !error && <p>{t('statusChecking')}</p>}
        {error && <p className="bad">{t('statusDown')}</p>}
        {data && (
          <>
            <p className={data.status === 'ok' ? 'good' : 'bad'} data-testid="health-status">
              {data.status === 'ok' ? t('statusUp') : t('statusDown')}
            </p>
            <ul>
              <li>
                {t('statusPostgres')}: {services.postgres?.status ?? '?'}
              </li>
              <li>
                {t('statusRedis')}: {services.redis?.status ?? '?'}
              </li>
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
