// The applicant's whole story through the pages (issue 9): from a hearing's announcement, register
// (accepting the privacy notice), sign in, apply with the keyboard alone, and — once the organizer
// has accepted, committed, closed sign-up, frozen and drawn (factories) — find their own label in
// the public draw and verify the draw in the browser (✓). Every page is checked against WCAG 2.1
// AA (axe); dates are Chinese in zh-CN and English after switching the language.
import type { Browser } from 'playwright-core';
import { formatTime } from '../../client/src/lib/format';
import { createPublishedDraft, PublishedDraft } from '../factories/drafts';
import { acceptAll, announcedHearing, Applicant, applicants, closeSignup, commit, freezeAndDraw } from '../factories/hearings';
import type { TestApp } from '../setup/test-app';
import { expectAccessible, expectFocusVisibleOn } from './a11y';
import { closeBrowserApp, FLOW_TIMEOUT, go, openBrowserApp, pageAs } from './helpers';
import { tabTo } from './keyboard';

declare const document: any;

jest.setTimeout(FLOW_TIMEOUT);

const ZH_DATE_TIME = /^\d{4}年\d{1,2}月\d{1,2}日 星期[一二三四五六日] \d{2}:\d{2}$/;
const EN_DATE_TIME = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}, \d{2}:\d{2}$/;

