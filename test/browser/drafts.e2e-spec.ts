import type { Browser } from 'playwright-core';
import { alternativePlans, closeDraftNow, completeDraftBody, createPublishedDraft, submitAndApprove } from '../factories/drafts';
import { staff } from '../factories/users';
import type { TestApp } from '../setup/test-app';
import { closeBrowserApp, DAY, FLOW_TIMEOUT, go, localInput, openBrowserApp, pageAs } from './helpers';

// Code passed to page.evaluate runs in the browser; the Node type-check has no DOM library.
declare const document: any;
declare const window: any;

jest.setTimeout(FLOW_TIMEOUT);

describe('drafts in a real browser (issue 3)', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    ({ t, browser } = await openBrowserApp());
  });
  afterAll(() => closeBrowserApp(t, browser));

  it('an organizer pastes a draft, a reviewer approves, it is published, a resident opens it and navigates to article 5', async () => {
    const organizer = await staff(t, ['organizer'], { displayName: '起草人张' });
    const reviewer = await staff(t, ['reviewer'], { displayName: '审核人王' });

    // The organizer pastes the text and sees the outline before saving.
    const org = await pageAs(browser, organizer.token);
    await go(org, t, '/organizer/drafts/new');
    await org.getByTestId('field-title').fill('某市机动车停车管理办法（征求意见稿）');
    await org.getByTestId('field-body').fill(completeDraftBody());
    await org.locator('[data-testid=parse-preview] [data-parsed=a5]').waitFor();
    expect(await org.locator('[data-testid=parse-preview] [data-parsed=a5]').textContent()).toContain('第五条');
    await org.getByTestId('field-basis').fill('《中华人民共和国道路交通安全法》');
    await org.getByTestId('field-reasons').fill('停车供需矛盾突出，需要统一规定。');
    await org.getByTestId('field-contact-person').fill('李明');
    await org.getByTestId('field-contact-address').fill('某市人民路1号市交通运输局（邮编100000）');
    await org.getByTestId('field-contact-email').fill('fgc@example.gov.cn');
    // A day back, so the window is open on publication whatever the browser's time zone.
    await org.getByTestId('field-opens').fill(localInput(Date.now() - DAY));
    await org.getByTestId('field-closes').fill(localInput(Date.now() + 20 * DAY));
    await org.getByTestId('save-draft').click();
    await org.getByTestId('draft-saved').waitFor();
    await org.locator('[data-testid=stored-units] [data-parsed=a5]').waitFor();
    const draftId = /organizer\/drafts\/([0-9a-f-]{36})\/edit/.exec(org.url())![1];

    // Submitting needs the R4 declaration.
    await go(org, t, `/organizer/drafts/${draftId}`);
    await org.getByTestId('submit-draft').click();
    expect(await org.getByTestId('submit-draft-error').textContent()).toContain('R4');
    await org.getByTestId('confidential-check').check();
    await org.getByTestId('submit-draft').click();
    await org.locator('[data-testid=draft-status][data-status=in_review]').waitFor();

    // The reviewer finds it in the queue and approves it.
    const rev = await pageAs(browser, reviewer.token);
    await go(rev, t, '/review');
    await rev.getByTestId(`review-${draftId}`).click();
    await rev.locator('[data-testid=review-units] [data-parsed=a5]').waitFor();
    await rev.getByTestId('approve-draft').click();
    await rev.getByTestId('queue-empty').waitFor();

    // The organizer publishes it; the window is open at once.
    await org.reload();
    await org.getByTestId('publish-draft').click();
    await org.locator('[data-testid=draft-status][data-status=open]').waitFor();
    await org.locator('[data-action=approved]').waitFor();
    expect(await org.getByTestId('history').textContent()).toContain('审核人王');

    // A resident finds it by a two-character search and reads article 5 from the outline.
    const res = await pageAs(browser);
    await go(res, t, '/drafts');
    await res.getByTestId('draft-search').fill('停车');
    await res.getByTestId('draft-search').press('Enter');
    await res.getByRole('link', { name: '某市机动车停车管理办法（征求意见稿）' }).click();
    await res.getByTestId('reader').waitFor();
    expect(await res.getByTestId('contact').textContent()).toContain('fgc@example.gov.cn');
    expect(await res.getByTestId('comment-window').getAttribute('data-phase')).toBe('open');
    await res.locator('[data-testid=outline] [data-outline=a5]').click();
    expect(res.url()).toContain(`#/drafts/${draftId}?unit=a5`);
    const article5 = res.locator('[data-anchor=a5]');
    await res.locator('[data-anchor=a5].highlighted').waitFor();
    expect(await article5.textContent()).toContain('第五条');
    expect(await article5.textContent()).toContain('配建停车场');
    await expectInViewport(res, '[data-anchor=a5]');
    expect(await res.evaluate(() => document.activeElement?.getAttribute('data-anchor'))).toBe('a5');

    // English second, and a phone-sized screen without sideways scrolling.
    await res.getByTestId('lang-toggle').click();
    expect(await res.getByTestId('comment-window').textContent()).toContain('Open for comment');
    await res.setViewportSize({ width: 375, height: 740 });
    expect(await res.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // A shared link opens straight on the article.
    const other = await pageAs(browser);
    await go(other, t, `/drafts/${draftId}?unit=a5`);
    await other.locator('[data-anchor=a5].highlighted').waitFor();
    await expectInViewport(other, '[data-anchor=a5]');
  });

  it('shows the server’s R1 refusal next to the submit form of an incomplete draft', async () => {
    const organizer = await staff(t, ['organizer']);
    const org = await pageAs(browser, organizer.token);
    await go(org, t, '/organizer/drafts/new');
    await org.getByTestId('field-title').fill('不完整的草案');
    await org.getByTestId('field-body').fill('第一条 测试。');
    await org.getByTestId('form-hints').waitFor();
    await org.getByTestId('save-draft').click();
    await org.getByTestId('draft-saved').waitFor();
    await org.getByRole('link', { name: '管理此草案' }).click();
    await org.getByTestId('confidential-check').check();
    await org.getByTestId('submit-draft').click();
    const error = await org.getByTestId('submit-draft-error').textContent();
    // The missing fields are named by their labels in the reader's language (the code's params).
    expect(error).toContain('R1');
    expect(error).toContain('起草依据');
  });
});

