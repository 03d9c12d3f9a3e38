import type { Page } from 'playwright-core';
import { login } from '../support/test-stack';
import { consoleErrors, screenshot, seeText, signIn, startBrowserStack, type BrowserStack } from '../support/browser';

async function choose(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page.keyboard.type(option);
  await page.keyboard.press('Enter');
}

describe('console: a village clerk applies, the township returns it, the clerk revises', () => {
  let b: BrowserStack;
  beforeAll(async () => {
    b = await startBrowserStack();
  });
  afterAll(async () => {
    await b?.stop();
  });

  it('fills the application by typing, sees the live funding total, submits; sees the return comment when returned', async () => {
    const { page } = await b.newPage();
    await signIn(page, 'village1');
    await page.goto('/apply');
    const name = `北曹村蔬菜大棚改造-${Date.now()}`;
    await page.getByLabel('项目名称').fill(name);
    await choose(page, '项目类型', '产业发展');
    await choose(page, '行业主管部门', '农业农村局');
    await page.getByLabel('实施地点').fill('贾庄乡北曹村东侧');
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
    const id = page.url().split('/').pop() as string;

    const township = await login(b.stack, 'township1');
    await b.stack.http().post(`/projects/${id}/review`).set(township).send({ decision: 'return', comment: '请补充大棚选址的用地说明' }).expect(200);

    await page.goto(`/projects/${id}/edit`);
    await seeText(page.locator('.apply-returned'), '请补充大棚选址的用地说明');
    await page.getByLabel('建设规模').fill('20 座');
    await page.getByRole('button', { name: /保存草稿/ }).click();
    await seeText(page.locator('.ant-message'), '草稿已保存');
    expect(consoleErrors(page).filter((e) => !/deprecated/.test(e))).toEqual([]);
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
