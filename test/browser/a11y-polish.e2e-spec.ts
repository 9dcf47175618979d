// Accessibility polish of the web client: after an in-app navigation the focus starts at the new
// page's heading and the page is announced (not on the first load); the notice run's progress is
// announced politely by tenths and on completion, not per tick; the journeys' key pages reflow at
// 320 CSS px (WCAG 1.4.10) and survive 200% text, data tables scrolling in their own labelled box;
// touch targets are at least 24×24 px (WCAG 2.5.8, axe target-size); axe passes on each.
import type { Browser, Page } from 'playwright-core';
import { comment } from '../factories/comments';
import { createPublishedDraft } from '../factories/drafts';
import { acceptAll, announcedHearing, applicants, closeSignup, commit, freezeAndDraw } from '../factories/hearings';
import { emitAck, liveHearing, liveSocket, setLiveState } from '../factories/live';
import { dispose, publishReport, settled } from '../factories/notices';
import { resident, SignedIn } from '../factories/users';
import type { TestApp } from '../setup/test-app';
import { expectAccessible, expectTargetSize } from './a11y';
import { closeBrowserApp, FLOW_TIMEOUT, go, openBrowserApp, pageAs } from './helpers';

// Code passed to page.evaluate runs in the browser; the Node type-check has no DOM library.
declare const window: any;
declare const document: any;

jest.setTimeout(FLOW_TIMEOUT);

const TITLE = '某市机动车停车管理办法（征求意见稿）';

/** A 320×640 touch screen (WCAG 1.4.10's reflow width), signed in with `token` or anonymous. */
async function narrowAs(browser: Browser, token?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
  if (token) await context.addInitScript((tk) => window.localStorage.setItem('consult.token', tk), token);
  const page = await context.newPage();
  page.setDefaultTimeout(30000);
  return page;
}

/**
 * What makes the reader scroll sideways or loses content: the page wider than the screen, elements
 * beyond its right edge, and boxes that cut their text off (hidden overflow). Data tables may scroll
 * inside their own box (.table-wrap), so what is inside one is left out; so are deliberate
 * ellipses (the outline's article summaries, whose full text is the article itself).
 */
