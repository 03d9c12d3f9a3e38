import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { consoleErrors, screenshot, seeText, signIn, startBrowserStack, type BrowserStack } from '../support/browser';
import { libraryProject } from '../support/library-project';

const SHANXI = readFileSync(join(__dirname, '..', 'fixtures', 'shanxi-2023-allocations.csv'), 'utf8');
/** 阳曲县's amount typed with a letter O for a zero: one bad cell in an otherwise sound provincial table. */
const ONE_BAD_ROW = SHANXI.replace('阳曲县,1201', '阳曲县,12O1');
const VILLAGE = '140602205874';

/** Picks an option of an antd Select opened through its label, as a person clicks it. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

async function fillHeader(page: Page, docNumber: string): Promise<void> {
  await page.getByLabel('文号', { exact: true }).fill(docNumber);
  await page.getByLabel('标题', { exact: true }).fill('山西省乡村振兴局关于下达2023年省级财政衔接推进乡村振兴补助资金计划的通知');
  await choose(page, '级次', '省级');
  await choose(page, '年度', '2023 年');
  await page.getByLabel('批次', { exact: true }).fill('1');
  await page.getByLabel('下达日期').click();
  await page.getByLabel('下达日期').fill('2023-03-01');
  // Leaving the field keeps a typed date; Enter would also submit the form before the file is chosen.
  await page.getByLabel('文号', { exact: true }).click();
  expect(await page.getByLabel('下达日期').inputValue()).toBe('2023-03-01');
}

/** The form's submit button, whatever its spinner makes of its accessible name. */
const importButton = (page: Page) => page.locator('form button[type=submit]');

