import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { libraryProject } from '../support/library-project';
import { login } from '../support/test-stack';
import { consoleErrors, screenshot, seeText, signIn, startBrowserStack, type BrowserStack } from '../support/browser';

const COUNTY = '140602000000';
// Years no other test gives 朔城区 money in (this one and the one before), so the figures are this file's alone.
const YEAR = 2022;

/**
 * 绩效自评报告 in the console: county1 opens its report of the year, rewrites a sentence around the
 * figures, types an industry share the ledger does not support and sees it flagged, then downloads the
 * Word file with the ledger's figures in it.
 */
describe('console: the county reviews and sends its year-end self-evaluation', () => {
  let b: BrowserStack;

  beforeAll(async () => {
    b = await startBrowserStack();
    const [admin, county] = await Promise.all([login(b.stack, 'admin'), login(b.stack, 'county1')]);
    const batch = async (level: string, year: number, amount: string) =>
      (
        await b.stack
          .http()
          .post('/batches')
          .set(admin)
          .send({ docNumber: `自评页测试-${level}-${year}-${randomUUID().slice(0, 8)}`, title: `${year}年衔接资金`, level, year, batchNo: 1, issuedAt: `${year}-03-01`, allocations: [{ regionCode: COUNTY, amount }] })
          .expect(201)
      ).body.id as string;
    const receive = (id: string) => b.stack.http().post(`/batches/${id}/allocations/${COUNTY}/receipt`).set(county).send({ receivedAt: new Date().toISOString() }).expect(200);
    await batch('county', YEAR - 1, '23800000.00');
    await receive(await batch('county', YEAR, '24600000.00'));
    const provincial = await batch('province', YEAR, '500000.00');
    await receive(provincial);
    const { id } = await libraryProject(b.stack, '140602205937', { totalBudget: '400000.00', fundingSources: [{ source: '省级衔接资金', amount: '400000.00' }] });
    await b.stack.http().post(`/batches/${provincial}/allocations/${COUNTY}/matches`).set(county).send({ projectId: id, amount: '400000.00' }).expect(201);
  });
  afterAll(async () => {
    await b?.stop();
  });

  it('edits a sentence, is shown the typed share that differs from the ledger, and downloads the Word file', async () => {
    const { page } = await b.newPage({ width: 1280, height: 1000 });
    await signIn(page, 'county1');
    await page.getByRole('link', { name: '绩效自评报告' }).click();
    await page.getByLabel('年度').click();
    await page.locator('.ant-select-item-option', { hasText: `${YEAR} 年` }).click();
    await page.waitForURL(new RegExp(`year=${YEAR}`));
    await seeText(page.getByTestId('report-text-funding'), '县级安排衔接推进乡村振兴补助资金2460万元，较上年安排的2380万元增长3.4%');

    await page.getByRole('button', { name: '修改使用成效的文字' }).click();
    const editor = page.getByLabel(/使用成效的文字/);
    await editor.fill('全年省级衔接资金用于产业发展{{provincialIndustry}}，占比{{provincialIndustryShare}}，全部用于联农带农产业。');
    await page.getByRole('button', { name: '保存文字' }).click();
    await seeText(page.getByTestId('report-text-effect'), '全年省级衔接资金用于产业发展40万元，占比80.0%，全部用于联农带农产业。');

    await page.getByLabel('省级衔接资金用于产业比例').fill('90.5%');
    await page.getByLabel('县级资金增长率').fill('3.4%');
    await page.getByRole('button', { name: /保存并核对/ }).click();
    await seeText(page.locator('.report-claims .ant-alert'), '1 项填报数与账面不一致');
    // 40万元 on industry of the 50万元 of provincial money issued: 80.0%, however much of it was matched.
    await seeText(page.locator('.report-claims'), '账面数 80.0%，差额 10.50 个百分点');
    await seeText(page.locator('.report-mismatch'), '90.5%');
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'self-evaluation');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载 Word/ }).click()]);
    expect(download.suggestedFilename()).toBe(`朔城区${YEAR}年度绩效自评报告.docx`);
    const xml = await (await JSZip.loadAsync(readFileSync((await download.path())!))).file('word/document.xml')!.async('string');
    const words = xml.replace(/<[^>]+>/g, '');
    expect(words).toContain('全年省级衔接资金用于产业发展40万元，占比80.0%，全部用于联农带农产业。');
    expect(words).toContain('增长3.4%');
    expect(words).toContain('90.5%');
    expect(consoleErrors(page)).toEqual([]);
  });

  it('a monitor of the city reads the same report without the editing tools', async () => {
    const { page } = await b.newPage();
    await signIn(page, 'monitor1');
    await page.goto(`/reports/self-evaluation?county=${COUNTY}&year=${YEAR}`);
    await seeText(page.getByTestId('report-text-effect'), '占比80.0%');
    expect(await page.getByRole('button', { name: /保存并核对/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /修改.*的文字/ }).count()).toBe(0);
    expect(consoleErrors(page)).toEqual([]);
  });

  it('stacks to one column at a phone’s width', async () => {
    const { page } = await b.newPage({ width: 390, height: 844 });
    await signIn(page, 'county1');
    await page.goto(`/reports/self-evaluation?year=${YEAR}`);
    await seeText(page.getByTestId('report-text-funding'), '增长3.4%');
    const paper = await page.locator('.report-paper').boundingBox();
    expect(paper!.width).toBeLessThanOrEqual(390);
    await screenshot(page, 'self-evaluation-phone');
  });
});
