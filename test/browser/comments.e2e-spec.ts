import type { Browser, Page } from 'playwright-core';
import { createPublishedDraft, PublishedDraft } from '../factories/drafts';
import { resident, SignedIn } from '../factories/users';
import type { TestApp } from '../setup/test-app';
import { CommentBatcher } from '../../src/modules/comments/intake/comment-batcher';
import { closeBrowserApp, FLOW_TIMEOUT, go, openBrowserApp, pageAs } from './helpers';

// Code passed to page.evaluate runs in the browser; the Node type-check has no DOM library.
declare const document: any;

jest.setTimeout(FLOW_TIMEOUT);

describe('commenting from the reader in a real browser (issue 4)', () => {
  let t: TestApp;
  let browser: Browser;
  let published: PublishedDraft;
  let wang: SignedIn;
  beforeAll(async () => {
    ({ t, browser } = await openBrowserApp());
    published = await createPublishedDraft(t);
    wang = await resident(t, '王小明');
  });
  afterAll(() => closeBrowserApp(t, browser));

  const comments = async (text: string) =>
    (await t.sql.query(`SELECT id, seq::int AS seq, anchor, stance, quote_start, quote_end, quote_text FROM comment WHERE draft_id = $1 AND text = $2`, [published.draftId, text])).rows;

  async function openReader(page: Page, unit: string): Promise<void> {
    await go(page, t, `/drafts/${published.draftId}?unit=${unit}`);
    await page.locator(`[data-anchor="${unit}"].highlighted`).waitFor();
  }

  it('a resident selects an article, picks a stance, submits, sees the receipt and verifies it', async () => {
    const page = await pageAs(browser, wang.token);
    await openReader(page, 'a5');
    await page.getByTestId('comment-a5').click();
    await page.getByTestId('comment-form').waitFor();
    await page.getByTestId('stance-oppose').check();
    const text = '配建标准过高，老旧小区无法执行，建议区分新旧建筑。';
    await page.getByTestId('comment-text').fill(text);
    expect(await page.getByTestId('comment-counter').textContent()).toBe(`${[...text].length} / 5000 字`);
    await page.getByTestId('comment-submit').click();

    const receipt = page.getByTestId('receipt');
    await receipt.waitFor();
    const [stored] = await comments(text);
    expect(stored).toMatchObject({ anchor: 'a5', stance: 'oppose' });
    expect(await receipt.getByTestId('receipt-leafIndex').textContent()).toBe(String(stored.seq - 1));
    expect(await receipt.getByTestId('receipt-treeSize').textContent()).toBe(String(stored.seq));
    expect(await receipt.getByTestId('receipt-leafHash').textContent()).toMatch(/^[0-9a-f]{64}$/);

    await receipt.getByTestId('verify-receipt').click();
    const verdict = receipt.getByTestId('verify-result');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-ok')).toBe('true');
    expect(await verdict.textContent()).toContain('✓');

    // The outline's heatmap and the unit's public list show it, with the name masked (R19).
    await page.locator('[data-testid=heat-a5]').waitFor();
    expect(await page.getByTestId('heat-a5').textContent()).toBe('1');
    await page.getByTestId('comments-a5').click();
    const item = page.getByTestId('public-comment').first();
    await item.waitFor();
    expect(await item.textContent()).toContain('王**');
    expect(await item.textContent()).not.toContain('王小明');
    expect(await item.textContent()).toContain(text);

    // The receipt stays in this browser and verifies again later.
    await page.reload();
    await page.getByTestId('my-receipts').click();
    const kept = page.getByTestId('stored-receipt').first();
    await kept.getByTestId('verify-receipt').click();
    expect(await kept.getByTestId('verify-result').getAttribute('data-ok')).toBe('true');
  });

  it('comments on a span of text selected inside an article, with its UTF-16 offsets', async () => {
    const page = await pageAs(browser, wang.token);
    await openReader(page, 'a7');
    const unitText = await page.locator('[data-unit-text="a7"]').textContent();
    const wanted = '分时段差别化收费';
    const start = unitText!.indexOf(wanted);
    await page.evaluate(
      ({ start, end }) => {
        const el = document.querySelector('[data-unit-text="a7"]')!;
        const node = el.firstChild!;
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, end);
        const sel = document.getSelection()!;
        sel.removeAllRanges();
        sel.addRange(range);
      },
      { start, end: start + wanted.length },
    );
    const button = page.getByTestId('comment-a7');
    await page.waitForFunction(() => document.querySelector('[data-testid=comment-a7]')?.textContent === '对所选文字提意见');
    await button.click();
    expect(await page.getByTestId('comment-quote').textContent()).toBe(wanted);
    await page.getByTestId('stance-amend').check();
    await page.getByTestId('comment-text').fill('建议夜间免费。');
    await page.getByTestId('comment-submit').click();
    await page.getByTestId('receipt').waitFor();
    const [stored] = await comments('建议夜间免费。');
    expect(stored).toMatchObject({ anchor: 'a7', stance: 'amend', quote_start: start, quote_end: start + wanted.length, quote_text: wanted });
  });

  it('retries after a lost response with the same Idempotency-Key, so the comment is stored once', async () => {
    const page = await pageAs(browser, wang.token);
    const keys: string[] = [];
    let dropNext = true;
    await page.route('**/api/drafts/*/comments', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key']);
      if (!dropNext) return route.continue();
      dropNext = false;
      // The server stores the comment, but its answer never reaches the browser.
      await route.fetch();
      await route.abort('connectionreset');
    });
    await openReader(page, 'a8');
    await page.getByTestId('comment-a8').click();
    await page.getByTestId('stance-support').check();
    await page.getByTestId('comment-text').fill('支持开放内部停车场。');
    await page.getByTestId('comment-submit').click();
    await page.getByTestId('comment-error').waitFor();
    expect(await page.getByTestId('comment-submit').textContent()).toBe('重试');
    expect(await comments('支持开放内部停车场。')).toHaveLength(1);

    await page.getByTestId('comment-submit').click();
    await page.getByTestId('receipt').waitFor();
    const stored = await comments('支持开放内部停车场。');
    expect(stored).toHaveLength(1);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(await page.getByTestId('receipt').getByTestId('receipt-leafIndex').textContent()).toBe(String(stored[0].seq - 1));
  });

  it('sends again by itself when the server is too busy to take the comment, and stores it once', async () => {
    // A real refusal of the real intake: the group commit's waiting limit at 0 answers 503 +
    // Retry-After before anything is stored, as under a burst.
    const batcher = t.app.get(CommentBatcher) as unknown as { maxPending: number };
    const limit = batcher.maxPending;
    const page = await pageAs(browser, wang.token);
    await openReader(page, 'a6');
    await page.getByTestId('comment-a6').click();
    await page.getByTestId('stance-amend').check();
    const text = '高峰时段提交的意见：建议第六条增加夜间共享停车位的规定。';
    await page.getByTestId('comment-text').fill(text);
    batcher.maxPending = 0;
    try {
      await page.getByTestId('comment-submit').click();
      const waiting = page.getByTestId('comment-waiting');
      await page.waitForFunction(() => (document.querySelector('[data-testid=comment-waiting]')?.textContent ?? '').includes('自动重新提交'));
      expect(await waiting.textContent()).toMatch(/服务器繁忙，\d+ 秒后自动重新提交（第 1 次）/);
      expect(await comments(text)).toHaveLength(0);
    } finally {
      batcher.maxPending = limit;
    }
    await page.getByTestId('receipt').waitFor();
    expect(await comments(text)).toHaveLength(1);
    expect(await page.getByTestId('comment-error').count()).toBe(0);
  });
});
