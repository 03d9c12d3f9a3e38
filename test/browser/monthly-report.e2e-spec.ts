import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Workbook } from 'exceljs';
import { libraryProject } from '../support/library-project';
import { login } from '../support/test-stack';
import { consoleErrors, screenshot, seeText, signIn, startBrowserStack, type BrowserStack } from '../support/browser';

const COUNTY = '140602000000';
// A year and a village no other test gives 朔城区 money in, so the figures are this file's alone.
const YEAR = 2016;

/**
 * 月度支出报表 in the console: county1 picks June of its year, sees the batch spent far behind 序时进度
 * in red, and downloads the Excel report and the national monitoring workbook.
 */
describe('console: the county reads its monthly spending report', () => {
  let b: BrowserStack;
  const docNumber = `月报页测试-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    b = await startBrowserStack();
    const [admin, county, finance] = await Promise.all(['admin', 'county1', 'finance1'].map((n) => login(b.stack, n)));
    const batch = (
      await b.stack
        .http()
        .post('/batches')
        .set(admin)
        .send({ docNumber, title: `${YEAR}年省级衔接资金`, level: 'province', year: YEAR, batchNo: 1, issuedAt: `${YEAR}-01-05`, allocations: [{ regionCode: COUNTY, amount: '1000000.00' }] })
        .expect(201)
    ).body.id as string;
    await b.stack.http().post(`/batches/${batch}/allocations/${COUNTY}/receipt`).set(county).send({ receivedAt: `${YEAR}-01-10` }).expect(200);
    const { id } = await libraryProject(b.stack, '140602205943', { totalBudget: '600000.00', fundingSources: [{ source: '省级衔接资金', amount: '600000.00' }] }, '朔城区政府常务会议纪要〔2016〕2号');
    await b.stack.http().post(`/batches/${batch}/allocations/${COUNTY}/matches`).set(county).send({ projectId: id, amount: '600000.00' }).expect(201);
    await b.stack
      .http()
      .post(`/projects/${id}/payments`)
      .set(finance)
      .send({ kind: 'household', amount: '50000.00', paidAt: `${YEAR}-06-05`, households: [{ householdId: 'YBY-001', name: '赵六', account: '6228480000000000003', item: '庭院经济奖补', amount: '50000.00' }] })
      .expect(201);
  });
  afterAll(async () => {
    await b?.stop();
  });

  it('picks a month, shows the batch far behind pace in red, and downloads the Excel and national files', async () => {
    const { page } = await b.newPage({ width: 1280, height: 900 });
    await signIn(page, 'county1');
    await page.getByRole('link', { name: '月度支出报表' }).click();
    await page.waitForURL(/\/reports\/monthly/);
    await page.goto(`/reports/monthly?month=${YEAR}-05`);
    await page.getByLabel('月份').click();
    await page.locator('.ant-select-item-option', { hasText: /^6 月$/ }).click();
    await page.waitForURL(new RegExp(`month=${YEAR}-06`));

    await seeText(page.locator('.monthly-summary'), '累计支出 50000.00 元，执行率 5.0%，序时进度 50.0%（严重落后）');
    await seeText(page.locator('tr.pace-far-behind', { hasText: docNumber }), '严重落后');
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'monthly-report');

    const [excel] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载 Excel/ }).click()]);
    expect(excel.suggestedFilename()).toBe(`朔城区${YEAR}年6月衔接资金支出情况报表.xlsx`);
    const book = new Workbook();
    await book.xlsx.load(readFileSync((await excel.path())!) as unknown as ArrayBuffer);
    const row = book.getWorksheet('分批次')!.getRows(2, book.getWorksheet('分批次')!.rowCount - 1)!.find((r) => r.getCell(1).value === docNumber)!;
    expect([row.getCell(5).value, row.getCell(9).value, row.getCell(11).value]).toEqual([1000000, 50000, '严重落后']);

    const [national] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /国家监测系统导出/ }).click()]);
    expect(national.suggestedFilename()).toBe(`朔城区${YEAR}年全国防返贫监测信息系统录入数据.xlsx`);
    expect(consoleErrors(page)).toEqual([]);
  });
});
