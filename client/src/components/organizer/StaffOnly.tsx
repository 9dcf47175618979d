import { ReactNode } from 'react';
import { hasRole, useSession } from '../../api/session';
import { useI18n } from '../../i18n/i18n';
import { loginHref } from '../../router';

/** Staff pages: ask to sign in first, or say the role is missing, instead of failing requests. */
export function StaffOnly({ roles, children }: { roles: string[]; children: ReactNode }) {
  const { t } = useI18n();
  const { me, ready } = useSession();
  if (!ready) return <p className="muted">{t('loading')}</p>;
  if (!me) {
    return (
      <p className="card">
        {t('staffSignIn')} <a href={loginHref()}>{t('navLogin')}</a>
      </p>
    );
  }
  if (!hasRole(me, ...roles)) return <p className="card bad">{t('needRole')}</p>;
  return <>{children}</>;
}
