import { MouseEvent, ReactNode } from 'react';
import { session } from '../api/client';
import { hasRole, useSession } from '../api/session';
import { fill } from '../i18n/fill';
import { useI18n } from '../i18n/i18n';
import { usePageTitle } from '../lib/use-page-title';
import { useRouteFocus } from '../lib/use-route-focus';
import { LiveRegion } from './LiveRegion';

function skipToMain(e: MouseEvent<HTMLAnchorElement>) {
  e.preventDefault();
  document.getElementById('main')?.focus();
}

export function Layout({ children }: { children: ReactNode }) {
  const { t, toggle } = useI18n();
  const { me } = useSession();
  usePageTitle(t('appName'));
  const opened = useRouteFocus((title) => fill(t('routeAnnounce'), { title }));
  return (
    <div className="app">
      {/* Keyboard users jump past the navigation; an in-page hash link would change the route. */}
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('skipToContent')}
      </a>
      <header className="topbar">
        <a className="brand" href="#/">
          {t('appName')}
        </a>
        <nav aria-label={t('navMain')}>
          <a href="#/">{t('navHome')}</a>
          <a href="#/drafts">{t('navDrafts')}</a>
          {hasRole(me, 'organizer', 'admin') && (
            <a href="#/organizer/drafts" data-testid="nav-my-drafts">
              {t('navMyDrafts')}
            </a>
          )}
          {hasRole(me, 'reviewer', 'admin') && (
            <a href="#/review" data-testid="nav-review">
              {t('navReview')}
            </a>
          )}
          {me ? (
            <>
              <a href="#/me">{t('navMe')}</a>
              <a href="#/me/notices" data-testid="nav-notices">{t('inboxTitle')}</a>
              <button className="link" onClick={() => session.set(null)}>
                {t('navLogout')}
              </button>
            </>
          ) : (
            <>
              <a href="#/login">{t('navLogin')}</a>
              <a href="#/register">{t('navRegister')}</a>
            </>
          )}
          <button className="link" onClick={toggle} data-testid="lang-toggle">
            {t('language')}
          </button>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <LiveRegion text={opened} testId="route-announcer" />
    </div>
  );
}
