// Shared steps of the browser tests: a page signed in as someone, and local date-time values.
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import type { SignedIn } from '../factories/users';
import { launchBrowser } from '../setup/browser';
import { createTestApp, type TestApp } from '../setup/test-app';
import { expectAccessible } from './a11y';

// Code passed to page.evaluate runs in the browser; the Node type-check has no DOM library.
declare const window: any;

/** A page in a fresh browser context (its own storage) with `options`, signed in with `token` or anonymous. */
async function openAs(browser: Browser, options: BrowserContextOptions, token?: string): Promise<Page> {
  const context = await browser.newContext(options);
  if (token) await context.addInitScript((tk) => window.localStorage.setItem('consult.token', tk), token);
  const page = await context.newPage();
  // Generous: the suite shares two cores with other test runs and benchmarks.
  page.setDefaultTimeout(30000);
  return page;
}

/** A desktop-sized page signed in with `token`, or anonymous. */
export function pageAs(browser: Browser, token?: string): Promise<Page> {
  return openAs(browser, { viewport: { width: 1200, height: 900 } }, token);
}

/** Opens a hash route of the client, e.g. go(page, t, '/drafts'). */
export async function go(page: Page, t: TestApp, route: string): Promise<void> {
  await page.goto(`${t.url}/#${route}`);
}

/** The value of an <input type="datetime-local"> for `ms` in the machine's local time. */
export function localInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export const DAY = 24 * 3600 * 1000;

/** Per-test timeout of the browser flows (many steps, each waiting on the real API). */
export const FLOW_TIMEOUT = 180_000;

/** A phone-sized touch screen (390×844, like a current iPhone), signed in with `token` or anonymous. */
export function phoneAs(browser: Browser, token?: string): Promise<Page> {
  return openAs(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, token);
}

/**
 * Nothing on the page is wider than the viewport (no sideways scrolling). Measured against the
 * layout viewport: on a phone (isMobile) innerWidth grows to fit wider content, hiding the overflow.
 */
export async function fitsViewport(page: Page): Promise<boolean> {
  return page.evaluate(() => window.document.documentElement.scrollWidth <= window.document.documentElement.clientWidth);
}

/** Signs in on the sign-in page the browser shows (checked for accessibility first), by typing and clicking. */
export async function signIn(page: Page, who: Pick<SignedIn, 'email' | 'password'>): Promise<void> {
  await page.locator('input[name=email]').waitFor();
  await expectAccessible(page, 'sign-in page');
  await page.locator('input[name=email]').fill(who.email);
  await page.locator('input[name=password]').fill(who.password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** The API serving the built client (with a queue worker when the flow sends notices) and a browser. */
export async function openBrowserApp(opts: { worker?: boolean } = {}): Promise<{ t: TestApp; browser: Browser }> {
  const t = await createTestApp({ SERVE_CLIENT: 'true' });
  if (opts.worker) await t.startWorker();
  return { t, browser: await launchBrowser() };
}

export async function closeBrowserApp(t: TestApp | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  await t?.close();
}
