import type { Page } from 'playwright-core';
import { consoleErrors, screenshot, seeText, signIn, startBrowserStack, type BrowserStack } from '../support/browser';
import { openAction, stageIs } from '../support/project-page';

async function choose(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page.keyboard.type(option);
  await page.keyboard.press('Enter');
}

describe('console: a village clerk applies; the township returns it, the clerk revises; every level approves on the project page', () => {
  let b: BrowserStack;
  let id: string;
  beforeAll(async () => {
    b = await startBrowserStack();
  });
  afterAll(async () => {
    await b?.stop();
  });

  /** A reviewer's own browser on the project's page. */
  async function reviewer(username: string): Promise<Page> {
    const { page } = await b.newPage();
    await signIn(page, username);
    await page.goto(`/projects/${id}`);
    await page.locator('.project-title').waitFor();
    // What the workbench said on the way in is its own test's business; from here on it is this page's.
    consoleErrors(page).length = 0;
    return page;
  }

  it('fills the application by typing, sees the live funding total, submits', async () => {
    const { page } = await b.newPage();
    await signIn(page, 'village1');
    await page.goto('/apply');
    const name = `北曹村蔬菜大棚改造-${Date.now()}`;
    await page.getByLabel('项目名称').fill(name);
    await choose(page, '项目类型', '产业发展');
    await choose(page, '行业主管部门', '农业农村局');
    await page.getByLabel('实施地点').fill('贾庄乡北曹村东侧');
    // 办公楼 is on the demo negative list (修建楼堂馆所): the department will have to clear it.
    await page.getByLabel('建设内容').fill('改造蔬菜大棚 20 座，配套建设村办公楼一处');
    await page.getByLabel('总投资（元）').fill('1600000.00');
    await page.getByLabel('资金来源', { exact: true }).fill('市级衔接资金');
    await page.getByLabel('金额（元）').fill('1500000.00');
    await seeText(page.getByTestId('funding-total'), '还差 100,000.00 元');
    await page.getByLabel('金额（元）').fill('1600000.00');
    await seeText(page.getByTestId('funding-total'), '与总投资一致');
    await page.getByLabel('带动脱贫户（户）').fill('12');
    await page.getByLabel('带动监测户（户）').fill('3');
    await page.getByLabel('受益人数（人）').fill('45');
    await page.getByLabel('联农带农机制').fill('吸纳脱贫户务工，村集体收益按股分红');
    await screenshot(page, 'apply-form', true);

    await page.getByRole('button', { name: /提交申报/ }).click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    id = page.url().split('/').pop() as string;
    await stageIs(page, '乡镇审核');
    expect(consoleErrors(page).filter((e) => !/deprecated/.test(e))).toEqual([]);
  });

  it("the township returns it through the page's dialog, which asks for the comment before sending", async () => {
    const page = await reviewer('township1');
    const dialog = await openAction(page, '退回修改');
    await dialog.getByRole('button', { name: '确认退回修改' }).click();
    await seeText(dialog, '退回或不予通过须填写审核意见');
    await dialog.getByLabel('审核意见').fill('请补充大棚选址的用地说明');
    await dialog.getByRole('button', { name: '确认退回修改' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await stageIs(page, '已退回');
    await page.getByRole('tab', { name: '流转记录' }).click();
    await seeText(page.locator('.project-history'), '请补充大棚选址的用地说明');
    expect(await page.getByRole('button', { name: '审核通过', exact: true }).count()).toBe(0);
    expect(consoleErrors(page)).toEqual([]);
  });

  it('the clerk reads the comment, revises and resubmits; it goes back to the township', async () => {
    const { page } = await b.newPage();
    await signIn(page, 'village1');
    await page.goto(`/projects/${id}/edit`);
    await seeText(page.locator('.apply-returned'), '请补充大棚选址的用地说明');
    await page.getByLabel('建设规模').fill('20 座');
    await page.getByRole('button', { name: /保存草稿/ }).click();
    await seeText(page.locator('.ant-message'), '草稿已保存');
    await page.getByRole('button', { name: /提交申报/ }).click();
    await page.waitForURL(new RegExp(`/projects/${id}$`));
    await stageIs(page, '乡镇审核');
    expect(consoleErrors(page).filter((e) => !/deprecated/.test(e))).toEqual([]);
  });

  it('the township approves', async () => {
    const page = await reviewer('township1');
    const dialog = await openAction(page, '审核通过');
    await dialog.getByLabel('审核意见').fill('用地说明已补充，同意');
    await dialog.getByRole('button', { name: '确认审核通过' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await stageIs(page, '部门审查');
    expect(consoleErrors(page)).toEqual([]);
  });

  it('the department sees the negative-list hit, is refused approval until it clears the flag with a reason, then approves', async () => {
    const page = await reviewer('department1');
    await seeText(page.getByTestId('negative-list'), '修建楼堂馆所');
    await seeText(page.getByTestId('negative-list'), '待主管部门处理');

    let dialog = await openAction(page, '审核通过');
    await dialog.getByRole('button', { name: '确认审核通过' }).click();
    await seeText(dialog.getByRole('alert'), '须由主管部门书面说明理由解除提示后方可通过');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    dialog = await openAction(page, '解除负面清单提示');
    await seeText(dialog.locator('.negative-hits'), '修建楼堂馆所');
    await seeText(dialog.locator('.negative-hits'), '办公楼');
    await dialog.getByRole('button', { name: '确认解除' }).click();
    await seeText(dialog, '请书面说明为何不属于负面清单所列用途');
    await dialog.getByLabel('解除理由').fill('所建为村集体经营用房，用于蔬菜分拣包装，非行政办公用房');
    await dialog.getByRole('button', { name: '确认解除' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await seeText(page.getByTestId('negative-list'), '由主管部门解除');
    expect(await page.getByRole('button', { name: '解除负面清单提示' }).count()).toBe(0);

    dialog = await openAction(page, '审核通过');
    await dialog.getByRole('button', { name: '确认审核通过' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await stageIs(page, '县级审定');
    expect(consoleErrors(page)).toEqual([]);
  });

  it('the county must cite the standing meeting for a large industry project, then approves it into publicity', async () => {
    const page = await reviewer('county1');
    const dialog = await openAction(page, '审核通过');
    await seeText(dialog, '须经县政府常务会议研究');
    await dialog.getByRole('button', { name: '确认审核通过' }).click();
    await seeText(dialog, '本项目须填写县政府常务会议纪要文号');
    await dialog.getByLabel('县政府常务会议纪要文号').fill('朔城政常〔2024〕12号');
    await dialog.getByRole('button', { name: '确认审核通过' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await stageIs(page, '公示中');
    await seeText(page.locator('.process-section', { hasText: '入库与公示' }), '朔城政常〔2024〕12号');
    expect(consoleErrors(page)).toEqual([]);
  });

  it('a villager objects during publicity; the county answers it from the project page', async () => {
    await b.stack
      .http()
      .post(`/projects/${id}/objections`)
      .send({ name: '王五', contact: '13700000000', content: '村办公楼不应使用衔接资金建设' })
      .expect(201);
    const page = await reviewer('county1');
    const dialog = await openAction(page, '处理异议', '处理公示异议');
    await seeText(dialog, '村办公楼不应使用衔接资金建设');
    await dialog.getByLabel('异议不成立（继续公示）').check();
    await dialog.getByLabel('处理意见').fill('经核实所建为村集体经营用房，已由主管部门说明，异议不成立');
    await dialog.getByRole('button', { name: '确认处理' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await seeText(page.locator('.process-section', { hasText: '入库与公示' }), '异议（异议不成立）');
    await stageIs(page, '公示中');
    expect(consoleErrors(page)).toEqual([]);
  });

  it('the form stacks to one column at a 390-px phone width', async () => {
    const { page } = await b.newPage({ width: 390, height: 844 });
    await signIn(page, 'village1');
    await page.goto('/apply');
    await page.getByLabel('项目名称').waitFor();
    const box = await page.getByLabel('金额（元）').boundingBox();
    expect(box!.width).toBeGreaterThan(250);
    await screenshot(page, 'apply-form-phone', true);
  });
});