async function reflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // The layout viewport: on a phone, innerWidth grows to fit content wider than the screen.
    const width = document.documentElement.clientWidth;
    const name = (el: any) =>
      `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
    const problems: string[] = [];
    const page = document.documentElement.scrollWidth;
    if (page > width) problems.push(`the page is ${page}px wide on a ${width}px screen`);
    for (const el of document.querySelectorAll('#root *')) {
      if (el.closest('.table-wrap, .sr-only, .skip-link')) continue;
      const box = el.getBoundingClientRect();
      if (box.width && box.right > width + 0.5) problems.push(`${name(el)} reaches ${Math.round(box.right)}px`);
      const s = window.getComputedStyle(el);
      const cuts = (s.overflowX === 'hidden' || s.overflowX === 'clip') && s.textOverflow !== 'ellipsis' && el.scrollWidth > el.clientWidth + 1;
      if (cuts) problems.push(`${name(el)} cuts its content (${el.scrollWidth}px in ${el.clientWidth}px)`);
    }
    return problems.slice(0, 12);
  });
}

/** Checks the page as it is now at 320 px, then with the text at 200%: no sideways scrolling, nothing cut off. */
async function expectReflows(page: Page, where: string): Promise<void> {
  expect({ where, problems: await reflowProblems(page) }).toEqual({ where, problems: [] });
  await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
  try {
    expect({ where: `${where}, text at 200%`, problems: await reflowProblems(page) }).toEqual({ where: `${where}, text at 200%`, problems: [] });
  } finally {
    await page.evaluate(() => (document.documentElement.style.fontSize = ''));
  }
}

/**
 * Links and buttons in lists, menus and rows of actions smaller than 24×24 CSS px, spacing aside:
 * axe's target-size lets a small target pass when nothing else is near it; a thumb still needs
 * something to hit. Links inside running text are left out (WCAG 2.5.8's inline exception).
 */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    const controls = document.querySelectorAll('li a[href], li button, nav a[href], nav button, .actions a[href], .actions button, .links a[href], .meta a[href], .pager button, .unit-actions button, summary');
    for (const el of controls) {
      const box = el.getBoundingClientRect();
      if (!box.width || !box.height || el.closest('.sr-only')) continue;
      if (box.width < 24 || box.height < 24) small.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 20)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return small;
  });
}

/** Each page at 320 px: reflows (also with 200% text), passes axe, and its touch targets are large enough. */
async function expectNarrowPageWorks(page: Page, where: string): Promise<void> {
  await expectReflows(page, where);
  await expectAccessible(page, `${where} at 320 px`);
  await expectTargetSize(page, `${where} at 320 px`);
  expect({ where, small: await smallTargets(page) }).toEqual({ where, small: [] });
}

describe('accessibility polish: focus on navigation, polite announcements, reflow at 320 px, touch targets', () => {
  let t: TestApp;
  let browser: Browser;
  let wang: SignedIn;
  beforeAll(async () => {
    ({ t, browser } = await openBrowserApp({ worker: true }));
    await createPublishedDraft(t); // the consultation the first test navigates to
    wang = await resident(t, '王小明');
  });
  afterAll(() => closeBrowserApp(t, browser));

  it('starts at the new page’s heading after an in-app navigation, and announces the page, but not on the first load', async () => {
    const page = await pageAs(browser, wang.token);
    await go(page, t, '/');
    await page.getByTestId('health-status').waitFor();
    // First load: the focus stays where the browser puts it and nothing is announced.
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    expect(await page.getByTestId('route-announcer').textContent()).toBe('');

    // From the navigation bar to the list of consultations.
    await page.getByRole('navigation').getByRole('link', { name: '征求意见' }).click();
    await page.getByRole('link', { name: TITLE, exact: true }).waitFor();
    await page.locator('main h1:focus').waitFor();
    expect(await page.locator('main h1').getAttribute('tabindex')).toBe('-1');
    const announcer = page.getByTestId('route-announcer');
    expect(await announcer.getAttribute('aria-live')).toBe('polite');
    await announcer.filter({ hasText: '已打开页面：决策草案公开征求意见' }).waitFor();
    await expectAccessible(page, 'draft list after navigating');

    // From a link inside the page to the draft, whose heading arrives with its data.
    await page.getByRole('link', { name: TITLE, exact: true }).click();
    await page.locator('[data-testid=draft-title]:focus').waitFor();
    await announcer.filter({ hasText: `已打开页面：${TITLE}` }).waitFor();
    // The next Tab continues inside the new page, not back in the navigation bar.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.querySelector('main').contains(document.activeElement)))).toBe(true);

    // A link to an article changes only the query: the article takes the focus, not the heading.
    await page.locator('[data-testid=outline] [data-outline=a5]').click();
    await page.locator('[data-anchor=a5].highlighted').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-anchor'))).toBe('a5');

    // With the keyboard: Enter on the inbox link in the navigation; the heading shows its focus ring.
    await page.getByTestId('nav-notices').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('inbox').waitFor();
    await page.locator('main h1:focus-visible').waitFor();
    await announcer.filter({ hasText: '已打开页面：我的通知' }).waitFor();
  });

  it('announces the notice run politely by tenths and on completion, on the progress page', async () => {
    const d = await createPublishedDraft(t, { fields: { title: '某市停车收费管理办法（征求意见稿）' } });
    const people = [wang, await resident(t, '李四'), await resident(t, '赵六')];
    for (const who of people) {
      const { id } = await comment(t, d.draftId, who, { anchor: 'a7', stance: 'amend', text: `${who.email} 建议夜间停车免费。` });
      await dispose(t, d.organizer, id, { outcome: 'adopted' });
    }
    const page = await pageAs(browser, d.organizer.token);
    await go(page, t, `/organizer/drafts/${d.draftId}/notices`);
    await page.locator('[data-testid=socket-state][data-state=live]').waitFor();
    const region = page.getByTestId('progress-announcement');
    expect(await region.getAttribute('role')).toBe('status');
    expect(await region.getAttribute('aria-live')).toBe('polite');
    expect(await region.textContent()).toBe(''); // no run yet: nothing said
    // Every text the region takes from now on.
    await page.evaluate(() => {
      const el = document.querySelector('[data-testid=progress-announcement]');
      window.said = [];
      new window.MutationObserver(() => window.said.push(el.textContent)).observe(el, { subtree: true, childList: true, characterData: true });
    });

    await publishReport(t, d);
    await region.filter({ hasText: '通知发送完成：3 位参与者中已送达 3 位，失败 0 位。' }).waitFor();
    expect(await page.getByTestId('progress-delivered').textContent()).toBe('3');
    const said: string[] = (await page.evaluate(() => window.said)).filter(Boolean);
    // Each announcement is a new milestone (a tenth or the end), never the same words again.
    expect(new Set(said).size).toBe(said.length);
    expect(said.length).toBeLessThanOrEqual(11);
    expect(said[said.length - 1]).toContain('通知发送完成');
    await expectAccessible(page, 'notice progress after the run');
  });

  it('reflows the key pages of the journeys at 320 px with 200% text, big enough touch targets and no axe violation', async () => {
    const d = await createPublishedDraft(t, { fields: { title: '某市停车设施建设管理办法（征求意见稿）' } });
    const zhao = await resident(t, '赵六');
    const page = await narrowAs(browser, zhao.token);

    // The draft list and the reader with its outline.
    await go(page, t, '/drafts');
    await page.getByRole('link', { name: '某市停车设施建设管理办法（征求意见稿）', exact: true }).waitFor();
    await expectNarrowPageWorks(page, 'draft list');
    await go(page, t, `/drafts/${d.draftId}`);
    await page.locator('[data-testid=outline] [data-outline=a5]').waitFor();
    await expectNarrowPageWorks(page, 'reader with its outline');

    // The comment form, then the receipt once checked.
    await page.locator('[data-testid=outline] [data-outline=a5]').tap();
    await page.getByTestId('comment-a5').tap();
    await page.getByTestId('comment-form').waitFor();
    await expectNarrowPageWorks(page, 'comment form');
    await page.getByTestId('stance-oppose').tap();
    await page.getByTestId('comment-text').fill('三百二十像素宽的屏幕上提交：配建标准过高，老旧小区无法执行。');
    await page.getByTestId('comment-submit').tap();
    const receipt = page.getByTestId('receipt');
    await receipt.waitFor();
    await receipt.getByTestId('verify-receipt').tap();
    await receipt.getByTestId('verify-result').waitFor();
    expect(await receipt.getByTestId('verify-announcement').textContent()).toContain('✓');
    await expectNarrowPageWorks(page, 'verified receipt');

    // The inbox with an opened outcome: its table's headers stay on one line each.
    const [mine] = (await t.sql.query(`SELECT id FROM comment WHERE draft_id = $1 AND author_id = $2`, [d.draftId, zhao.id])).rows;
    await dispose(t, d.organizer, mine.id, { outcome: 'not_adopted', basis: 'feasibility', reason: '老旧小区另行规定，本条只适用于新建建筑。' });
    await publishReport(t, d);
    await settled(t, d.draftId, d.organizer);
    await go(page, t, '/me/notices');
    await page.getByTestId('notice-open').first().tap();
    const outcomes = page.getByTestId('notice-outcomes');
    await outcomes.waitFor();
    await expectNarrowPageWorks(page, 'inbox with an opened notice');
    const lines = await outcomes.locator('th').evaluateAll((ths: any[]) =>
      ths.map((th) => {
        const text = document.createRange();
        text.selectNodeContents(th);
        return `${th.textContent}: ${new Set([...text.getClientRects()].map((r: any) => Math.round(r.top))).size}`;
      }),
    );
    expect(lines).toEqual(['条款: 1', '处理结果: 1', '理由: 1']);
    // With 200% text the table no longer fits: it scrolls in its own box, which becomes a named
    // region the keyboard can reach and scroll (the page itself still does not scroll sideways).
    await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
    const scroller = page.locator('.table-wrap[data-scrolls=true]', { has: outcomes });
    await scroller.waitFor();
    expect(await scroller.getAttribute('role')).toBe('region');
    expect(await scroller.getAttribute('aria-label')).toBe('您的意见及处理结果');
    expect(await scroller.getAttribute('tabindex')).toBe('0');
    await expectAccessible(page, 'inbox with 200% text');
    await page.evaluate(() => (document.documentElement.style.fontSize = ''));
    await page.locator('.table-wrap[data-scrolls=false]', { has: outcomes }).waitFor();

    // The public draw page of a drawn hearing, verified in the browser.
    const hearingId = await announcedHearing(t, d);
    const people = await applicants(t, hearingId, 5, 'resident');
    await acceptAll(t, hearingId, d.organizer, people);
    const chain = await commit(t, hearingId, d.organizer);
    await closeSignup(t, 'hearing', hearingId);
    await freezeAndDraw(t, hearingId, d.organizer, chain);
    await go(page, t, `/hearings/${hearingId}/draw`);
    await page.getByTestId('verify-draw').tap();
    await page.getByTestId('verify-summary').waitFor();
    expect(await page.getByTestId('verify-announcement').textContent()).toContain('✓');
    await expectNarrowPageWorks(page, 'public draw page, verified');

    // The live page with a few statements.
    const h = await liveHearing(t, { draft: d });
    await setLiveState(t, h, 'start');
    const clerk = await liveSocket(t, h.clerk.token);
    try {
      for (const text of ['我住在这条路旁边，夜间收费会增加居民负担。', '从交通需求管理的角度，差别化收费是必要的，建议分时段、分区域确定收费标准。']) {
        await emitAck(clerk, 'segment:add', { hearingId: h.hearingId, seatId: h.representatives[0].seatId, text });
      }
    } finally {
      clerk.disconnect();
    }
    await go(page, t, `/hearings/${h.hearingId}/live`);
    await page.locator('[data-testid=segment]').nth(1).waitFor();
    await expectNarrowPageWorks(page, 'live page');
  });
});
