// The live hearing in a real browser: a clerk types in the console (speaker hotkeys, Enter to send,
// Ctrl+Enter for a new line, a correction) while a viewer follows the public live page; the viewer
// catches up after a reload and after losing the connection.
import type { Browser, Page } from 'playwright-core';
import { liveHearing, LiveHearing } from '../factories/live';
import type { TestApp } from '../setup/test-app';
import { closeBrowserApp, go, openBrowserApp, pageAs } from './helpers';

const segmentTexts = (page: Page) => page.locator('[data-testid=segment] [data-testid=segment-text]').allTextContents();

async function waitForSegments(page: Page, n: number): Promise<void> {
  await page.locator('[data-testid=segment]').nth(n - 1).waitFor({ timeout: 15000 });
}

describe('live hearing in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let h: LiveHearing;
  beforeAll(async () => {
    ({ t, browser } = await openBrowserApp());
    h = await liveHearing(t);
  });
  afterAll(() => closeBrowserApp(t, browser));

  it('shows a viewer what the clerk types, with speakers and roles, and catches up after a reload and a lost connection', async () => {
    const clerk = await pageAs(browser, h.clerk.token);
    await go(clerk, t, `/clerk/hearings/${h.hearingId}`);
    await clerk.getByTestId('speaker-option').first().waitFor();
    await clerk.getByTestId('live-start').click();
    await clerk.locator('[data-testid=hearing-state][data-state=live]').waitFor();

    const viewer = await pageAs(browser);
    await go(viewer, t, `/hearings/${h.hearingId}/live`);
    await viewer.locator('[data-testid=connection-state][data-state=live]').waitFor();
    await viewer.locator('[data-testid=hearing-state][data-state=live]').waitFor();

    // Roster order: expert (张教授), resident (王小明), stakeholder (李建国), then staff.
    const composer = clerk.getByTestId('composer');
    await composer.focus();
    await clerk.keyboard.press('Alt+2');
    await composer.pressSequentially('我住在这条路旁边，夜间收费会增加居民负担。');
    await composer.press('Control+Enter');
    await composer.pressSequentially('建议二十时后免费。');
    await composer.press('Enter');
    await clerk.keyboard.press('Alt+1');
    await composer.pressSequentially('从交通需求管理的角度，差别化收费是必要的。');
    await composer.press('Enter');
    expect(await composer.inputValue()).toBe('');

    await waitForSegments(viewer, 2);
    const first = viewer.locator('[data-testid=segment][data-seq="1"]');
    expect(await first.locator('.speaker').textContent()).toBe('王**'); // a resident's name is masked (R19)
    expect(await first.locator('.role').textContent()).toBe('普通市民');
    expect(await first.getByTestId('segment-text').textContent()).toBe('我住在这条路旁边，夜间收费会增加居民负担。\n建议二十时后免费。');
    const second = viewer.locator('[data-testid=segment][data-seq="2"]');
    expect(await second.locator('.speaker').textContent()).toBe('张教授');
    expect(await second.locator('.role').textContent()).toBe('专家学者');
    await clerk.locator('[data-testid=pending-queue][data-count="0"]').waitFor();

    // A reload starts from nothing and gets the whole transcript again, then live segments.
    await viewer.reload();
    await viewer.locator('[data-testid=connection-state][data-state=live]').waitFor();
    await waitForSegments(viewer, 2);
    await clerk.keyboard.press('Alt+3');
    await composer.pressSequentially('商户也需要临时停车位。');
    await composer.press('Enter');
    await waitForSegments(viewer, 3);
    expect(await segmentTexts(viewer)).toEqual(['我住在这条路旁边，夜间收费会增加居民负担。\n建议二十时后免费。', '从交通需求管理的角度，差别化收费是必要的。', '商户也需要临时停车位。']);

    // The viewer loses the connection while the clerk keeps typing; on return it catches up.
    await viewer.context().setOffline(true);
    await viewer.locator('[data-testid=connection-state]:not([data-state=live])').waitFor({ timeout: 20000 });
    for (const text of ['第四段发言。', '第五段发言。']) {
      await composer.pressSequentially(text);
      await composer.press('Enter');
    }
    await clerk.locator('[data-testid=pending-queue][data-count="0"]').waitFor();
    await viewer.context().setOffline(false);
    await waitForSegments(viewer, 5);
    const seqs = await viewer.locator('[data-testid=segment]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));
    expect(seqs).toEqual([1, 2, 3, 4, 5]);

    // A correction becomes a new revision that the viewer sees in place.
    await clerk.locator('[data-testid=segment][data-seq="3"] [data-testid=segment-correct]').click();
    await clerk.getByTestId('correct-text').fill('商户也需要临时装卸货停车位。');
    await clerk.getByTestId('correct-save').click();
    await viewer.locator('[data-testid=segment][data-seq="3"][data-revision="2"]').waitFor();
    expect(await viewer.locator('[data-testid=segment][data-seq="3"] [data-testid=segment-text]').textContent()).toBe('商户也需要临时装卸货停车位。');
    expect(await viewer.locator('[data-testid=segment]').count()).toBe(5);

    const stored = await t.sql.query(`SELECT seq, revision, speaker, role FROM hearing_segment WHERE hearing_id = $1 ORDER BY seq, revision`, [h.hearingId]);
    expect(stored.rows.map((r) => `${r.seq}.${r.revision}`)).toEqual(['1.1', '2.1', '3.1', '3.2', '4.1', '5.1']);
  });
});
