import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { projectAt, reviewers } from '../support/abuse-targets';
import { consoleErrors, screenshot, seeText, signIn, startBrowserStack, type BrowserStack } from '../support/browser';
import { login } from '../support/test-stack';

const BEICAO = '140602205901';

describe('console: the public objects, the county dismisses; inbox, project library and its export', () => {
  let b: BrowserStack;
  let name: string;
  let id: string;
  beforeAll(async () => {
    b = await startBrowserStack();
    name = `村级光伏电站-${randomUUID().slice(0, 6)}`;
    const village = await login(b.stack, 'village1');
    id = await projectAt(b.stack, village, BEICAO, 'publicity', await reviewers(b.stack), { name, type: 'infrastructure', content: '建设村级光伏电站 200 千瓦' });
  });
  afterAll(async () => {
    await b?.stop();
  });

  it('a member of the public reads the board without an account and raises an objection', async () => {
    const { page } = await b.newPage();
    await page.goto('/public');
    const card = page.locator('.notice-card', { hasText: name });
    await seeText(card, '公示剩');
    await seeText(card, '200 千瓦');
    await screenshot(page, 'public-board');
    await card.getByRole('button', { name: '提出异议' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('姓名').fill('李四');
    await dialog.getByLabel('联系方式').fill('13900000000');
    await dialog.getByLabel('异议内容').fill('光伏板选址紧邻村小学操场，请核实');
    await dialog.getByRole('button', { name: '提交异议' }).click();
    await seeText(dialog, '异议已提交');
    expect(consoleErrors(page)).toEqual([]);
  });

  it('the county finds it in its inbox, dismisses it with a comment, and the project stays under publicity', async () => {
    const { page } = await b.newPage();
    await signIn(page, 'county1');
    await page.goto('/workbench');
    const row = page.locator('tr', { hasText: name });
    await seeText(row, '处理公示异议');
    await screenshot(page, 'workbench');

    await page.getByRole('link', { name: '异议处理' }).click();
    const card = page.locator('.ant-card', { hasText: name }).last();
    await seeText(card, '待处理');
    await seeText(card, '13900000000');
    await screenshot(page, 'objections');
    await card.getByRole('button', { name: /处\s*理/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /确认处理/ }).click();
    await seeText(dialog, '请选择处理决定');
    await dialog.getByLabel('异议不成立（继续公示）').check();
    await dialog.getByLabel('处理意见').fill('经现场核实，选址距学校 300 米，符合安全要求');
    await dialog.getByRole('button', { name: /确认处理/ }).click();
    await seeText(page.locator('.ant-card', { hasText: name }).last(), '异议不成立');

    const project = await b.stack.http().get(`/projects/${id}`).set(await login(b.stack, 'county1')).expect(200);
    expect(project.body.stage).toBe('publicity');
    expect(project.body.process.objections[0]).toMatchObject({ status: 'dismissed', resolution: '经现场核实，选址距学校 300 米，符合安全要求' });
    expect(consoleErrors(page)).toEqual([]);
  });

  it('the project library filters by keyword and exports what it shows as XLSX', async () => {
    const { page } = await b.newPage();
    await signIn(page, 'county1');
    await page.goto('/projects');
    await page.getByLabel('关键词').fill(name);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.waitForURL(/q=/);
    await seeText(page.locator('.ant-table'), name);
    await seeText(page.locator('.ant-table'), '公示中');
    await screenshot(page, 'project-library');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 XLSX/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^项目库-\d{8}\.xlsx$/);
    const file = readFileSync((await download.path())!);
    expect(file.subarray(0, 2).toString()).toBe('PK');
  });

  it('at a phone\'s width the inbox becomes cards and the menu a drawer', async () => {
    const { page } = await b.newPage({ width: 390, height: 844 });
    await signIn(page, 'county1');
    // The first objection was dismissed above; a second one gives the county a task to see here.
    await b.stack.http().post(`/projects/${id}/objections`).send({ name: '王五', contact: '13700000000', content: '请公开光伏收益分配办法' }).expect(201);
    await page.goto('/workbench');
    // Other test files leave county1 tasks too: the cards are paged like the table, so turn pages until it shows.
    await page.locator('.task-card').first().waitFor();
    for (let turns = 0; (await page.locator('.task-card', { hasText: name }).count()) === 0 && turns < 20; turns += 1) {
      await page.locator('.ant-pagination-next').click();
      await page.waitForTimeout(300);
    }
    await seeText(page.locator('.task-card', { hasText: name }), '处理公示异议');
    // The list fades back in once loaded; the picture should show it settled.
    await page.locator('.ant-spin-blur').waitFor({ state: 'detached' });
    await page.waitForTimeout(400);
    await screenshot(page, 'workbench-phone');
    await page.getByRole('button', { name: '打开菜单' }).click();
    await seeText(page.locator('.ant-drawer'), '项目库');
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
  });
});
