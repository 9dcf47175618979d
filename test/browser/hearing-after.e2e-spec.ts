// After the hearing, in a real browser: a representative asks for a correction and confirms (R14),
// the clerk decides the correction and seals the transcript, the organizer publishes the hearing
// report with reasons for what was not adopted (R15), and the public reads it.
import type { Browser } from 'playwright-core';
import { emitAck, liveHearing, LiveHearing, liveSocket, passConfirmationDeadline, setLiveState } from '../factories/live';
import type { TestApp } from '../setup/test-app';
import { closeBrowserApp, go, openBrowserApp, pageAs } from './helpers';

describe('after the hearing in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let h: LiveHearing;
  beforeAll(async () => {
    ({ t, browser } = await openBrowserApp());
    h = await liveHearing(t);
    await setLiveState(t, h, 'start');
    const socket = await liveSocket(t, h.clerk.token);
    const [wang, , zhang] = h.representatives;
    await emitAck(socket, 'segment:add', { hearingId: h.hearingId, seatId: wang.seatId, text: '夜间收费会增加居民负担。' });
    await emitAck(socket, 'segment:add', { hearingId: h.hearingId, seatId: zhang.seatId, text: '差别化收费是必要的。' });
    socket.disconnect();
    await setLiveState(t, h, 'end');
  });
  afterAll(() => closeBrowserApp(t, browser));

  it('takes a correction from request to seal, then publishes and shows the hearing report', async () => {
    const [wang, , zhang] = h.representatives;
    const rep = await pageAs(browser, wang.user.token);
    await go(rep, t, `/hearings/${h.hearingId}/confirm`);
    await rep.getByTestId('my-segment').first().waitFor();
    expect(await rep.getByTestId('my-segment').count()).toBe(1); // only what this representative said
    await rep.getByText('申请更正此段').click();
    await rep.getByTestId('correction-text').fill('夜间收费会明显增加周边居民的负担。');
    await rep.getByTestId('send-corrections').click();
    await rep.locator('[data-testid=my-correction][data-status=pending]').waitFor();
    expect(await rep.getByTestId('confirm-transcript').isDisabled()).toBe(true);

    const clerk = await pageAs(browser, h.clerk.token);
    await go(clerk, t, `/clerk/hearings/${h.hearingId}/corrections`);
    const row = clerk.getByTestId('correction').first();
    await row.waitFor();
    expect(await row.locator('del').textContent()).toBe('夜间收费会增加居民负担。');
    expect(await row.locator('ins').textContent()).toBe('夜间收费会明显增加周边居民的负担。');
    await row.getByTestId('corr-accept').click();
    await clerk.getByText('没有待处理的更正申请').waitFor();

    await rep.reload();
    await rep.locator('[data-testid=my-correction][data-status=accepted]').waitFor();
    expect(await rep.locator('[data-testid=my-segment] .prose').first().textContent()).toBe('夜间收费会明显增加周边居民的负担。');
    await rep.getByTestId('confirm-transcript').click();
    await rep.locator('[data-testid=confirm-status]', { hasText: '已确认' }).waitFor();

    // Two representatives have not confirmed: sealing is refused until the deadline has passed (R14).
    await clerk.reload();
    await clerk.getByTestId('seal').click();
    expect(await clerk.getByTestId('seal-error').textContent()).toContain('R14');
    await passConfirmationDeadline(t, h.hearingId);
    await clerk.getByTestId('seal').click();
    await clerk.getByTestId('sealed').waitFor();

    const organizer = await pageAs(browser, h.organizer.token);
    await go(organizer, t, `/hearings/${h.hearingId}/report`);
    await organizer.getByTestId('report-editor').waitFor();
    await organizer.getByTestId('report-conclusions').fill('多数代表支持分时段收费，建议完善夜间优惠。');
    const opinion = organizer.locator('fieldset.opinion-edit').first();
    await opinion.locator('select').selectOption(zhang.seatId);
    await opinion.locator('textarea').first().fill('差别化收费是必要的');
    await opinion.locator('input[type=checkbox]').uncheck();
    await organizer.getByTestId('report-publish').click();
    expect(await organizer.getByTestId('report-error').textContent()).toContain('R15');
    await opinion.locator('textarea').nth(1).fill('已在第七条体现，无需另行采纳');
    await organizer.getByTestId('report-publish').click();
    await organizer.getByTestId('report-opinion').first().waitFor();

    const reader = await pageAs(browser);
    await go(reader, t, `/hearings/${h.hearingId}/report`);
    await reader.getByTestId('report-opinion').first().waitFor();
    expect(await reader.getByTestId('report-conclusions-text').textContent()).toBe('多数代表支持分时段收费，建议完善夜间优惠。');
    const text = await reader.getByTestId('report-opinion').first().textContent();
    expect(text).toContain('张教授');
    expect(text).toContain('未采纳');
    expect(text).toContain('已在第七条体现，无需另行采纳');
    const href = (await reader.getByTestId('transcript-export').getAttribute('href')) as string;
    const exported = await t.http().get(href).expect(200);
    expect(exported.text).toContain('夜间收费会明显增加周边居民的负担。');
  });
});
