import { useEffect } from 'react';

/** The page's main heading: the <h1> inside <main>, once it holds more than a placeholder. */
export function pageHeading(main: HTMLElement): HTMLElement | null {
  const h1 = main.querySelector('h1');
  const text = h1?.textContent?.trim();
  return h1 && text && text !== '…' ? h1 : null;
}

/**
 * Names the browser tab after the page's <h1> (WCAG 2.4.2): "<heading> - <app name>". Pages fill
 * their heading once data arrives, so the title follows changes inside <main> rather than routes.
 */
export function usePageTitle(appName: string): void {
  useEffect(() => {
    const main = document.getElementById('main');
    if (!main) return;
    const update = () => {
      const heading = pageHeading(main)?.textContent?.trim();
      const title = heading && heading !== appName ? `${heading} - ${appName}` : appName;
      if (document.title !== title) document.title = title;
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(main, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  }, [appName]);
}