describe('an applicant’s journey to a hearing, accessible (issue 9)', () => {
  let t: TestApp;
  let browser: Browser;
  let draft: PublishedDraft;
  beforeAll(async () => {
    ({ t, browser } = await openBrowserApp());
    draft = await createPublishedDraft(t);
  });
  afterAll(() => closeBrowserApp(t, browser));

  it('registers, applies with the keyboard alone, finds their label in the draw and verifies it (✓)', async () => {
    const id = await announcedHearing(t, draft);
    const email = `applicant.${Date.now()}@example.com`;
    const password = 'applicant pass 1';

    // The announcement, signed out: the deadlines in Chinese, and a way in.
    const page = await pageAs(browser);
    await go(page, t, `/hearings/${id}`);
    await page.getByTestId('countdown-start').waitFor();
    await page.getByTestId('signup-register').waitFor();
    expect(await page.getByTestId('hearing-starts-at').textContent()).toMatch(ZH_DATE_TIME);
    await expectAccessible(page, 'hearing announcement, signed out');

    // Registration: the privacy notice must be accepted; the form keeps the way back to the hearing.
    await page.getByTestId('signup-register').click();
    await page.getByText('保存期限', { exact: false }).waitFor();
    await expectAccessible(page, 'registration page');
    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', password);
    await page.fill('input[name=displayName]', '孙申请');
    await page.getByRole('button', { name: '注册' }).click();
    expect((await t.sql.query(`SELECT count(*)::int AS n FROM app_user WHERE email = $1`, [email])).rows[0].n).toBe(0);
    await page.check('input[name=accept]');
    await page.getByRole('button', { name: '注册' }).click();
    await page.getByTestId('registered').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('registered');
    const [user] = (await t.sql.query(`SELECT display_name, privacy_accepted_at, privacy_version FROM app_user WHERE email = $1`, [email])).rows;
    expect(user.display_name).toBe('孙申请');
    expect(user.privacy_accepted_at).not.toBeNull();
    expect(user.privacy_version).toBeTruthy();
    await expectAccessible(page, 'registration done');

    // Signing in comes back to the hearing.
    await page.getByTestId('registered').getByRole('link').click();
    await page.locator('input[name=email]').waitFor();
    await expectAccessible(page, 'sign-in page');
    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', 'a wrong password');
    await page.getByRole('button', { name: '登录' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('邮箱或密码不正确。');
    await expectAccessible(page, 'sign-in page with an error');
    await page.fill('input[name=password]', password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('signup-form').waitFor();
    expect(page.url()).toContain(`#/hearings/${id}`);
    await expectAccessible(page, 'hearing page with the sign-up form');

    // Applying with the keyboard alone, the focus visible at every step.
    await page.locator('body').focus();
    await tabTo(page, 'input[name=category]');
    await expectFocusVisibleOn(page, 'input[name=category][value=stakeholder]');
    await page.keyboard.press('ArrowDown');
    await expectFocusVisibleOn(page, 'input[name=category][value=resident]');
    expect(await page.locator('input[name=category][value=resident]').isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await expectFocusVisibleOn(page, 'textarea[name=statement]');
    await page.keyboard.type('我每天在这条路上停车，关心收费标准');
    await page.keyboard.press('Tab');
    await expectFocusVisibleOn(page, '[data-testid=signup-submit]');
    await page.keyboard.press('Enter');
    await page.getByTestId('my-application').waitFor();
    // The focus follows to the outcome, which says the application awaits review.
    await expectFocusVisibleOn(page, '[data-testid=my-application]');
    expect(await page.getByTestId('my-application').getAttribute('data-status')).toBe('pending');
    const label = (await page.getByTestId('my-application-label').textContent()) as string;
    expect(label).toMatch(/^H-\d{4}$/);
    const [stored] = (await t.sql.query(`SELECT id, category, statement FROM selection_application WHERE owner_id = $1 AND label = $2`, [id, label])).rows;
    expect(stored).toMatchObject({ category: 'resident', statement: '我每天在这条路上停车，关心收费标准' });
    await expectAccessible(page, 'hearing page after applying');

    // The organizer's side (factories): five more residents for three seats, all accepted;
    // commitment, sign-up closes, freeze and draw.
    const others = await applicants(t, id, 5, 'resident');
    await acceptAll(t, id, draft.organizer, [{ applicationId: stored.id } as Applicant, ...others]);
    const chain = await commit(t, id, draft.organizer);
    await closeSignup(t, 'hearing', id);
    await freezeAndDraw(t, id, draft.organizer, chain);
    const record = (await t.http().get(`/api/hearings/${id}/draw`).expect(200)).body;
    const residents = record.categories.find((c: { category: string }) => c.category === 'resident');
    expect(residents.labels).toContain(label);
    const expected = residents.selected.includes(label) ? 'selected' : residents.alternates.includes(label) ? 'alternate' : 'not-selected';

    // The hearing page links to the public draw, where the applicant finds their label.
    await page.reload();
    await page.getByTestId('draw-link').click();
    const mine = page.getByTestId('my-draw-result');
    await mine.waitFor();
    expect(await mine.getAttribute('data-label')).toBe(label);
    expect(await mine.getAttribute('data-outcome')).toBe(expected);
    const said = (await mine.textContent()) as string;
    expect(said).toContain(label);
    expect(said).toContain({ selected: '已抽中', alternate: '候补第', 'not-selected': '未抽中' }[expected]);
    const shown = page.locator('[data-testid=draw-category][data-category=resident] [data-testid=draw-selected]');
    expect(((await shown.textContent()) as string).split(', ').includes(label)).toBe(expected === 'selected');
    await expectAccessible(page, 'public draw page');

    // …and verifies the draw in the browser.
    await page.getByTestId('verify-draw').click();
    await page.getByTestId('verify-summary').waitFor();
    expect(await page.getByTestId('verify-result').getAttribute('data-ok')).toBe('true');
    expect(await page.getByTestId('verify-summary').textContent()).toContain('✓');
    expect(await page.getByTestId('verify-announcement').textContent()).toBe(await page.getByTestId('verify-summary').textContent());
    expect(await page.locator('[data-testid=verify-category][data-category=resident]').getAttribute('data-ok')).toBe('true');
    await expectAccessible(page, 'draw page after verification');

    // In English: the result and the dates follow the language.
    await page.getByTestId('lang-toggle').click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await mine.textContent()).toContain(`Your label ${label}`);
    await expectAccessible(page, 'draw page in English');
    await go(page, t, `/hearings/${id}`);
    await page.getByTestId('countdown-start').waitFor();
    const startsAt = (await page.getByTestId('hearing-starts-at').textContent()) as string;
    expect(startsAt).toMatch(EN_DATE_TIME);
    const hearing = (await t.http().get(`/api/hearings/${id}`).expect(200)).body;
    expect(startsAt).toBe(formatTime(hearing.startsAt, 'en'));
    await expectAccessible(page, 'hearing page in English');
  });
});
