// Accessibility check of a page with axe-core (WCAG 2.1 A and AA rules), run inside the real browser.
import axe from 'axe-core';
import type { Page } from 'playwright-core';

declare const window: any;

export interface A11yViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const WCAG21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * The serious and critical WCAG 2.1 AA violations on the page as it is now. axe's source is
 * evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
 * block (an injected <script> tag would be).
 */
export async function a11yViolations(page: Page, include?: string, tags: string[] = WCAG21_AA): Promise<A11yViolation[]> {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(axe.source);
  const result = await page.evaluate(
    async ({ include, tags }) =>
      window.axe.run(include ? { include: [include] } : window.document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    { include, tags },
  );
  return (result.violations as any[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n: any) => String(n.target)) }));
}

/** Fails with a readable list (rule, help, elements) when the page has serious or critical violations. */
export async function expectAccessible(page: Page, where: string, include?: string): Promise<void> {
  const violations = await a11yViolations(page, include);
  if (violations.length) {
    const lines = violations.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.targets.slice(0, 5).join(', ')}`);
    throw new Error(`accessibility violations on ${where}:\n${lines.join('\n')}`);
  }
}

/**
 * Fails when a control is smaller than 24×24 CSS px without the spacing that makes up for it (WCAG
 * 2.2 SC 2.5.8, axe "target-size"; links inside sentences are exempt by the criterion).
 */
export async function expectTargetSize(page: Page, where: string): Promise<void> {
  const violations = await a11yViolations(page, undefined, ['wcag22aa']);
  if (violations.length) {
    const lines = violations.map((v) => `${v.id}: ${v.help} — ${v.targets.slice(0, 8).join(', ')}`);
    throw new Error(`touch targets too small on ${where}:\n${lines.join('\n')}`);
  }
}

/** The focused element and whether a focus indicator (outline or box-shadow) is drawn around it. */
export async function focusIndicator(page: Page): Promise<{ element: string; visible: boolean }> {
  return page.evaluate(() => {
    const el = window.document.activeElement;
    if (!el || el === window.document.body) return { element: 'body', visible: false };
    const s = window.getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    const shadow = s.boxShadow !== 'none' && s.boxShadow !== '';
    const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : ''}`;
    return { element: name, visible: outline || shadow };
  });
}

/** Fails unless the focused element is `expected` (a CSS selector) and shows a visible focus indicator. */
export async function expectFocusVisibleOn(page: Page, expected: string): Promise<void> {
  const matches = await page.evaluate((sel) => Boolean(window.document.activeElement?.matches(sel)), expected);
  const focus = await focusIndicator(page);
  if (!matches) throw new Error(`focus is on ${focus.element}, expected ${expected}`);
  if (!focus.visible) throw new Error(`the focused ${focus.element} has no visible focus indicator`);
}
