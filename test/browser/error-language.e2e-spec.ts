// A real refusal of the API is told in the reader's language: the server sends a code and params
// (src/common/errors/error-codes.ts), the client fills the catalog text with dates formatted for
// the reader — Chinese in the Chinese UI, English after switching, never the server's English
// detail in the Chinese UI.
import type { Browser, Page } from 'playwright-core';
import { formatTime } from '../../client/src/lib/format';
import { createPublishedDraft, PublishedDraft } from '../factories/drafts';
import { announcedHearing } from '../factories/hearings';
import { resident, SignedIn } from '../factories/users';
import type { TestApp } from '../setup/test-app';
import { expectAccessible } from './a11y';
import { closeBrowserApp, FLOW_TIMEOUT, go, openBrowserApp, pageAs } from './helpers';

jest.setTimeout(FLOW_TIMEOUT);

describe('refusals in the reader’s language, in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let draft: PublishedDraft;
  let wang: SignedIn;
  beforeAll(async () => {
    ({ t, browser } = await openBrowserApp());
    draft = await createPublishedDraft(t);
    wang = await resident(t, '王小明');
  });
  afterAll(() => closeBrowserApp(t, browser));

  const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').trim();

  it('commenting after the window closed: the closing time in Chinese, then in English', async () => {
    const page = await pageAs(browser, wang.token);
    await go(page, t, `/drafts/${draft.draftId}?unit=a5`);
    await page.getByTestId('comment-a5').click();
    await page.getByTestId('stance-oppose').check();
    await page.getByTestId('comment-text').fill('配建标准过高。');
    // The window passes while the resident writes (the reconciler has not closed the draft yet).
    const { rows } = await t.sql.query(
      `UPDATE draft SET comment_opens_at = now() - interval '1 day', comment_closes_at = now() - interval '1 second' WHERE id = $1 RETURNING comment_closes_at`,
      [draft.draftId],
    );
    const closesAt = (rows[0].comment_closes_at as Date).toISOString();
    await page.getByTestId('comment-submit').click();
    await page.getByTestId('comment-error').waitFor();

    expect(await text(page, 'comment-error')).toBe(`出错了：征求意见已于 ${formatTime(closesAt, 'zh')} 截止，不能再提交意见。`);
    expect(await page.getByTestId('comment-error-detail').count()).toBe(0);
    expect(await page.getByTestId('comment-error').getAttribute('role')).toBe('alert');

    await page.getByTestId('lang-toggle').click();
    await page.getByText('Error: The comment period closed on').waitFor();
    expect(await text(page, 'comment-error')).toBe(`Error: The comment period closed on ${formatTime(closesAt, 'en')}; comments can no longer be submitted.`);
    await expectAccessible(page, 'comment refusal in English');
    expect((await t.sql.query(`SELECT count(*)::int AS n FROM comment WHERE draft_id = $1`, [draft.draftId])).rows[0].n).toBe(0);
  });

  it('applying outside sign-up: both window edges in Chinese, then in English', async () => {
    const other = await createPublishedDraft(t);
    const hearing = await announcedHearing(t, other);
    const page = await pageAs(browser, wang.token);
    await go(page, t, `/hearings/${hearing}`);
    await page.locator('textarea[name=statement]').fill('我住在附近，关心停车收费');
    // Sign-up is moved to tomorrow while the page is open.
    const { rows } = await t.sql.query(
      `UPDATE hearing SET signup_opens_at = now() + interval '1 day', signup_closes_at = now() + interval '3 days' WHERE id = $1 RETURNING signup_opens_at, signup_closes_at`,
      [hearing],
    );
    const [opensAt, closesAt] = [rows[0].signup_opens_at, rows[0].signup_closes_at].map((d: Date) => d.toISOString());
    await page.getByTestId('signup-submit').click();
    await page.getByTestId('signup-error').waitFor();

    expect(await text(page, 'signup-error')).toBe(`出错了：当前不在报名期内。报名时间为 ${formatTime(opensAt, 'zh')} 至 ${formatTime(closesAt, 'zh')}。`);
    expect(await text(page, 'signup-error')).not.toMatch(/sign-up/i);

    await page.getByTestId('lang-toggle').click();
    await page.getByText('Error: Sign-up is not open now.').waitFor();
    expect(await text(page, 'signup-error')).toBe(`Error: Sign-up is not open now. It runs from ${formatTime(opensAt, 'en')} to ${formatTime(closesAt, 'en')}.`);
    expect((await t.sql.query(`SELECT count(*)::int AS n FROM selection_application WHERE owner_id = $1`, [hearing])).rows[0].n).toBe(0);
  });
});
