// Hearing pages in a real browser: the organizer's commitment made with Web Crypto in the page,
// sign-up and review with a reason, freeze and draw from the console, and the public draw page
// verifying the record in the browser (✓), or pointing at the change in a tampered one (✗).
import type { Browser, Page } from 'playwright-core';
import { createPublishedDraft, PublishedDraft } from '../factories/drafts';
import { acceptAll, announcedHearing, applicants, closeSignup, commit, freezeAndDraw } from '../factories/hearings';
import { resident } from '../factories/users';
import type { TestApp } from '../setup/test-app';
import { closeBrowserApp, DAY, go, localInput, openBrowserApp, pageAs } from './helpers';

describe('hearing pages in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let draft: PublishedDraft;
  beforeAll(async () => {
    ({ t, browser } = await openBrowserApp());
    draft = await createPublishedDraft(t);
  });
  afterAll(() => closeBrowserApp(t, browser));

  async function verifyOn(page: Page): Promise<string> {
    await page.getByTestId('verify-draw').click();
    await page.getByTestId('verify-summary').waitFor();
    return (await page.getByTestId('verify-result').getAttribute('data-ok')) as string;
  }

  it('verifies a real draw in the browser (✓) and names the change in a tampered record (✗)', async () => {
    const id = await announcedHearing(t, draft);
    const people = await applicants(t, id, 6, 'resident');
    await acceptAll(t, id, draft.organizer, people);
    const chain = await commit(t, id, draft.organizer);
    await closeSignup(t, 'hearing', id);
    const drawn = await freezeAndDraw(t, id, draft.organizer, chain);

    const page = await pageAs(browser);
    await go(page, t, `/hearings/${id}/draw`);
    expect(await page.getByTestId('record-commitment').textContent()).toBe(chain[3]);
    expect(await verifyOn(page)).toBe('true');
    expect(await page.getByTestId('verify-chain').textContent()).toContain('✓');
    const resident = page.locator('[data-testid=verify-category][data-category=resident]');
    expect(await resident.getAttribute('data-ok')).toBe('true');
    expect(await page.locator('[data-testid=draw-category][data-category=resident] [data-testid=category-verdict]').textContent()).toContain('✓');

    // The same page, served a record whose first selected and first alternate are swapped.
    const [first, alternate] = [drawn.selected.resident[0], drawn.alternates.resident[0]];
    const tampered = await pageAs(browser);
    await tampered.route(`**/api/hearings/${id}/draw`, async (route) => {
      const res = await route.fetch();
      const record = await res.json();
      const c = record.categories.find((x: { category: string }) => x.category === 'resident');
      c.selected[0] = alternate;
      c.alternates[0] = first;
      await route.fulfill({ response: res, json: record });
    });
    await go(tampered, t, `/hearings/${id}/draw`);
    expect(await verifyOn(tampered)).toBe('false');
    expect(await tampered.getByTestId('verify-summary').textContent()).toContain('✗');
    const verdict = tampered.locator('[data-testid=draw-category][data-category=resident] [data-testid=category-verdict]');
    expect(await verdict.getAttribute('data-ok')).toBe('false');
    const text = await verdict.textContent();
    expect(text).toContain(first);
    expect(text).toContain(alternate);
    // The chain itself was not touched.
    expect(await tampered.getByTestId('verify-chain').textContent()).toContain('✓');
  });

  it('runs a hearing from the console: commitment made in the browser, sign-up, review with a reason, freeze, draw', async () => {
    const id = await announcedHearing(t, draft);
    const organizer = await pageAs(browser, draft.organizer.token);
    await go(organizer, t, `/organizer/hearings/${id}`);
    await organizer.getByTestId('commit-source').fill('2026年12月1日双色球开奖号码');
    await organizer.getByTestId('commit-generate').click();
    await organizer.getByTestId('commit-reveal').waitFor();
    const reveal = (await organizer.getByTestId('commit-reveal').textContent()) as string;
    const commitment = (await organizer.getByTestId('commit-value').textContent()) as string;
    const secret = await organizer.getByTestId('commit-secret').inputValue();
    expect(await organizer.getByTestId('commit-publish').isDisabled()).toBe(true);
    await organizer.getByTestId('commit-saved').check();
    await organizer.getByTestId('commit-publish').click();
    await organizer.getByTestId('commitment-published').waitFor();
    // The secret never reached the server; only the commitment did.
    const stored = await t.sql.query(`SELECT commitment, chain_length FROM selection_commitment WHERE owner_id = $1`, [id]);
    expect(stored.rows[0]).toEqual({ commitment, chain_length: 3 });
    expect(JSON.stringify(stored.rows)).not.toContain(secret);

    // A resident applies through the announcement page.
    const applicant = await resident(t, '赵申请');
    const page = await pageAs(browser, applicant.token);
    await go(page, t, `/hearings/${id}`);
    expect(await page.getByTestId('hearing-matter-content').textContent()).toBe('道路停车泊位分时段差别化收费标准');
    await page.getByTestId('countdown-start').waitFor();
    await page.locator('input[name=category][value=stakeholder]').check();
    await page.fill('textarea[name=statement]', '我在该路段经营商铺，停车收费直接影响经营');
    await page.getByTestId('signup-submit').click();
    await page.getByTestId('my-application').waitFor();
    expect(await page.getByTestId('my-application').getAttribute('data-status')).toBe('pending');

    // The organizer rejects it with a reason; the applicant reads the reason.
    await organizer.reload();
    const row = organizer.getByTestId('application').first();
    await row.getByTestId('app-reject').click();
    await organizer.getByText('不通过时必须填写理由').waitFor();
    await row.getByTestId('app-reason').fill('未能证明与本事项存在利害关系');
    await row.getByTestId('app-reject').click();
    await organizer.getByText('没有符合条件的报名').waitFor();
    await page.reload();
    expect(await page.getByTestId('my-application-reason').textContent()).toContain('未能证明与本事项存在利害关系');

    // Enough others apply and are accepted; sign-up closes; the console freezes and draws.
    await acceptAll(t, id, draft.organizer, await applicants(t, id, 4, 'resident'));
    await closeSignup(t, 'hearing', id);
    await organizer.reload();
    await organizer.getByTestId('freeze').click();
    await organizer.getByTestId('draw-chain-value').waitFor();
    await organizer.getByTestId('draw-chain-value').fill('00'.repeat(32));
    expect(await organizer.getByTestId('chain-precheck').textContent()).toContain('✗');
    await organizer.getByTestId('draw-chain-value').fill(reveal);
    await organizer.getByText('链值与已公布的承诺值相符').waitFor();
    await organizer.getByTestId('draw-randomness').fill('03 07 12 19 25 31 + 08');
    await organizer.getByTestId('draw-submit').click();
    await organizer.getByTestId('draw-record-link').click();
    expect(await verifyOn(organizer)).toBe('true');
  });

  it('runs a meeting: R16 seat count refused, sign-up without a category, overdue feedback flagged then published (R17)', async () => {
    const organizer = await pageAs(browser, draft.organizer.token);
    await go(organizer, t, `/organizer/meetings/new?draftId=${draft.draftId}`);
    await organizer.fill('input[name=title]', '市政府常务会议审议停车管理办法');
    await organizer.fill('input[name=startsAt]', localInput(Date.now() + 10 * DAY));
    await organizer.fill('input[name=seats]', '6');
    await organizer.locator('[data-testid=meeting-form] button[type=submit]').click();
    expect(await organizer.getByTestId('meeting-form-error').textContent()).toContain('R16');
    await organizer.fill('input[name=seats]', '4');
    await organizer.locator('[data-testid=meeting-form] button[type=submit]').click();
    await organizer.getByTestId('meeting-console').waitFor();
    const id = /#\/organizer\/meetings\/([0-9a-f-]{36})/.exec(organizer.url())![1];

    const applicant = await resident(t, '钱参会');
    const page = await pageAs(browser, applicant.token);
    await go(page, t, `/meetings/${id}`);
    expect(await page.locator('input[name=category]').count()).toBe(0); // the platform decides the tier
    await page.fill('textarea[name=statement]', '我提交过意见，希望列席会议');
    await page.getByTestId('signup-submit').click();
    await page.getByTestId('my-application').waitFor();
    expect(await page.getByTestId('my-application').textContent()).toContain('其他利害关系人');

    // The meeting took place ten days ago and nobody has reported back: overdue (R17).
    await t.sql.query(
      `UPDATE meeting SET signup_opens_at = now() - interval '20 days', signup_closes_at = now() - interval '15 days', starts_at = now() - interval '10 days' WHERE id = $1`,
      [id],
    );
    await page.reload();
    await page.getByTestId('feedback-overdue').waitFor();
    await organizer.reload();
    await organizer.locator('[data-testid=feedback-form] textarea').first().fill('列席代表关于夜间收费的意见已吸收');
    await organizer.locator('[data-testid=feedback-form] textarea').nth(1).fill('会议原则通过，修改后发布');
    await organizer.locator('[data-testid=feedback-form] button[type=submit]').click();
    await organizer.getByText('逾期公布').waitFor();
    await page.reload();
    expect(await page.getByTestId('meeting-feedback').textContent()).toContain('会议原则通过，修改后发布');
  });
});
