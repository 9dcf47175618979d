// The live hearing as a viewer lives it (issue 9): the public live page shows what the clerk types
// in the console (keyboard only: Tab to start, Alt+digit for the speaker, Enter to send); the
// viewer goes offline, then has its socket cut under it, while the clerk keeps typing; each time
// the connection comes back the viewer catches up with every segment, in order, none twice.
// Both pages are checked against WCAG 2.1 AA (axe) in every state they pass through.
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { liveHearing, LiveHearing } from '../factories/live';
import type { TestApp } from '../setup/test-app';
import { expectAccessible, expectFocusVisibleOn } from './a11y';
import { closeBrowserApp, FLOW_TIMEOUT, go, openBrowserApp, pageAs } from './helpers';
import { tabTo } from './keyboard';

jest.setTimeout(FLOW_TIMEOUT);

const SOCKET_IO = /\/socket\.io\//;
const texts = (page: Page) => page.locator('[data-testid=segment] [data-testid=segment-text]').allTextContents();
const seqs = (page: Page) => page.locator('[data-testid=segment]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));
const connection = (page: Page, live: boolean) => page.locator(`[data-testid=connection-state]${live ? '[data-state=live]' : ':not([data-state=live])'}`).waitFor({ timeout: 20000 });

describe('a viewer follows a live hearing through lost connections, accessible (issue 9)', () => {
  let t: TestApp;
  let browser: Browser;
  let h: LiveHearing;
  beforeAll(async () => {
    ({ t, browser } = await openBrowserApp());
    h = await liveHearing(t);
  });
  afterAll(() => closeBrowserApp(t, browser));

  it('shows every segment the clerk types, and catches up in order with no duplicate after going offline and after a cut socket', async () => {
    // The clerk opens the console and starts the hearing with the keyboard.
    const clerk = await pageAs(browser, h.clerk.token);
    await go(clerk, t, `/clerk/hearings/${h.hearingId}`);
    await clerk.getByTestId('speaker-option').first().waitFor();
    await expectAccessible(clerk, 'clerk console before the start');
    await clerk.locator('body').focus();
    await tabTo(clerk, '[data-testid=live-start]');
    await expectFocusVisibleOn(clerk, '[data-testid=live-start]');
    await clerk.keyboard.press('Enter');
    await clerk.locator('[data-testid=hearing-state][data-state=live]').waitFor();

    // The viewer's WebSockets pass through the test, which can cut them as a dropped proxy would.
    const viewer = await pageAs(browser);
    const open: Array<{ page: WebSocketRoute; server: WebSocketRoute }> = [];
    let cut = false;
    await viewer.routeWebSocket(SOCKET_IO, (ws) => {
      if (cut) return void ws.close();
      open.push({ page: ws, server: ws.connectToServer() });
    });
    // WebSocket from the first packet: on long-polling a cut connection goes unnoticed until the
    // next ping, 25 s later, and the viewer would sit on a stale transcript marked live.
    const polls: string[] = [];
    viewer.on('request', (r) => void (/transport=polling/.test(r.url()) && polls.push(r.url())));
    await go(viewer, t, `/hearings/${h.hearingId}/live`);
    await connection(viewer, true);
    await viewer.getByText('尚无发言记录。').waitFor();
    await expectAccessible(viewer, 'live page, nothing said yet');

    // Roster order: 张教授 (expert), 王小明 (resident), 李建国 (stakeholder), then staff.
    const said: string[] = [];
    const composer = clerk.getByTestId('composer');
    async function say(hotkey: string, text: string): Promise<void> {
      await clerk.keyboard.press(hotkey); // picks the speaker and puts the focus in the text box
      await expectFocusVisibleOn(clerk, '[data-testid=composer]');
      await clerk.keyboard.type(text);
      await clerk.keyboard.press('Enter');
      said.push(text);
      expect(await composer.inputValue()).toBe('');
    }
    const stored = () => clerk.locator('[data-testid=pending-queue][data-count="0"]').waitFor();
    const caughtUp = async () => {
      await viewer.locator('[data-testid=segment]').nth(said.length - 1).waitFor({ timeout: 30000 });
      expect(await texts(viewer)).toEqual(said);
      expect(await seqs(viewer)).toEqual(said.map((_, i) => i + 1));
    };

    await say('Alt+2', '我住在这条路旁边，夜间收费会增加居民负担。');
    await say('Alt+1', '从交通需求管理的角度，差别化收费是必要的。');
    await caughtUp();
    expect(await viewer.locator('[data-testid=segment][data-seq="1"] .speaker').textContent()).toBe('王**'); // masked (R19)
    await expectAccessible(viewer, 'live page with segments');
    await expectAccessible(clerk, 'clerk console while live');

    // The viewer goes offline; the clerk keeps typing; the viewer comes back and catches up.
    await viewer.context().setOffline(true);
    await connection(viewer, false);
    await viewer.getByText('连接中断，恢复后将自动补齐遗漏的发言。').waitFor();
    await expectAccessible(viewer, 'live page while offline');
    await say('Alt+3', '商户也需要临时停车位。');
    await say('Alt+2', '建议二十时后免费。');
    await stored();
    expect(await texts(viewer)).toEqual(said.slice(0, 2)); // nothing reached the offline viewer
    await viewer.context().setOffline(false);
    await connection(viewer, true);
    await caughtUp();
    // Told once, politely, how much the catch-up brought.
    const note = viewer.getByTestId('catch-up-note');
    expect(await note.getAttribute('aria-live')).toBe('polite');
    expect(await note.textContent()).toBe('连接已恢复，已补齐 2 条遗漏的发言。');

    // The socket is cut under the viewer (network up, the connection gone) and cannot reconnect
    // until released; the clerk types on; released, the viewer catches up again.
    cut = true;
    await viewer.route(SOCKET_IO, (route) => route.abort());
    for (const ws of open.splice(0)) {
      await ws.page.close();
      await ws.server.close();
    }
    await connection(viewer, false);
    await note.filter({ hasText: '连接中断，恢复后将自动补齐遗漏的发言。' }).waitFor();
    await say('Alt+1', '第五段：收费标准应当公开听证。');
    await say('Alt+3', '第六段：装卸货车位应当保留。');
    await stored();
    cut = false;
    await viewer.unroute(SOCKET_IO);
    await connection(viewer, true);
    await caughtUp();
    expect(await note.textContent()).toBe('连接已恢复，已补齐 2 条遗漏的发言。');
    await expectAccessible(viewer, 'live page after catching up');
    expect(polls).toEqual([]);

    // What the viewer shows is what was stored, one row per segment.
    const rows = await t.sql.query(`SELECT seq, text FROM hearing_segment WHERE hearing_id = $1 ORDER BY seq, revision`, [h.hearingId]);
    expect(rows.rows.map((r) => r.text)).toEqual(said);
  });
});
