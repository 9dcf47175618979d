// The resident's whole story through the page (issue 9): find the draft, read it, comment on
// article 5, keep and check the receipt, and — once the organizer has answered and published the
// adoption report — read the outcome in the inbox. Every page is checked against WCAG 2.1 AA (axe);
// the comment is also written with the keyboard alone and on a phone.
import type { Browser, Page } from 'playwright-core';
import { createPublishedDraft, PublishedDraft } from '../factories/drafts';
import { dispose, publishReport, settled } from '../factories/notices';
import { resident } from '../factories/users';
import type { TestApp } from '../setup/test-app';
import { expectAccessible, expectFocusVisibleOn } from './a11y';
import { closeBrowserApp, fitsViewport, FLOW_TIMEOUT, go, openBrowserApp, pageAs, phoneAs, signIn } from './helpers';
import { tabTo } from './keyboard';

// Code passed to page.evaluate runs in the browser; the Node type-check has no DOM library.
declare const document: any;

jest.setTimeout(FLOW_TIMEOUT);

const TITLE = '某市机动车停车管理办法（征求意见稿）';

describe('a resident’s journey, accessible (issue 9)', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    ({ t, browser } = await openBrowserApp({ worker: true }));
  });
  afterAll(() => closeBrowserApp(t, browser));

  const stored = async (draft: PublishedDraft, text: string) =>
    (await t.sql.query(`SELECT id, anchor, stance FROM comment WHERE draft_id = $1 AND text = $2`, [draft.draftId, text])).rows;

  it('finds the draft, reads article 5, signs in to comment, verifies the receipt, and later reads the outcome in the inbox', async () => {
    const draft = await createPublishedDraft(t);
    const wang = await resident(t, '王小明');
    const page = await pageAs(browser);

    // The list of consultations, then the draft.
    await go(page, t, '/drafts');
    await page.getByRole('link', { name: TITLE, exact: true }).waitFor();
    await expectAccessible(page, 'draft list');
    await page.getByRole('link', { name: TITLE, exact: true }).click();
    await page.getByTestId('reader').waitFor();
    await page.locator('[data-testid=outline] [data-outline=a5]').waitFor();
    // The focus starts at the new page's heading, and the page is announced.
    await page.locator('[data-testid=draft-title]:focus').waitFor();
    await page.getByTestId('route-announcer').filter({ hasText: `已打开页面：${TITLE}` }).waitFor();
    // The tab is named after the page (WCAG 2.4.2).
    expect(await page.title()).toBe(`${TITLE} - 公众参与平台`);
    await expectAccessible(page, 'draft reader');

    // Reading: the outline leads to article 5, which gets the focus.
    await page.locator('[data-testid=outline] [data-outline=a5]').click();
    await page.locator('[data-anchor=a5].highlighted').waitFor();
    expect(page.url()).toContain(`#/drafts/${draft.draftId}?unit=a5`);
    expect(await page.locator('[data-anchor=a5]').textContent()).toContain('配建停车场');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-anchor'))).toBe('a5');

    // Commenting needs an account: the prompt leads to sign-in and back to article 5.
    await page.getByTestId('comment-a5').click();
    const prompt = page.getByTestId('comment-login');
    await prompt.waitFor();
    await expectAccessible(page, 'sign-in prompt in the reader');
    await prompt.getByRole('link', { name: '登录' }).click();
    await signIn(page, wang);
    await page.locator('[data-anchor=a5].highlighted').waitFor();
    expect(page.url()).toContain(`#/drafts/${draft.draftId}?unit=a5`);

    await page.getByTestId('comment-a5').click();
    const form = page.getByTestId('comment-form');
    await form.waitFor();
    expect(await form.getByRole('heading').textContent()).toContain('第五条');
    await expectAccessible(page, 'comment form');

    // A missing stance is said in an alert, which screen readers announce.
    const text = '配建标准过高，老旧小区无法执行，建议区分新建和既有建筑。';
    await page.getByTestId('comment-text').fill(text);
    await page.getByTestId('comment-submit').click();
    const error = page.getByTestId('comment-error');
    await error.waitFor();
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await error.textContent()).toContain('请选择态度');
    await expectAccessible(page, 'comment form with an error');
    expect(await stored(draft, text)).toHaveLength(0);

    await page.getByRole('radio', { name: '反对' }).check();
    await page.getByTestId('comment-submit').click();
    const receipt = page.getByTestId('receipt');
    await receipt.waitFor();
    const [mine] = await stored(draft, text);
    expect(mine).toMatchObject({ anchor: 'a5', stance: 'oppose' });
    // The outline's heatmap now marks article 5 (its colours are part of the check).
    await page.getByTestId('heat-a5').waitFor();
    await expectAccessible(page, 'receipt');

    // The receipt is checked in the browser against the public log.
    await receipt.getByRole('button', { name: '核验' }).click();
    const verdict = receipt.getByTestId('verify-result');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-ok')).toBe('true');
    expect(await verdict.textContent()).toContain('✓');
    // The verdict alone is said politely to screen readers.
    expect(await receipt.getByTestId('verify-announcement').textContent()).toBe('✓ 核验通过：该意见在公开日志中，未被删改。');
    await expectAccessible(page, 'verified receipt');

    // Meanwhile the organizer answers the comment and publishes the adoption report.
    const reason = '老旧小区另行规定，本条只适用于新建建筑。';
    await dispose(t, draft.organizer, mine.id, { outcome: 'not_adopted', basis: 'feasibility', reason });
    await publishReport(t, draft);
    await settled(t, draft.draftId, draft.organizer);

    // Later, in a new browser session: sign in and open the inbox.
    const later = await pageAs(browser);
    await go(later, t, '/');
    await later.getByTestId('health-status').waitFor();
    await expectAccessible(later, 'home page');
    await later.getByRole('navigation').getByRole('link', { name: '登录' }).click();
    await signIn(later, wang);
    await later.getByText('欢迎，王小明').waitFor();
    await later.getByTestId('nav-notices').click();
    const notice = later.getByTestId('notice').first();
    await notice.waitFor();
    expect(await later.getByTestId('unread-count').textContent()).toContain('1');
    expect(await later.title()).toBe('我的通知 - 公众参与平台');
    await expectAccessible(later, 'inbox');

    await notice.getByTestId('notice-open').click();
    const outcomes = later.getByTestId('notice-outcomes');
    await outcomes.waitFor();
    const row = outcomes.locator('tbody tr');
    expect(await row.count()).toBe(1);
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toContain('第五条');
    expect(cells[1]).toContain('不予采纳');
    expect(cells[1]).toContain('可行性');
    expect(cells[2]).toBe(reason);
    await later.locator('[data-testid=notice][data-unread=false]').waitFor();
    await expectAccessible(later, 'opened notice');
  });

  it('writes and submits the comment with the keyboard alone, the focus always visible', async () => {
    const draft = await createPublishedDraft(t, { fields: { title: '某市停车收费管理办法（征求意见稿）' } });
    const li = await resident(t, '李四');
    const page = await pageAs(browser, li.token);
    await go(page, t, `/drafts/${draft.draftId}`);
    await page.locator('[data-testid=outline] [data-outline=a5]').waitFor();

    // The first Tab reaches the skip link, which jumps past the navigation.
    await page.keyboard.press('Tab');
    await expectFocusVisibleOn(page, '.skip-link');
    expect((await page.locator('.skip-link').boundingBox())!.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    // Tab through the page to article 5 in the outline.
    await tabTo(page, '[data-outline=a5]', 80);
    await expectFocusVisibleOn(page, '[data-outline=a5]');
    await page.keyboard.press('Enter');
    await page.locator('[data-anchor=a5].highlighted').waitFor();

    // From the article: its comment button, then the form, which takes the focus when it opens.
    await page.keyboard.press('Tab');
    await expectFocusVisibleOn(page, '[data-testid=comment-a5]');
    await page.keyboard.press('Enter');
    await page.getByTestId('comment-form').waitFor();
    await expectFocusVisibleOn(page, '[data-testid=comment-form] h3');
    await expectAccessible(page, 'comment form opened with the keyboard');

    await page.keyboard.press('Tab');
    await expectFocusVisibleOn(page, '[data-testid=stance-support]');
    await page.keyboard.press('ArrowDown');
    await expectFocusVisibleOn(page, '[data-testid=stance-oppose]');
    expect(await page.getByTestId('stance-oppose').isChecked()).toBe(true);

    await page.keyboard.press('Tab');
    await expectFocusVisibleOn(page, '[data-testid=comment-text]');
    const text = '用键盘提交：建议对既有住宅小区设置过渡期。';
    await page.keyboard.type(text);
    expect(await page.getByTestId('comment-counter').textContent()).toBe(`${[...text].length} / 5000 字`);

    await page.keyboard.press('Tab');
    await expectFocusVisibleOn(page, '[data-testid=comment-submit]');
    await page.keyboard.press('Enter');

    // The confirmation takes the focus; the next Tab reaches the check of the receipt.
    await page.getByTestId('receipt').waitFor();
    await expectFocusVisibleOn(page, '[data-testid=comment-stored]');
    expect(await stored(draft, text)).toEqual([expect.objectContaining({ anchor: 'a5', stance: 'oppose' })]);
    await page.keyboard.press('Tab');
    await expectFocusVisibleOn(page, '[data-testid=receipt] [data-testid=verify-receipt]');
    await page.keyboard.press('Enter');
    const verdict = page.getByTestId('receipt').getByTestId('verify-result');
    await verdict.waitFor();
    expect(await verdict.textContent()).toContain('✓');
    await expectAccessible(page, 'receipt reached with the keyboard');
  });

  it('comments on article 5 and checks the receipt on a phone, nothing wider than the screen', async () => {
    const title = '某市停车设施建设管理办法（征求意见稿）';
    const draft = await createPublishedDraft(t, { fields: { title } });
    const zhao = await resident(t, '赵六');
    const page = await phoneAs(browser, zhao.token);
    await go(page, t, '/drafts');
    await page.getByRole('link', { name: title, exact: true }).tap();
    const outline = page.getByTestId('outline');
    const link = outline.locator('[data-outline=a5]');
    await link.waitFor();
    await expectAccessible(page, 'draft reader on a phone');
    expect(await fitsViewport(page)).toBe(true);
    await expectWithinScreen(page, '[data-testid=outline]');
    expect(await link.isVisible()).toBe(true);

    await link.tap();
    await page.locator('[data-anchor=a5].highlighted').waitFor();
    // Touch screens have no hover: the comment button is always shown.
    const button = page.getByTestId('comment-a5');
    expect(await button.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    await button.tap();
    const form = page.getByTestId('comment-form');
    await form.waitFor();
    expect(await fitsViewport(page)).toBe(true);
    await expectWithinScreen(page, '[data-testid=comment-form]');
    expect(await page.getByTestId('comment-text').isVisible()).toBe(true);
    await expectAccessible(page, 'comment form on a phone');

    await page.getByTestId('stance-amend').tap();
    const text = '手机提交：建议为新建住宅配建充电车位。';
    await page.getByTestId('comment-text').tap();
    await page.keyboard.type(text);
    await page.getByTestId('comment-submit').tap();
    const receipt = page.getByTestId('receipt');
    await receipt.waitFor();
    expect(await stored(draft, text)).toEqual([expect.objectContaining({ anchor: 'a5', stance: 'amend' })]);
    // The 64-character hashes wrap instead of widening the page.
    expect(await fitsViewport(page)).toBe(true);
    await receipt.getByTestId('verify-receipt').tap();
    await receipt.getByTestId('verify-result').waitFor();
    expect(await receipt.getByTestId('verify-result').getAttribute('data-ok')).toBe('true');
    expect(await fitsViewport(page)).toBe(true);
    await expectAccessible(page, 'receipt on a phone');
  });
});

// Used inside the browser by evaluate; declared for the Node type-check.
declare function getComputedStyle(el: unknown): { opacity: string };

/** The element lies within the screen's width (its right edge not beyond the viewport). */
async function expectWithinScreen(page: Page, selector: string): Promise<void> {
  const box = await page.locator(selector).boundingBox();
  const width = page.viewportSize()!.width;
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(width);
}
