import { randomUUID } from 'node:crypto';
import { Workbook } from 'exceljs';
import JSZip from 'jszip';
import { binary, type Headers } from './support/fixtures';
import { libraryProject } from './support/library-project';
import { login, startTestStack, type TestStack } from './support/test-stack';

/**
 * 朔城区's 2018 money (a year no other test uses): a provincial batch received in February and a county
 * batch received in May, matched to two projects of their own villages and paid to households in
 * February, March and June. March and June are read against 序时进度 3/12 and 6/12.
 */
const COUNTY = '140602000000';
const YEAR = 2018;
const path = (month: string) => `/reports/monthly/${COUNTY}/${month}`;

describe('monthly spending report from the records', () => {
  let stack: TestStack;
  let admin: Headers, county: Headers, finance: Headers;
  let greenhouse: string, road: string;
  const docs: Record<'province' | 'county' | 'city', string> = { province: '', county: '', city: '' };

  async function batch(level: keyof typeof docs, amount: string, receivedAt: string | null): Promise<string> {
    docs[level] = `月报测试-${level}-${randomUUID().slice(0, 8)}`;
    const res = await stack
      .http()
      .post('/batches')
      .set(admin)
      .send({ docNumber: docs[level], title: `${YEAR}年衔接资金`, level, year: YEAR, batchNo: 1, issuedAt: `${YEAR}-01-15`, allocations: [{ regionCode: COUNTY, amount }] })
      .expect(201);
    const id = res.body.id as string;
    if (receivedAt) await stack.http().post(`/batches/${id}/allocations/${COUNTY}/receipt`).set(county).send({ receivedAt }).expect(200);
    return id;
  }
  const match = (batchId: string, projectId: string, amount: string) =>
    stack.http().post(`/batches/${batchId}/allocations/${COUNTY}/matches`).set(county).send({ projectId, amount }).expect(201);
  let household = 0;
  const pay = (projectId: string, amount: string, paidAt: string) =>
    stack
      .http()
      .post(`/projects/${projectId}/payments`)
      .set(finance)
      .send({ kind: 'household', amount, paidAt, households: [{ householdId: `YB-${++household}`, name: '张三', account: '6228480000000000001', item: '庭院经济奖补', amount }] })
      .expect(201);

  beforeAll(async () => {
    stack = await startTestStack();
    [admin, county, finance] = await Promise.all(['admin', 'county1', 'finance1'].map((n) => login(stack, n)));
    const province = await batch('province', '1000000.00', `${YEAR}-02-10`);
    const countyBatch = await batch('county', '600000.00', `${YEAR}-05-20`);
    await batch('city', '400000.00', null);
    [greenhouse, road] = (
      await Promise.all([
        libraryProject(stack, '140602205938', { name: `蔬菜大棚-${randomUUID().slice(0, 6)}`, totalBudget: '800000.00', fundingSources: [{ source: '省级衔接资金', amount: '800000.00' }] }, '朔城区政府常务会议纪要〔2018〕3号'),
        libraryProject(stack, '140602205939', {
          name: `村内道路-${randomUUID().slice(0, 6)}`,
          type: 'infrastructure',
          totalBudget: '600000.00',
          fundingSources: [
            { source: '省级衔接资金', amount: '400000.00' },
            { source: '县级衔接资金', amount: '200000.00' },
          ],
        }),
      ])
    ).map((p) => p.id);
    await match(province, greenhouse, '600000.00');
    await match(province, road, '400000.00');
    await match(countyBatch, road, '200000.00');
    await pay(greenhouse, '100000.00', `${YEAR}-02-20`);
    await pay(greenhouse, '150000.00', `${YEAR}-03-15`);
    await pay(road, '50000.00', `${YEAR}-03-05`);
    // 380,000: the provincial money left on the road (350,000) is spent first, 30,000 spills into the county batch.
    await pay(road, '380000.00', `${YEAR}-06-10`);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const batchRow = (report: { batches: Array<{ docNumber: string }> }, level: keyof typeof docs) => report.batches.find((b) => b.docNumber === docs[level]);
  const projectRow = (report: { projects: Array<{ projectId: string }> }, id: string) => report.projects.find((p) => p.projectId === id);

  it('in March: per batch and project, paid this month and to date against 3/12', async () => {
    const report = (await stack.http().get(path(`${YEAR}-03`)).set(county).expect(200)).body;
    expect(report).toMatchObject({ countyCode: COUNTY, countyName: '朔城区', month: '2018-03', year: YEAR, expectedPace: '0.2500', expectedPaceText: '25.0%' });
    expect(report.batches).toHaveLength(3);
    expect(batchRow(report, 'province')).toMatchObject({
      levelLabel: '省级',
      received: '1000000.00',
      receivedDate: '2018-02-10',
      matched: '1000000.00',
      paidThisMonth: '200000.00',
      paidToDate: '300000.00',
      executionRate: '0.3000',
      executionRateText: '30.0%',
      pace: 'on_pace',
    });
    // Received in May: nothing to measure in March.
    expect(batchRow(report, 'county')).toMatchObject({ allocated: '600000.00', received: '0.00', receivedDate: null, matched: '200000.00', paidToDate: '0.00', executionRate: null, pace: 'no_money' });
    expect(batchRow(report, 'city')).toMatchObject({ received: '0.00', matched: '0.00', pace: 'no_money' });
    expect(projectRow(report, greenhouse)).toMatchObject({ typeLabel: '产业发展', matched: '600000.00', paidThisMonth: '150000.00', paidToDate: '250000.00', executionRate: '0.4166', pace: 'on_pace' });
    // 50,000 of 600,000 is 8.3%, under half of 25%.
    expect(projectRow(report, road)).toMatchObject({ matched: '600000.00', paidThisMonth: '50000.00', paidToDate: '50000.00', executionRate: '0.0833', pace: 'far_behind', paceLabel: '严重落后' });
    expect(report.totals).toMatchObject({ received: '1000000.00', matched: '1200000.00', paidThisMonth: '200000.00', paidToDate: '300000.00', executionRate: '0.3000', pace: 'on_pace', batchesBehind: 0, projectsBehind: 1 });
    expect(report.basis.join('')).toContain('月份 ÷ 12');
  });

  it('in June: payments traced to the money they spent, the county batch far behind', async () => {
    const report = (await stack.http().get(path(`${YEAR}-06`)).set(county).expect(200)).body;
    expect(report.expectedPace).toBe('0.5000');
    expect(batchRow(report, 'province')).toMatchObject({ paidThisMonth: '350000.00', paidToDate: '650000.00', executionRate: '0.6500', pace: 'on_pace' });
    expect(batchRow(report, 'county')).toMatchObject({ received: '600000.00', receivedDate: '2018-05-20', paidThisMonth: '30000.00', paidToDate: '30000.00', executionRate: '0.0500', pace: 'far_behind' });
    expect(projectRow(report, greenhouse)).toMatchObject({ paidThisMonth: '0.00', paidToDate: '250000.00', pace: 'behind', paceLabel: '落后于序时进度' });
    expect(projectRow(report, road)).toMatchObject({ paidThisMonth: '380000.00', paidToDate: '430000.00', executionRate: '0.7166', pace: 'on_pace' });
    expect(report.totals).toMatchObject({ received: '1600000.00', paidThisMonth: '380000.00', paidToDate: '680000.00', executionRate: '0.4250', pace: 'behind', batchesBehind: 1, projectsBehind: 1 });
  });

  it('is read inside the region only, and refuses a malformed county or month in Chinese', async () => {
    const monitor = await login(stack, 'monitor1');
    expect((await stack.http().get(path(`${YEAR}-06`)).set(monitor).expect(200)).body.totals.paidToDate).toBe('680000.00');
    await stack.http().get(path(`${YEAR}-06`)).set(finance).expect(200);
    await stack.http().get(path(`${YEAR}-06`)).set(await login(stack, 'village1')).expect(403);
    await stack.http().get(`/reports/monthly/140603000000/${YEAR}-06`).set(county).expect(404);
    await stack.http().get(`/reports/monthly/140603000000/${YEAR}-06`).set(monitor).expect(200);
    for (const bad of [`/reports/monthly/140602205000/${YEAR}-06`, path(`${YEAR}-13`), path(`${YEAR}-00`), path(`${YEAR}-6`), path('201806')]) {
      const res = await stack.http().get(bad).set(county).expect(400);
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    await stack.http().get(`${path(`${YEAR}-06`)}?format=pdf`).set(county).expect(400);
  });

  it('exports Excel and Word files whose figures are the report’s', async () => {
    const xlsx = await stack.http().get(`${path(`${YEAR}-06`)}?format=xlsx`).set(county).buffer(true).parse(binary).expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toContain(encodeURIComponent('朔城区2018年6月衔接资金支出情况报表.xlsx'));
    const book = new Workbook();
    await book.xlsx.load(xlsx.body as ArrayBuffer);
    const batches = book.getWorksheet('分批次')!;
    const rows = new Map<string, unknown[]>();
    batches.eachRow((row, n) => {
      if (n > 1) rows.set(String(row.getCell(1).value), Array.from({ length: 11 }, (_, i) => row.getCell(i + 1).value));
    });
    expect(rows.get(docs.county)).toEqual([docs.county, `${YEAR}年衔接资金`, '县级', 600000, 600000, '2018-05-20', 200000, 30000, 30000, 0.05, '严重落后']);
    expect(rows.get('合计')?.slice(4, 11)).toEqual([1600000, null, 1200000, 380000, 680000, 0.425, '落后于序时进度']);
    const projects = book.getWorksheet('分项目')!;
    const paid: number[] = [];
    projects.eachRow((row, n) => {
      if (n > 1) paid.push(row.getCell(6).value as number);
    });
    expect(paid.sort((a, b) => a - b)).toEqual([250000, 430000]);
    // 说明 says when it was made in Beijing time, as the county office reads a clock.
    expect(String(book.getWorksheet('说明')!.getRow(2).getCell(1).value)).toMatch(/；生成时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    const docx = await stack.http().get(`${path(`${YEAR}-06`)}?format=docx`).set(county).buffer(true).parse(binary).expect(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(docx.body as Buffer)).file('word/document.xml')!.async('string');
    const words = xml.replace(/<[^>]+>/g, '');
    expect(words).toContain('朔城区2018年6月衔接资金支出情况报表');
    expect(words).toContain('累计支出680,000.00元，执行率42.5%，序时进度50.0%（落后于序时进度）');
    expect(words).toContain(docs.county);
    // The tables' amounts grouped as on screen: the county batch's 600,000.00 allocated and received.
    expect(words).toContain('600,000.00600,000.00');
    expect(words).toContain('严重落后');
  });
});
