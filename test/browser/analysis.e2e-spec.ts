import type { Browser } from 'playwright-core';
import { closeDraftNow, createPublishedDraft, PublishedDraft } from '../factories/drafts';
import { resident } from '../factories/users';
import type { TestApp } from '../setup/test-app';
import { closeBrowserApp, FLOW_TIMEOUT, go, openBrowserApp, pageAs } from './helpers';

jest.setTimeout(FLOW_TIMEOUT);

describe('the organizer’s analysis and the public report in a real browser (issue 4)', () => {
  let t: TestApp;
  let browser: Browser;
  let published: PublishedDraft;
  beforeAll(async () => {
    ({ t, browser } = await openBrowserApp());
    published = await createPublishedDraft(t);
    const comment = async (who: Awaited<ReturnType<typeof resident>>, anchor: string, stance: string, text: string) =>
      t.http().post(`/api/drafts/${published.draftId}/comments`).set(who.auth).send({ anchor, stance, text }).expect(201);
    const li = await resident(t, '李四');
    const zhao = await resident(t, '赵六');
    await comment(li, 'a5', 'oppose', '配建标准过高，老旧小区无法执行。我的电话13912345678。');
    await comment(zhao, 'a5', 'support', '支持新建建筑配建停车场。');
    await comment(zhao, 'a7', 'other', '这是一条需要隐藏的不文明留言。');
    // Two copies of one campaign text: a cluster answered as a whole.
    const campaign = '建议夜间二十时至次日八时道路停车泊位一律免费，方便周边居民停车，减轻居民负担。';
    await comment(li, 'a7', 'amend', campaign);
    await comment(zhao, 'a7', 'amend', campaign);
    await closeDraftNow(t, published.draftId);
    // Clustering runs just behind the intake; under load it may lag the page's first read.
    await until(async () => {
      const res = await t.http().get(`/api/drafts/${published.draftId}/analysis`).set(published.organizer.auth).expect(200);
      return res.body.clusters.length > 0;
    });
  });
  afterAll(() => closeBrowserApp(t, browser));

  it('answers every comment (R6), is refused before that (R9), hides one (R7), publishes the report and shows it publicly', async () => {
    const org = await pageAs(browser, published.organizer.token);
    await go(org, t, `/organizer/drafts/${published.draftId}/analysis`);
    await org.locator('[data-testid=unit-table] [data-unit-row=a5]').waitFor();
    expect(await org.locator('[data-testid=unit-table] [data-unit-row=a5]').textContent()).toContain('第五条');

    // The campaign copies form a cluster; one answer covers both.
    const cluster = org.getByTestId('cluster').first();
    await cluster.waitFor();
    expect(await cluster.textContent()).toContain('2');
    await cluster.getByTestId('cluster-dispose').click();
    const clusterForm = cluster.locator('form.disposition');
    await clusterForm.locator('select').first().selectOption('partially_adopted');
    await clusterForm.locator('textarea').fill('夜间收费标准另行制定时予以考虑。');
    await clusterForm.locator('button[type=submit]').click();
    await org.getByTestId('cluster').first().getByText('部分采纳').waitFor();

    // R9: not everything answered yet.
    await org.getByTestId('publish-report').click();
    expect(await org.getByTestId('publish-report-error').textContent()).toContain('R9');

    // The organizer sees the original, with the phone number (staff view).
    const list = org.getByTestId('staff-comments');
    await list.getByText('13912345678', { exact: false }).waitFor();
    await org.getByTestId('filter-undecided').check();

    // R6 in the form: not adopted needs its ground and reason.
    const first = list.getByTestId('staff-comment').first();
    await first.getByTestId('dispose').click();
    const formId = (await first.locator('form.disposition').getAttribute('data-testid'))!;
    await org.getByTestId(`${formId}-outcome`).selectOption('not_adopted');
    await org.getByTestId(`${formId}-save`).click();
    expect(await org.getByTestId(`${formId}-error`).textContent()).toContain('R6');
    await org.getByTestId(`${formId}-basis`).selectOption('feasibility');
    await org.getByTestId(`${formId}-reason`).fill('老旧小区另行规定，本条只适用于新建建筑。');
    await org.getByTestId(`${formId}-save`).click();

    // Hide the abusive one with a reason, then answer the rest.
    const abusive = list.getByTestId('staff-comment').filter({ hasText: '不文明留言' });
    await abusive.getByRole('button', { name: '隐藏管理' }).click();
    await abusive.getByTestId('hide-reason').fill('含不文明用语');
    await abusive.getByTestId('moderate').click();
    await list.getByTestId('staff-comment').filter({ hasText: '不文明留言' }).getByText('已隐藏').waitFor();

    while ((await list.getByTestId('staff-comment').count()) > 0) {
      const next = list.getByTestId('staff-comment').first();
      const id = await next.getAttribute('data-comment');
      await next.getByTestId('dispose').click();
      await org.getByTestId(`disposition-${id}-outcome`).selectOption('adopted');
      await org.getByTestId(`disposition-${id}-save`).click();
      await org.locator(`[data-comment="${id}"]`).waitFor({ state: 'detached' });
    }

    await org.getByTestId('publish-report').click();
    await org.getByText('报告已公布').waitFor();

    // Anyone reads it: the log root and size, counts, every comment, the hidden one as hidden.
    const pub = await pageAs(browser);
    await go(pub, t, `/drafts/${published.draftId}/report`);
    await pub.getByTestId('report').waitFor();
    const head = (await t.http().get(`/api/drafts/${published.draftId}/log`).expect(200)).body;
    expect(await pub.getByTestId('report-root-hash').textContent()).toBe(head.rootHash);
    expect(await pub.getByTestId('report-tree-size').textContent()).toBe(String(head.treeSize));
    const comments = pub.getByTestId('report-comment');
    expect(await comments.count()).toBe(5);
    const text = await pub.getByTestId('report-comments').textContent();
    expect(text).toContain('不予采纳');
    expect(text).toContain('可行性');
    expect(text).toContain('夜间收费标准另行制定时予以考虑');
    expect(text).toContain('含不文明用语');
    expect(text).not.toContain('不文明留言');
    expect(text).not.toContain('13912345678');
    expect(text).not.toContain('李四');
    expect(await pub.locator('a[href$="format=xlsx"]').count()).toBe(1);
  });
});

async function until(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 250));
  }
}
