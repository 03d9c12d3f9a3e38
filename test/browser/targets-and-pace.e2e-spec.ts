import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { libraryProject } from '../support/library-project';
import { login } from '../support/test-stack';
import { consoleErrors, screenshot, seeText, signIn, startBrowserStack, type BrowserStack } from '../support/browser';
import { openAction, stageIs } from '../support/project-page';

const COUNTY = '140602000000';
/** Villages and a year no other test uses: 朔城区's 2014 money is this file's alone. */
const TARGETS_VILLAGE = '140602205948';
const PACE_VILLAGE = '140602205949';
const YEAR = 2014;

const TABLE = [
  { category: 'output', subCategory: 'quantity', indicator: '新建蔬菜保鲜冷库', comparison: '>=', targetValue: '1', unit: '座' },
  { category: 'benefit', subCategory: 'economic', indicator: '带动脱贫户增收', comparison: '>=', targetValue: '1200', unit: '元/户' },
  { category: 'satisfaction', subCategory: 'beneficiary', indicator: '受益群众满意度', comparison: '>=', targetValue: '90', unit: '%' },
];

/**
 * The county accepts a project against its 绩效目标表, typing what each row reached and seeing the
 * score on the project page; a monitor reads 各县序时进度 with the county behind pace first, in red.
 */
