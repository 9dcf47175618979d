// Keyboard-only steps of the browser tests.
import type { Page } from 'playwright-core';

declare const document: any;

/** Presses Tab until the focused element matches `selector`; fails after `limit` presses. */
export async function tabTo(page: Page, selector: string, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((sel) => Boolean(document.activeElement?.matches(sel)), selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}
