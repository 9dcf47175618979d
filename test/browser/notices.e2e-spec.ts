// Notices in a real browser: the organizer watches the run's progress update live over the
// `/notices` socket while the worker delivers; the resident opens the notice in the inbox and
// reads the outcome of their comment with its reason, and the unread marker goes away.
import type { Browser } from 'playwright-core';
import { comment } from '../factories/comments';
import { createPublishedDraft } from '../factories/drafts';
import { dispose, publishReport } from '../factories/notices';
import { resident } from '../factories/users';
import type { TestApp } from '../setup/test-app';
import { closeBrowserApp, go, openBrowserApp, pageAs } from './helpers';

describe('notices in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    ({ t, browser } = await openBrowserApp({ worker: true }));
  });
  afterAll(() => closeBrowserApp(t, browser));

  it('shows the organizer live progress and the resident the outcome of their comment', async () => {
    const d = await createPublishedDraft(t);
    const wang = await resident(t, '王小明');
    const { id } = await comment(t, d.draftId, wang, { anchor: 'a7', stance: 'amend', text: '建议夜间二十时后道路停车免费。' });
    await dispose(t, d.organizer, id, { outcome: 'not_adopted', basis: 'feasibility', reason: '现有财力无法支持夜间免费停车' });

    const organizer = await pageAs(browser, d.organizer.token);
    await go(organizer, t, `/organizer/drafts/${d.draftId}/notices`);
    await organizer.locator('[data-testid=socket-state][data-state=live]').waitFor();
    expect(await organizer.getByTestId('progress-total').textContent()).toBe('0');
    await publishReport(t, d);
    // No reload: the counts arrive over the socket as the worker delivers.
    await organizer.locator('[data-testid=progress-delivered]', { hasText: /^1$/ }).waitFor({ timeout: 30000 });
    expect(await organizer.getByTestId('progress-total').textContent()).toBe('1');
    expect(await organizer.getByTestId('progress-failed').textContent()).toBe('0');

    const page = await pageAs(browser, wang.token);
    await go(page, t, '/me/notices');
    await page.getByTestId('notice').first().waitFor();
    expect(await page.getByTestId('unread-count').textContent()).toContain('1');
    expect(await page.getByTestId('notice').first().getAttribute('data-unread')).toBe('true');
    await page.getByTestId('notice-open').first().click();
    const outcomes = page.getByTestId('notice-outcomes');
    await outcomes.waitFor();
    const text = await outcomes.textContent();
    expect(text).toContain('不予采纳');
    expect(text).toContain('可行性');
    expect(text).toContain('现有财力无法支持夜间免费停车');
    expect(await page.getByTestId('notice-report-link').getAttribute('href')).toBe(`#/drafts/${d.draftId}/report`);
    await page.locator('[data-testid=notice][data-unread=false]').waitFor();
    expect(await page.getByTestId('unread-count').textContent()).toContain('0');
    expect(await page.getByTestId('unread-marker').count()).toBe(0);
  });
});
