// The organizer's whole story through the page (issue 9): sign in, find the draft, review the
// comments on the analysis dashboard, answer a cluster of near-duplicates with one disposition
// (R8) and the remaining comment, publish the adoption report (R9), and watch the notices go out
// on the live progress page. Every page is checked against WCAG 2.1 AA (axe).
import type { Browser } from 'playwright-core';
import { analysisCaughtUp, comment } from '../factories/comments';
import { closeDraftNow, createPublishedDraft } from '../factories/drafts';
import { inbox } from '../factories/notices';
import { resident } from '../factories/users';
import type { TestApp } from '../setup/test-app';
import { expectAccessible } from './a11y';
import { closeBrowserApp, FLOW_TIMEOUT, go, openBrowserApp, pageAs, signIn } from './helpers';

jest.setTimeout(FLOW_TIMEOUT);

const CAMPAIGN = '建议夜间二十时至次日八时道路停车泊位一律免费，方便周边居民停车，减轻居民负担。';
const CLUSTER_REASON = '夜间收费标准由价格主管部门另行制定时予以考虑。';

describe('an organizer’s journey, accessible (issue 9)', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    ({ t, browser } = await openBrowserApp({ worker: true }));
  });
  afterAll(() => closeBrowserApp(t, browser));

  it('reviews the comments, answers a cluster once for all its members, publishes the report and watches the notices go out', async () => {
    // Before the journey: a closed consultation with three copies of one campaign text and one
    // other comment, from four residents.
    const draft = await createPublishedDraft(t);
    const campaigners = [await resident(t, '李四'), await resident(t, '赵六'), await resident(t, '孙七')];
    const other = await resident(t, '周八');
    for (const who of campaigners) await comment(t, draft.draftId, who, { anchor: 'a7', stance: 'amend', text: CAMPAIGN });
    await comment(t, draft.draftId, other, { anchor: 'a5', stance: 'oppose', text: '配建标准过高，老旧小区无法执行。' });
    await closeDraftNow(t, draft.draftId);
    // Clustering runs just behind the intake.
    expect((await analysisCaughtUp(t, draft.draftId, draft.organizer)).clusters).toHaveLength(1);

    // Sign in from the navigation bar.
    const page = await pageAs(browser);
    await go(page, t, '/');
    await page.getByRole('navigation').getByRole('link', { name: '登录' }).click();
    await signIn(page, draft.organizer);

    // My unit's drafts, then the analysis of this one.
    await page.getByTestId('nav-my-drafts').click();
    const row = page.getByTestId('my-drafts').locator('tbody tr').filter({ hasText: '某市机动车停车管理办法' });
    await row.waitFor();
    await expectAccessible(page, 'my drafts');
    await row.getByRole('link', { name: '意见分析' }).click();

    // The dashboard: totals, comments per article, the cluster, every comment with its author.
    const cluster = page.getByTestId('cluster');
    await cluster.waitFor();
    await page.getByTestId('staff-comment').first().waitFor();
    expect(await page.getByTestId('analysis-summary').textContent()).toContain('共收到 4 条意见');
    expect(await page.locator('[data-testid=unit-table] [data-unit-row=a7] td').first().textContent()).toBe('3');
    expect(await page.locator('[data-testid=unit-table] [data-unit-row=a5] td').first().textContent()).toBe('1');
    expect(await page.getByTestId('staff-comment').count()).toBe(4);
    expect(await cluster.textContent()).toContain('3 条相似意见');
    expect(await cluster.textContent()).toContain(CAMPAIGN);
    await expectAccessible(page, 'analysis dashboard');

    // R9 first: publishing before every comment has its answer is refused, in an alert.
    await page.getByTestId('publish-report').click();
    const refusal = page.getByTestId('publish-report-error');
    await refusal.waitFor();
    expect(await refusal.getAttribute('role')).toBe('alert');
    expect(await refusal.textContent()).toContain('R9');

    // One answer for the whole cluster.
    await cluster.getByRole('button', { name: '整组答复' }).click();
    const clusterForm = cluster.locator('form.disposition');
    await clusterForm.waitFor();
    await expectAccessible(page, 'cluster disposition form');
    await clusterForm.getByLabel('采纳情况').selectOption('partially_adopted');
    await clusterForm.getByLabel('说明（可选）').fill(CLUSTER_REASON);
    await clusterForm.getByRole('button', { name: '保存答复' }).click();
    await cluster.getByTestId('disposition-text').filter({ hasText: '部分采纳' }).waitFor();

    // R8: it reached every member, each listed with the answer.
    const members = page.getByTestId('staff-comment').filter({ hasText: CAMPAIGN });
    await members.getByText(CLUSTER_REASON, { exact: false }).first().waitFor();
    expect(await members.count()).toBe(3);
    for (const text of await members.getByTestId('disposition-text').allTextContents()) expect(text).toBe(`部分采纳 · ${CLUSTER_REASON}`);

    // The remaining comment, answered on its own.
    const single = page.getByTestId('staff-comment').filter({ hasText: '老旧小区' });
    await single.getByRole('button', { name: '答复', exact: true }).click();
    const form = single.locator('form.disposition');
    await form.getByLabel('采纳情况').selectOption('adopted');
    await expectAccessible(page, 'comment disposition form');
    await form.getByRole('button', { name: '保存答复' }).click();
    await single.getByTestId('disposition-text').filter({ hasText: /^采纳/ }).waitFor();
    await page.getByLabel('只看未答复的').check();
    await page.getByTestId('staff-count').filter({ hasText: '共 0 件' }).waitFor();

    // Publish the report, then follow the notices on the live progress page.
    await page.getByTestId('publish-report').click();
    await page.getByText('报告已公布').waitFor();
    await expectAccessible(page, 'analysis dashboard after publication');
    await page.getByTestId('notice-progress-link').click();
    await page.locator('[data-testid=socket-state][data-state=live]').waitFor();
    await page.locator('main h1:focus').waitFor();
    // One notice to each of the four people who commented; the count reaches the total.
    await page.locator('[data-testid=progress-total]', { hasText: /^4$/ }).waitFor();
    await page.locator('[data-testid=progress-delivered]', { hasText: /^4$/ }).waitFor();
    expect(await page.getByTestId('progress-failed').textContent()).toBe('0');
    expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('4');
    // Screen readers hear the completion once, politely (not every count).
    await page.getByRole('status').filter({ hasText: '通知发送完成：4 位参与者中已送达 4 位，失败 0 位。' }).waitFor();
    await expectAccessible(page, 'notice progress');

    // Each member of the cluster is told the cluster's answer about their own comment.
    for (const who of campaigners) {
      const box = await inbox(t, who);
      expect(box.items).toHaveLength(1);
      expect(box.items[0].payload.comments).toEqual([expect.objectContaining({ outcome: 'partially_adopted', reason: CLUSTER_REASON })]);
    }
  });
});