describe('console: performance targets at acceptance, and the counties against 序时进度', () => {
  let b: BrowserStack;
  let id: string;

  beforeAll(async () => {
    b = await startBrowserStack();
    const [admin, county, finance] = await Promise.all(['admin', 'county1', 'finance1'].map((n) => login(b.stack, n)));
    const targets = await libraryProject(b.stack, TARGETS_VILLAGE, { name: `蔬菜保鲜冷库-${randomUUID().slice(0, 6)}`, type: 'infrastructure', performanceTargets: TABLE });
    id = targets.id;
    await b.stack.http().post(`/projects/${id}/progress`).set(targets.village).send({ percent: 100, note: '冷库建成', reportedAt: '2024-09-30' }).expect(200);
    await b.stack.http().post(`/projects/${id}/acceptance/request`).set(targets.village).expect(200);

    const batch = (
      await b.stack
        .http()
        .post('/batches')
        .set(admin)
        .send({ docNumber: `序时进度页测试-${randomUUID().slice(0, 8)}`, title: `${YEAR}年省级衔接资金`, level: 'province', year: YEAR, batchNo: 1, issuedAt: `${YEAR}-01-05`, allocations: [{ regionCode: COUNTY, amount: '800000.00' }] })
        .expect(201)
    ).body.id as string;
    await b.stack.http().post(`/batches/${batch}/allocations/${COUNTY}/receipt`).set(county).send({ receivedAt: `${YEAR}-01-10` }).expect(200);
    const paced = await libraryProject(b.stack, PACE_VILLAGE, { type: 'livelihood', totalBudget: '800000.00', fundingSources: [{ source: '省级衔接资金', amount: '800000.00' }] });
    await b.stack.http().post(`/batches/${batch}/allocations/${COUNTY}/matches`).set(county).send({ projectId: paced.id, amount: '800000.00' }).expect(201);
    await b.stack
      .http()
      .post(`/projects/${paced.id}/payments`)
      .set(finance)
      .send({ kind: 'household', amount: '100000.00', paidAt: `${YEAR}-03-20`, households: [{ householdId: 'PACE-B-1', name: '王五', account: '6228480000000000004', item: '庭院经济奖补', amount: '100000.00' }] })
      .expect(201);
  });
  afterAll(async () => {
    await b?.stop();
  });

  async function open(username: string): Promise<Page> {
    const { page } = await b.newPage({ width: 1280, height: 900 });
    await signIn(page, username);
    await page.goto(`/projects/${id}`);
    await page.locator('.project-title').waitFor();
    consoleErrors(page).length = 0;
    return page;
  }

  it('a village fills the target table: the second-level choices follow the first-level one, the value must be a number', async () => {
    const { page } = await b.newPage({ width: 1280, height: 900 });
    await signIn(page, `village-${TARGETS_VILLAGE}`);
    await page.goto('/apply');
    await page.getByRole('button', { name: '添加绩效目标' }).click();
    const row = page.getByRole('group', { name: '绩效目标 1' });
    await row.getByLabel('一级指标').click();
    await page.locator('.ant-select-item-option', { hasText: /^效益指标$/ }).click();
    await row.getByLabel('二级指标').click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await seeText(options.first(), '经济效益指标');
    expect(await options.allInnerTexts()).toEqual(['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标']);
    await options.filter({ hasText: '社会效益指标' }).click();
    await row.getByLabel('指标名称').fill('带动脱贫人口务工');
    await row.getByLabel('目标值').fill('三十');
    await row.getByLabel('单位').fill('人');
    await seeText(row, '须为非负数字');
    await row.getByLabel('目标值').fill('30');
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'apply-targets');
    expect(consoleErrors(page)).toEqual([]);
  });

  it('the county types what each target reached, sees unmet rows flagged as it types, and the score on the project page', async () => {
    const page = await open('county1');
    await stageIs(page, '验收中');
    const table = page.getByTestId('targets-table');
    await seeText(table, '新建蔬菜保鲜冷库');
    await seeText(table, '≥ 1200 元/户');

    const dialog = await openAction(page, '竣工验收');
    await dialog.getByLabel('合格（进入拨付）').check();
    await dialog.getByLabel('验收意见').fill('冷库建成投用，资料齐全，同意验收');
    await dialog.getByRole('button', { name: '保存验收结论' }).click();
    await seeText(dialog, '请填写完成值');
    const row = (n: number) => dialog.getByRole('group', { name: `绩效目标完成值 ${n}` });
    await row(1).getByLabel('新建蔬菜保鲜冷库 完成值').fill('1');
    await row(2).getByLabel('带动脱贫户增收 完成值').fill('1350');
    await row(3).getByLabel('受益群众满意度 完成值').fill('86');
    await seeText(row(1), '达到目标');
    await seeText(row(3), '未达到目标');
    await dialog.getByRole('button', { name: '保存验收结论' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await stageIs(page, '拨付中');

    await seeText(page.getByTestId('targets-score'), '绩效目标得分 2/3（66.7%）');
    await seeText(page.getByTestId('targets-score'), '未达到：受益群众满意度');
    await seeText(table, '未达到');
    await table.scrollIntoViewIfNeeded();
    await screenshot(page, 'performance-targets');
    expect(consoleErrors(page)).toEqual([]);
  });

  it('a monitor reads the counties of its city against 序时进度, the one behind first in red, with its line by month', async () => {
    const { page } = await b.newPage({ width: 1280, height: 1200 });
    await signIn(page, 'monitor1');
    await page.getByRole('link', { name: '各县序时进度' }).click();
    await page.waitForURL(/\/reports\/monthly-pace/);
    await page.goto(`/reports/monthly-pace?month=${YEAR}-05`);
    await page.getByLabel('月份').click();
    await page.locator('.ant-select-item-option', { hasText: /^6 月$/ }).click();
    await page.waitForURL(new RegExp(`month=${YEAR}-06`));
    // The month list stays open over the table while the select keeps focus: close it as a clerk would.
    await page.keyboard.press('Escape');
    await page.locator('.ant-select-dropdown').last().waitFor({ state: 'hidden' });

    await seeText(page.getByTestId('pace-summary'), '落后于序时进度的 1 个');
    const first = page.locator('.ant-table-tbody tr.ant-table-row').first();
    await seeText(first, '朔城区');
    await seeText(first, '严重落后');
    await seeText(first, '12.5%');
    expect(await first.getAttribute('class')).toContain('pace-far-behind');
    await page.getByRole('img', { name: /各县逐月累计执行率与序时进度/ }).locator('canvas').waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    // The page fits the window: a full-page capture would resize it, and the chart with it, mid-shot.
    await screenshot(page, 'monthly-pace');

    const [excel] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载 Excel/ }).click()]);
    expect(excel.suggestedFilename()).toBe(`朔州市${YEAR}年6月各县衔接资金支出进度.xlsx`);
    expect(consoleErrors(page)).toEqual([]);
  });
});