async function upload(page: Page, text: string): Promise<void> {
  await page.locator('input[type=file]').setInputFiles({ name: '山西2023省级衔接资金分配表.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
}

describe('console: 资金批次 — importing the Shanxi table, then 朔城区 receives and matches its share', () => {
  let b: BrowserStack;
  let projectName: string;
  const docNumber = `晋乡振发〔2023〕8号-${randomUUID().slice(0, 6)}`;
  let batchPath: string;

  beforeAll(async () => {
    b = await startBrowserStack();
    projectName = `村内道路硬化-${randomUUID().slice(0, 6)}`;
    // Not an industry project: other test files check 朔城区's 2024 industry share against 2023's, and a
    // 2023 industry match made here while they run would raise the bar they expect.
    await libraryProject(b.stack, VILLAGE, {
      name: projectName,
      type: 'infrastructure',
      content: '硬化村内道路 800 米',
      totalBudget: '500000.00',
      fundingSources: [{ source: '省级衔接资金', amount: '500000.00' }],
    });
  });
  afterAll(async () => {
    await b?.stop();
  });

  it('refuses a table with one bad row, listing it and writing nothing; the sound table then becomes a batch', async () => {
    const { page } = await b.newPage();
    await signIn(page, 'admin');
    await page.goto('/batches');
    await page.getByRole('button', { name: /导入分配表/ }).click();
    await page.waitForURL(/\/batches\/import$/);
    await fillHeader(page, docNumber);
    await upload(page, ONE_BAD_ROW);
    await importButton(page).click();

    const errors = page.locator('.import-errors');
    await seeText(errors, '分配表有 1 处错误，未导入任何数据');
    await seeText(errors.locator('tbody'), '第 5 行');
    await seeText(errors.locator('tbody'), '金额');
    await seeText(errors.locator('tbody'), '12O1');
    await errors.scrollIntoViewIfNeeded();
    await screenshot(page, 'batch-import-errors');
    const [{ n }] = await b.stack.db.query(`SELECT count(*)::int AS n FROM fund_batches WHERE doc_number = $1`, [docNumber]);
    expect(n).toBe(0);
    expect(page.url()).toMatch(/\/batches\/import$/);

    await upload(page, SHANXI);
    await importButton(page).click();
    await page.waitForURL(/\/batches\/[0-9a-f-]{36}$/);
    batchPath = new URL(page.url()).pathname;
    await seeText(page.locator('.ant-descriptions').first(), '1,722,200,000.00 元（172220 万元）');
    await seeText(page.locator('.ant-table-pagination'), '共 105 个县');
    await seeText(page.locator('tr', { hasText: '娄烦县' }), '34,580,000.00');
    await seeText(page.locator('tr', { hasText: '娄烦县' }), '到账后开始计时');
    await screenshot(page, 'batch-detail-province');
    expect(consoleErrors(page)).toEqual([]);
  });

  it('county1 finds the batch, confirms receipt for 朔城区 and matches part of it to a library project', async () => {
    const { page } = await b.newPage();
    await signIn(page, 'county1');
    await page.goto('/batches');
    await page.getByLabel('文号或标题').fill(docNumber);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const row = page.locator('tr', { hasText: docNumber });
    await seeText(row, '省级');
    await seeText(row, '到账 0/1 县 · 已匹配 0/377 万元');
    await row.click();
    await page.waitForURL(new RegExp(`${batchPath}$`));

    const panel = page.locator('.allocation-panel', { hasText: '朔城区' });
    await seeText(panel, '3,770,000.00');
    await seeText(panel, '到账后开始计时');
    await panel.getByRole('button', { name: /确认到账/ }).click();
    const receipt = page.getByRole('dialog');
    await receipt.getByRole('button', { name: /确认到账/ }).click();
    await seeText(panel, /剩 1[45] 天/);

    await panel.getByRole('button', { name: /资金匹配/ }).click();
    const dialog = page.getByRole('dialog');
    await seeText(dialog, '3,770,000.00 元');
    await dialog.getByLabel('项目库项目').click();
    await dialog.getByLabel('项目库项目').fill(projectName.slice(-6));
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: projectName }).click();
    await dialog.getByLabel('匹配金额（元）').fill('300000.00');
    await seeText(dialog, '匹配后剩 3,470,000.00 元');
    await seeText(dialog, '匹配后');
    await screenshot(page, 'batch-match');
    await dialog.getByRole('button', { name: /确认匹配/ }).click();

    await seeText(panel.locator('.remaining'), '3,470,000.00');
    await seeText(panel.locator('.match-list'), projectName);
    await seeText(page.locator('.ant-alert').first(), '产业发展资金占比');
    await screenshot(page, 'batch-detail', true);

    await page.goto('/batches?year=2023');
    await seeText(page.locator('tr', { hasText: docNumber }), '已匹配 30/377 万元');
    await screenshot(page, 'batches');
    expect(consoleErrors(page)).toEqual([]);
  });

  it('county1 issues a county-level batch through the form: the API\'s refusal lands on its field, the total follows the rows', async () => {
    const { page } = await b.newPage();
    await signIn(page, 'county1');
    await page.goto('/batches');
    await page.getByRole('button', { name: /新建批次/ }).click();
    await page.waitForURL(/\/batches\/new$/);
    await page.getByLabel('文号', { exact: true }).fill(docNumber);
    await page.getByLabel('标题', { exact: true }).fill('关于下达2024年县级衔接推进乡村振兴补助资金的通知');
    await choose(page, '年度', '2024 年');
    await page.getByLabel('下达日期').click();
    await page.getByLabel('下达日期').fill('2024-04-26');
    await page.getByLabel('标题', { exact: true }).click();
    await page.getByLabel('县（市、区）').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-tree-title', { hasText: '朔城区' }).click();
    await page.getByLabel('分配金额（元）').fill('1500000.00');
    await page.getByRole('button', { name: /添加专项/ }).click();
    await page.getByLabel('专项用途').fill('健康乡村示范创建');
    await page.getByLabel('专项金额（元）').fill('500000.00');
    await seeText(page.locator('.ant-statistic'), '1,500,000.00');
    await seeText(page.locator('.ant-statistic'), '150 万元');

    await page.locator('form button[type=submit]').click();
    await seeText(page.locator('.ant-form-item', { hasText: '文号' }).first(), '已存在');
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'batch-create', true);
    const countyDoc = `朔乡振发〔2024〕3号-${randomUUID().slice(0, 6)}`;
    await page.getByLabel('文号', { exact: true }).fill(countyDoc);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL(/\/batches\/[0-9a-f-]{36}$/);
    await seeText(page.locator('.ant-descriptions').first(), countyDoc);
    await seeText(page.locator('.ant-descriptions').first(), '县级');
    await seeText(page.locator('.allocation-panel'), '健康乡村示范创建');
    expect(consoleErrors(page)).toEqual([]);
  });

  it('at a phone\'s width the batch and its allocation stack into one column, and the match is withdrawn with a reason', async () => {
    const { page } = await b.newPage({ width: 390, height: 844 });
    await signIn(page, 'county1');
    // Sign-in lands on the workbench, another page; only what the batch pages log counts here.
    await page.getByRole('tab', { name: /待办/ }).waitFor();
    await page.waitForTimeout(300);
    const before = consoleErrors(page).length;
    await page.goto(batchPath);
    await seeText(page.locator('.allocation-panel'), '3,470,000.00');
    await screenshot(page, 'batch-detail-phone', true);
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);

    await page.locator('.match-list').getByRole('button', { name: /撤\s*销/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /确认撤销/ }).click();
    await seeText(dialog, '请填写撤销理由');
    await dialog.getByLabel('撤销理由').fill('项目调整，改由县级资金安排');
    await dialog.getByRole('button', { name: /确认撤销/ }).click();
    await seeText(page.locator('.allocation-panel .remaining'), '3,770,000.00');
    await seeText(page.locator('.match-list'), '尚未匹配项目');

    await page.goto(`/batches?q=${encodeURIComponent(docNumber)}`);
    await seeText(page.locator('.batch-card', { hasText: docNumber }), '已匹配 0/377 万元');
    await page.locator('.ant-spin-blur').waitFor({ state: 'detached' });
    await page.waitForTimeout(400); // the list fades in from its loading state
    await screenshot(page, 'batches-phone');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    for (const path of ['/batches/new', '/batches/import']) {
      await page.goto(path);
      await page.getByLabel('文号', { exact: true }).waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    }
    await screenshot(page, 'batch-import-phone', true);
    expect(consoleErrors(page).slice(before)).toEqual([]);
  });
});
