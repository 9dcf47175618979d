import { useEffect } from 'react';

/**
 * Names the browser tab after the page's <h1> (WCAG 2.4.2): "<heading> - <app name>". Pages fill
 * their heading once data arrives, so the title follows changes inside <main> rather than routes.
 */
export function usePageTitle(appName: string): void {
  useEffect(() => {
    const main = document.getElementById('main');
    if (!main) return;
    const update = () => {
      const heading = main.querySelector('h1')?.textContent?.trim();
      const title = heading && heading !== appName ? `${heading} - ${appName}` : appName;
      if (document.title !== title) document.title = title;
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(main, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  }, [appName]);
}
