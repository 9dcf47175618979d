import type { Browser } from 'playwright-core';
import type { TestApp } from '../setup/test-app';
import { closeBrowserApp, openBrowserApp } from './helpers';

describe('web client shell in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    ({ t, browser } = await openBrowserApp());
  });
  afterAll(() => closeBrowserApp(t, browser));

  it('loads the client from the API, shows in Chinese that the services are up, and switches to English', async () => {
    const page = await browser.newPage();
    await page.goto(t.url + '/');
    await page.getByTestId('health-status').waitFor();
    expect(await page.getByTestId('health-status').textContent()).toBe('服务正常');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByTestId('lang-toggle').click();
    expect(await page.getByTestId('health-status').textContent()).toBe('All services up');
  });

  it('registers a resident who must accept the privacy notice, then signs in', async () => {
    const page = await browser.newPage();
    await page.goto(t.url + '/#/register');
    await page.fill('input[name=email]', 'browser.user@example.com');
    await page.fill('input[name=password]', 'browser pass 1');
    await page.fill('input[name=displayName]', '浏览器用户');
    await page.getByText('保存期限', { exact: false }).waitFor();
    await page.click('button[type=submit]');
    // The checkbox is required: nothing was registered yet.
    expect((await t.sql.query(`SELECT count(*)::int AS n FROM app_user WHERE email = 'browser.user@example.com'`)).rows[0].n).toBe(0);
    await page.check('input[name=accept]');
    await page.click('button[type=submit]');
    await page.getByText('注册成功').waitFor();
    await page.goto(t.url + '/#/login');
    await page.fill('input[name=email]', 'browser.user@example.com');
    await page.fill('input[name=password]', 'browser pass 1');
    await page.click('button[type=submit]');
    await page.getByText('欢迎，浏览器用户').waitFor();
  });
});
