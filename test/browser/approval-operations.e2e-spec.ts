import type { Page } from 'playwright-core';
import { ensureUser } from '../support/fixtures';
import { login } from '../support/test-stack';
import { consoleErrors, screenshot, seeText, signIn, startBrowserStack, type BrowserStack } from '../support/browser';
import { openAction, stageIs } from '../support/project-page';

/** A village of its own under 贾庄乡, so the two 贾庄乡 clerks (township1, township1b) review it. */
const VILLAGE = '140602205992';

/**
 * 转办 → 委派 → back → approve on the project page with the demo clerks of 贾庄乡: township1 hands
 * the task to 李干事 (township1b), who asks township1 to review first, gets the opinion back in the
 * panel and approves.
 */
describe('console: a township clerk hands a task on, the colleague delegates a review, gets the opinion back and approves', () => {
  let b: BrowserStack;
  let id: string;
  let held: string;
  // Other files put projects of similar names in 贾庄乡's inbox: this one is found by its own name.
  const road = `村内道路硬化-${Date.now()}`;

  beforeAll(async () => {
    b = await startBrowserStack();
    const { stack } = b;
    await stack.db.query(
      `INSERT INTO regions (code, name, level, parent_code) VALUES ($1, '测试转办村', 'village', '140602205000') ON CONFLICT DO NOTHING`,
      [VILLAGE],
    );
    const village = await ensureUser(stack, {
      username: `village-${VILLAGE}`,
      role: 'village',
      regionCode: VILLAGE,
      displayName: '测试转办村村委会',
    });
    const body = {
      name: road,
      type: 'infrastructure',
      villageCode: VILLAGE,
      place: '贾庄乡测试转办村',
      content: '硬化村内道路 1.2 公里',
      totalBudget: '300000.00',
      fundingSources: [{ source: '市级衔接资金', amount: '300000.00' }],
      beneficiaries: { householdsLifted: 10, householdsMonitored: 2, people: 40 },
      farmerLink: '吸纳脱贫户务工',
      departmentCode: 'transport',
    };
    const created = await stack.http().post('/projects').set(village).send(body).expect(201);
    id = created.body.id;
    await stack.http().post(`/projects/${id}/submit`).set(village).send({}).expect(200);
    // A second project already handed to 李干事, for the administrator to move on when he leaves.
    const second = await stack
      .http()
      .post('/projects')
      .set(village)
      .send({ ...body, name: `村内排水沟-${Date.now()}` })
      .expect(201);
    held = second.body.id;
    await stack.http().post(`/projects/${held}/submit`).set(village).send({}).expect(200);
    const township1 = await login(stack, 'township1');
    const [{ id: li }] = await stack.db.query(`SELECT id FROM users WHERE username = 'township1b'`);
    await stack.http().post(`/projects/${held}/transfer`).set(township1).send({ userId: li, comment: '李干事负责' }).expect(200);
  });
  afterAll(async () => {
    await b?.stop();
  });

  async function clerk(username: string): Promise<Page> {
    const { page } = await b.newPage();
    await signIn(page, username);
    await page.goto(`/projects/${id}`);
    await page.locator('.project-title').waitFor();
    consoleErrors(page).length = 0;
    return page;
  }

  const panel = (page: Page) => page.getByTestId('approval-panel');

  async function pick(page: Page, dialogTitle: string, person: string) {
    const dialog = page.getByRole('dialog', { name: dialogTitle });
    await dialog.locator('.ant-select').first().click();
    await page.locator('.ant-select-item-option', { hasText: person }).first().click();
    return dialog;
  }

  it('township1 sees who acts now and next, and hands the task to 李干事', async () => {
    const page = await clerk('township1');
    await seeText(panel(page), '当前办理');
    await seeText(panel(page), '贾庄乡 李干事');
    await seeText(panel(page), '部门审查');
    await panel(page)
      .getByRole('button', { name: /^转\s*办$/ })
      .click();
    const dialog = await pick(page, '转办', '贾庄乡 李干事');
    await dialog.getByRole('button', { name: '确认转办' }).click();
    await seeText(dialog, '请填写说明');
    await dialog.getByLabel('转办说明').fill('李干事负责该片区道路项目');
    await dialog.getByRole('button', { name: '确认转办' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await seeText(panel(page), '经办人');
    await seeText(panel(page), '贾庄乡 李干事（已转办/改派，仅此人可办理）');
    // No longer township1's to decide: the review buttons are gone.
    expect(await page.getByRole('button', { name: '审核通过', exact: true }).count()).toBe(0);
    expect(consoleErrors(page)).toEqual([]);
  });

  it('李干事 finds it in 待办 and delegates a review to township1', async () => {
    const { page } = await b.newPage();
    await signIn(page, 'township1b');
    await page.goto('/workbench');
    const row = page.locator('.ant-table-row', { hasText: road }).first();
    await seeText(row, '转交我办理');
    await row.getByRole('link', { name: '办理' }).click();
    await page.locator('.project-title').waitFor();
    await panel(page)
      .getByRole('button', { name: /^委\s*派$/ })
      .click();
    const dialog = await pick(page, '委派', '贾庄乡人民政府');
    await dialog.getByLabel('请对方审阅的内容').fill('请核对道路走向是否与村庄规划一致');
    await dialog.getByRole('button', { name: '确认委派' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await seeText(panel(page), '贾庄乡人民政府 审阅中');
    expect(await page.getByRole('button', { name: '审核通过', exact: true }).count()).toBe(0);
    expect(consoleErrors(page).filter((e) => !/deprecated/.test(e))).toEqual([]);
  });

  it('township1 gives the opinion from its 待办', async () => {
    const { page } = await b.newPage();
    await signIn(page, 'township1');
    await page.goto('/workbench');
    const row = page.locator('.ant-table-row', { hasText: road }).first();
    await seeText(row, '提交委派意见');
    await row.getByRole('link', { name: '办理' }).click();
    await page.locator('.project-title').waitFor();
    await panel(page)
      .getByRole('button', { name: /^提交意见$/ })
      .click();
    const dialog = page.getByRole('dialog', { name: '提交审阅意见' });
    await seeText(dialog, '请核对道路走向是否与村庄规划一致');
    await dialog.getByLabel('审阅意见').fill('走向与村庄规划一致，建议通过');
    await dialog.getByRole('button', { name: /^提交意见$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await seeText(panel(page), '走向与村庄规划一致，建议通过');
    expect(consoleErrors(page).filter((e) => !/deprecated/.test(e))).toEqual([]);
  });

  it('李干事 reads the opinion and approves', async () => {
    const page = await clerk('township1b');
    await seeText(panel(page), '审阅意见');
    await seeText(panel(page), '贾庄乡人民政府');
    await seeText(panel(page), '走向与村庄规划一致，建议通过');
    await screenshot(page, 'approval-operations', true);
    const dialog = await openAction(page, '审核通过');
    await dialog.getByLabel('审核意见').fill('同意');
    await dialog.getByRole('button', { name: '确认审核通过' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await stageIs(page, '部门审查');
    await page.getByRole('tab', { name: '流转记录' }).click();
    await seeText(page.locator('.project-history'), '转办');
    await seeText(page.locator('.project-history'), '委派');
    expect(consoleErrors(page)).toEqual([]);
  });

  it('the administrator moves every task 李干事 holds to township1 on 待办改派', async () => {
    const { page } = await b.newPage();
    await signIn(page, 'admin');
    await page.getByRole('menuitem', { name: /待办改派/ }).click();
    await page
      .getByRole('heading', { name: '待办改派' })
      .or(page.locator('.ant-card-head-title', { hasText: '待办改派' }))
      .first()
      .waitFor();
    const choose = async (label: string, search: string, option: RegExp) => {
      await page.getByLabel(label).click();
      await page.keyboard.type(search);
      await page.locator('.ant-select-item-option', { hasText: option }).first().click();
    };
    await choose('交出待办的人员', 'township1b', /贾庄乡 李干事/);
    await choose('接收待办的人员', 'township1', /贾庄乡人民政府（township1 ·/);
    await page.getByLabel('改派说明').fill('李干事调岗');
    await page.getByRole('button', { name: /改\s*派/ }).click();
    await seeText(page.locator('.ant-table'), '已改派');
    await seeText(page.locator('.ant-table'), '村内排水沟');
    await screenshot(page, 'reassign-tasks');
    const project = await b.stack
      .http()
      .get(`/projects/${held}`)
      .set(await login(b.stack, 'township1'))
      .expect(200);
    expect(project.body.approval.assignee).toMatchObject({ name: '贾庄乡人民政府' });
    expect(consoleErrors(page).filter((e) => !/deprecated/.test(e))).toEqual([]);
  });
});