describe('alternatives and versions in the reader (issue 3)', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    ({ t, browser } = await openBrowserApp());
  });
  afterAll(() => closeBrowserApp(t, browser));

  it('shows alternative plans as tabs, then a revised version with its unit-by-unit diff', async () => {
    const p = await createPublishedDraft(t, { fields: { alternatives: alternativePlans() } });
    const page = await pageAs(browser);
    await go(page, t, `/drafts/${p.draftId}`);
    await page.getByTestId('plan-tabs').waitFor();
    expect(await page.getByTestId('plan-tab--1').getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('plan-tab-0').click();
    await page.locator('[data-anchor=a1]', { hasText: '白天按小时收费' }).waitFor();
    expect(page.url()).toContain('plan=0');
    await page.getByTestId('plan-tab-0').press('ArrowRight');
    await page.locator('[data-anchor=a1]', { hasText: '按中心城区和其他区域分别定价' }).waitFor();
    expect(await page.getByTestId('plan-tab-1').getAttribute('aria-selected')).toBe('true');

    // A revised version after the window: article 5 reworded, an article added.
    await closeDraftNow(t, p.draftId);
    const revised = `${completeDraftBody().replace('应当按照停车设施配建标准配建停车场', '应当按照停车设施配建标准配建停车场，并预留充电设施安装条件')}\n第十一条 本办法由市交通运输主管部门负责解释。`;
    const now = Date.now();
    await t
      .http()
      .post(`/api/drafts/${p.draftId}/versions`)
      .set(p.organizer.auth)
      .send({ body: revised, commentOpensAt: new Date(now).toISOString(), commentClosesAt: new Date(now + 14 * DAY).toISOString() })
      .expect(201);
    await submitAndApprove(t, p.draftId, p.organizer, [p.reviewer]);
    await t.http().post(`/api/drafts/${p.draftId}/publish`).set(p.organizer.auth).expect(200);

    await go(page, t, `/drafts/${p.draftId}?unit=a5`);
    await page.reload(); // the hash change alone keeps the page (and its loaded draft)
    await page.locator('[data-anchor=a5]', { hasText: '充电设施' }).waitFor();
    expect(await page.getByTestId('version-select').inputValue()).toBe('2');
    await page.getByTestId('diff-toggle').click();
    await page.getByTestId('diff-view').waitFor();
    const modified = page.locator('[data-testid=diff-change][data-change=modified]');
    expect(await modified.count()).toBe(1);
    expect(await modified.textContent()).toContain('第五条');
    expect(await page.locator('[data-testid=diff-change][data-change=added]').textContent()).toContain('第十一条');

    await page.getByTestId('version-select').selectOption('1');
    await page.waitForURL(/version=1/);
    await page.locator('[data-anchor=a5]', { hasNotText: '充电设施' }).waitFor();
    expect(await page.locator('[data-anchor=a5]').textContent()).toContain('配建停车场');
    // Comments go to the current version only.
    expect(await page.getByTestId('comment-a5').count()).toBe(0);
  });
});

async function expectInViewport(page: import('playwright-core').Page, selector: string): Promise<void> {
  const box = await page.locator(selector).boundingBox();
  const height = page.viewportSize()!.height;
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(-1);
  expect(box!.y).toBeLessThan(height);
}
