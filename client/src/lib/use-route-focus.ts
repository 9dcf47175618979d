import { useEffect, useRef, useState } from 'react';
import { pageHeading } from './use-page-title';

/** How long a new page may take to show its heading before focus goes to <main> instead. */
const GIVE_UP_MS = 5000;

const routePath = () => (window.location.hash.replace(/^#/, '') || '/').split('?')[0];

/** Focus is nowhere in particular, or on what was clicked outside the page (the navigation). */
function focusIsFree(main: HTMLElement): boolean {
  const active = document.activeElement;
  return !active || active === document.body || active === main || !main.contains(active);
}

/**
 * Waits for the new page's heading, then moves focus to it (unless the page has already put focus
 * somewhere inside itself, e.g. the article named in the link) and reports the title it shows.
 * Stops without moving anything as soon as the user presses a key or touches the page.
 */
function whenPageShown(main: HTMLElement, onShown: (title: string) => void): () => void {
  let timer = 0;
  // When the hash changes the old page is still on screen (pages are keyed by path, so the new
  // page's heading is a new element): its heading, and its own updates meanwhile, do not count.
  const old = main.querySelector('h1');
  const observer = new MutationObserver(() => {
    const h1 = pageHeading(main);
    if (h1 && h1 !== old) finish(h1);
  });
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
    document.removeEventListener('keydown', stop, true);
    document.removeEventListener('pointerdown', stop, true);
  };
  const finish = (target: HTMLElement) => {
    stop();
    if (focusIsFree(main)) {
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
    }
    onShown(pageHeading(main)?.textContent?.trim() || document.title);
  };
  observer.observe(main, { subtree: true, childList: true, characterData: true });
  timer = window.setTimeout(() => finish(main), GIVE_UP_MS);
  document.addEventListener('keydown', stop, true);
  document.addEventListener('pointerdown', stop, true);
  return stop;
}

/**
 * Focus management for in-app navigation (WCAG 2.4.3): when the hash route's path changes — not on
 * the first load, and not when only the query changes within a page — keyboard and screen-reader
 * users start at the new page's <h1> (made focusable with tabindex=-1). Returns the text for a
 * polite announcement of the page opened, empty until the first navigation.
 */
export function useRouteFocus(announce: (title: string) => string): string {
  const [announcement, setAnnouncement] = useState('');
  const wording = useRef(announce);
  wording.current = announce;
  useEffect(() => {
    const main = document.getElementById('main');
    let path = routePath();
    let cancel: (() => void) | null = null;
    const onHashChange = () => {
      const next = routePath();
      if (next === path || !main) return;
      path = next;
      cancel?.();
      cancel = whenPageShown(main, (title) => setAnnouncement(wording.current(title)));
    };
    window.addEventListener('hashchange', onHashChange);
    return () => {
      window.removeEventListener('hashchange', onHashChange);
      cancel?.();
    };
  }, []);
  return announcement;
}
