// The demo tour: seeds the demo data (scripts/seed-demo.mjs, as `npm run dev` does) into a test
// app with a worker, then visits the key page of each kind of user, checks it shows the seeded
// story and takes its screenshot. UPDATE_SCREENSHOTS=1 writes them to docs/screenshots (the
// README's pictures); otherwise they go to a temporary folder so a test run leaves the tree clean.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { login } from '../factories/users';
import type { TestApp } from '../setup/test-app';
import { closeBrowserApp, go, openBrowserApp } from './helpers';

jest.setTimeout(180_000);

const root = join(__dirname, '..', '..');
const shots = process.env.UPDATE_SCREENSHOTS ? join(root, 'docs', 'screenshots') : join(tmpdir(), 'consult-tour');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** Runs the seed against the test app; resolves to its output (it prints the URLs of the key pages). */
function seed(t: TestApp): Promise<string> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, DATABASE_URL: t.cfg.DATABASE_URL, ADMIN_EMAIL: t.cfg.ADMIN_EMAIL, ADMIN_PASSWORD: t.cfg.ADMIN_PASSWORD };
    const child = spawn(process.execPath, [join(root, 'scripts', 'seed-demo.mjs'), t.url], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`seed exited ${code}:\n${out}`))));
  });
}

describe('the demo data and its tour (README screenshots)', () => {
  let t: TestApp;
  let browser: Browser;
  let output: string;
  /** The route of each key page the seed printed, e.g. route('reader') = '/drafts/<id>'. */
  const route = (name: string) => {
    const m = new RegExp(`^\\s+${name}\\s+\\S+/#(\\S+)$`, 'm').exec(output);
    if (!m) throw new Error(`the seed printed no URL for ${name}:\n${output}`);
    return m[1];
  };
  const idIn = (name: string) => /[0-9a-f-]{36}/.exec(route(name))![0];
  const tokenOf = (email: string) => login(t, email, 'Demo#2026');

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    ({ t, browser } = await openBrowserApp({ worker: true }));
    output = await seed(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(path: string, opts: { token?: string; viewport?: typeof DESKTOP } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: opts.viewport ?? DESKTOP, deviceScaleFactor: 1 });
    if (opts.token) await context.addInitScript((tk) => (globalThis as any).localStorage.setItem('consult.token', tk), opts.token);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await go(page, t, path);
    return page;
  }
  const shoot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`) });
  const api = (path: string, token?: string) => {
    const req = t.http().get(`/api${path}`);
    return (token ? req.set('Authorization', `Bearer ${token}`) : req).expect(200).then((r) => r.body);
  };

  it('the seed made a few hundred comments and is idempotent', async () => {
    const log = await api(`/drafts/${idIn('reader')}/log`);
    expect(log.treeSize).toBeGreaterThanOrEqual(200);
    expect(output).toMatch(/clusters of 30, 8/);
    const again = await seed(t);
    expect(again).toContain('nothing to do');
    expect((await api(`/drafts/${idIn('reader')}/log`)).treeSize).toBe(log.treeSize);
  });

  it('draft list: the open consultation and the reported one', async () => {
    const page = await open('/drafts');
    const list = page.getByTestId('draft-list');
    await list.getByText('某市机动车停车管理办法（征求意见稿）').waitFor();
    expect(await list.textContent()).toContain('某市养犬管理规定（征求意见稿）');
    expect(await list.textContent()).toContain('已公布采纳情况');
    await shoot(page, 'drafts');
  });

  it('draft reader: the outline with its heatmap of comments per article', async () => {
    const draft = await api(`/drafts/${idIn('reader')}`);
    const a18 = draft.units.filter((u: any) => u.kind === 'article')[17].anchor;
    const onA18 = (await api(`/drafts/${draft.id}/comments?anchor=${a18}&pageSize=1`)).total;
    expect(onA18).toBeGreaterThanOrEqual(30);
    const page = await open(`/drafts/${draft.id}?unit=${a18}`);
    await page.locator(`[data-anchor="${a18}"].highlighted`).waitFor();
    await page.getByTestId(`heat-${a18}`).waitFor();
    expect(Number(await page.getByTestId(`heat-${a18}`).textContent())).toBe(onA18);
    await shoot(page, 'reader');
  });

  async function commentOnArticle5(viewport: typeof DESKTOP, text: string, shot: string) {
    const draft = await api(`/drafts/${idIn('reader')}`);
    const a5 = draft.units.filter((u: any) => u.kind === 'article')[4].anchor;
    const page = await open(`/drafts/${draft.id}?unit=${a5}`, { token: await tokenOf('resident@demo.cn'), viewport });
    await page.locator(`[data-anchor="${a5}"].highlighted`).waitFor();
    await page.getByTestId(`comment-${a5}`).click();
    await page.getByTestId('stance-amend').check();
    await page.getByTestId('comment-text').fill(text);
    await page.getByTestId('comment-submit').click();
    const receipt = page.getByTestId('receipt');
    await receipt.waitFor();
    const head = await api(`/drafts/${draft.id}/log`);
    expect(await receipt.getByTestId('receipt-treeSize').textContent()).toBe(String(head.treeSize));
    await receipt.getByTestId('verify-receipt').click();
    expect(await receipt.getByTestId('verify-result').getAttribute('data-ok')).toBe('true');
    await receipt.scrollIntoViewIfNeeded();
    await shoot(page, shot);
  }

  it('commenting on article 5 as the demo resident, with the log receipt', async () => {
    await commentOnArticle5(DESKTOP, '建议第五条明确：没有业委会的老旧小区，由社区居委会牵头组织居民协商停车自治方案。', 'comment');
  });

  it('commenting on a phone', async () => {
    await commentOnArticle5(PHONE, '建议街道每年公布辖区居住区停车自治的收支情况。', 'comment-phone');
  });

  it('analysis dashboard: the campaign is one concentrated cluster of 30', async () => {
    const page = await open(route('analysis'), { token: await tokenOf('organizer@demo.gov.cn') });
    const cluster = page.getByTestId('cluster').first();
    await cluster.waitFor();
    expect(await cluster.getAttribute('data-concentrated')).toBe('true');
    expect(await cluster.textContent()).toContain('30');
    expect(await cluster.textContent()).toContain('夜间临时停车泊位');
    await page.getByTestId('clusters').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shoot(page, 'analysis');
  });

  it('adoption report: every comment with its answer, personal data withheld', async () => {
    const dogId = idIn('adoptionReport');
    const { treeSize } = await api(`/drafts/${dogId}/log`);
    const page = await open(route('adoptionReport'));
    await page.getByTestId('report').waitFor();
    await page.getByTestId('report-comment').first().waitFor();
    expect(await page.getByTestId('report-comment').count()).toBe(treeSize);
    const text = (await page.getByTestId('report-comments').textContent())!;
    for (const words of ['部分采纳', '不予采纳', '不属于征求意见范围', '现阶段以警告和罚款为主更为适当']) expect(text).toContain(words);
    expect(await page.textContent('body')).not.toContain('@example.com');
    await shoot(page, 'adoption-report');
  });

  it('public draw page: anyone re-runs the draw in the browser', async () => {
    const page = await open(route('draw'));
    await page.getByTestId('verify-draw').click();
    const result = page.getByTestId('verify-result');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('true');
    expect(await page.getByTestId('verify-category').count()).toBe(2);
    await result.scrollIntoViewIfNeeded();
    await shoot(page, 'draw');
  });

  it('live hearing page: the transcript typed by the clerk', async () => {
    const page = await open(route('live'));
    await page.locator('[data-testid=hearing-state][data-state=ended]').waitFor();
    await page.getByTestId('segment').nth(12).waitFor();
    expect(await page.getByTestId('segment').count()).toBe(13);
    expect(await page.getByTestId('transcript').textContent()).toContain('主持人 刘振华');
    await shoot(page, 'live');
  });

  it('hearing report: conclusions and an answer per opinion', async () => {
    const page = await open(route('hearingReport'));
    await page.getByTestId('report-opinion').first().waitFor();
    expect(await page.getByTestId('report-opinion').count()).toBe(9);
    expect(await page.getByTestId('report-conclusions-text').textContent()).toContain('禁养范围缩小');
    await shoot(page, 'hearing-report');
  });

  it('inbox: the demo resident is told what became of their comments', async () => {
    const page = await open('/me/notices', { token: await tokenOf('resident@demo.cn') });
    const outcome = page.getByTestId('notice').filter({ hasText: '意见采纳情况' });
    await outcome.waitFor();
    await outcome.getByTestId('notice-open').click();
    const table = page.getByTestId('notice-outcomes');
    await table.waitFor();
    const text = (await table.textContent())!;
    expect(text).toContain('采纳');
    expect(text).toContain('邻里意见书');
    expect(await page.getByTestId('notice').count()).toBeGreaterThanOrEqual(3);
    await shoot(page, 'inbox');
  });
});
