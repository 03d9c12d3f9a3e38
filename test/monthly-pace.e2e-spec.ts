import { randomUUID } from 'node:crypto';
import { Workbook } from 'exceljs';
import { binary, ensureUser, type Headers } from './support/fixtures';
import { libraryProject } from './support/library-project';
import { login, startTestStack, type TestStack } from './support/test-stack';

/**
 * 朔州市 in 2015, a year no other test gives money: 朔城区 receives 1,000,000.00 provincial in
 * February, matched to a project of its own village and paid 200,000 in March and 150,000 in June
 * (35% against 6/12: behind); 平鲁区 receives 400,000.00 of county money in April and spends nothing
 * (far behind). The other counties of the city have no 2015 money at all.
 */
const CITY = '140600000000';
const SHUOCHENG = '140602000000';
const PINGLU = '140603000000';
const YEAR = 2015;
const path = (month: string, region = CITY) => `/reports/monthly-pace/${region}/${month}`;

describe('monthly pace of the counties for monitors', () => {
  let stack: TestStack;
  let admin: Headers, monitor: Headers, county: Headers;

  async function receivedBatch(level: string, countyCode: string, amount: string, receivedAt: string, receiver: Headers): Promise<string> {
    const res = await stack
      .http()
      .post('/batches')
      .set(admin)
      .send({ docNumber: `序时进度测试-${level}-${randomUUID().slice(0, 8)}`, title: `${YEAR}年衔接资金`, level, year: YEAR, batchNo: 1, issuedAt: `${YEAR}-01-20`, allocations: [{ regionCode: countyCode, amount }] })
      .expect(201);
    await stack.http().post(`/batches/${res.body.id}/allocations/${countyCode}/receipt`).set(receiver).send({ receivedAt }).expect(200);
    return res.body.id as string;
  }

  beforeAll(async () => {
    stack = await startTestStack();
    [admin, monitor, county] = await Promise.all(['admin', 'monitor1', 'county1'].map((n) => login(stack, n)));
    const finance = await login(stack, 'finance1');
    const pinglu = await ensureUser(stack, { username: 'county-pinglu-pace', role: 'county', regionCode: PINGLU, displayName: '平鲁区乡村振兴局（测试）' });
    const province = await receivedBatch('province', SHUOCHENG, '1000000.00', `${YEAR}-02-10`, county);
    await receivedBatch('county', PINGLU, '400000.00', `${YEAR}-04-01`, pinglu);
    const { id } = await libraryProject(stack, '140602205944', {
      name: `庭院经济到户奖补-${randomUUID().slice(0, 6)}`,
      type: 'livelihood',
      totalBudget: '1000000.00',
      fundingSources: [{ source: '省级衔接资金', amount: '1000000.00' }],
    });
    await stack.http().post(`/batches/${province}/allocations/${SHUOCHENG}/matches`).set(county).send({ projectId: id, amount: '1000000.00' }).expect(201);
    let household = 0;
    for (const [amount, paidAt] of [['200000.00', `${YEAR}-03-15`], ['150000.00', `${YEAR}-06-10`]]) {
      await stack
        .http()
        .post(`/projects/${id}/payments`)
        .set(finance)
        .send({ kind: 'household', amount, paidAt, households: [{ householdId: `PACE-${++household}`, name: '李四', account: '6228480000000000002', item: '庭院经济奖补', amount }] })
        .expect(201);
    }
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('lists the counties behind pace first, each as its own monthly report totals it', async () => {
    const report = (await stack.http().get(path(`${YEAR}-06`)).set(monitor).expect(200)).body;
    expect(report).toMatchObject({ regionCode: CITY, regionName: '朔州市', month: '2015-06', expectedPace: '0.5000', expectedPaceText: '50.0%', countiesBehind: 2 });
    const [first, second, ...rest] = report.counties;
    expect(first).toMatchObject({ countyCode: PINGLU, received: '400000.00', paidToDate: '0.00', executionRate: '0.0000', pace: 'far_behind', paceLabel: '严重落后', gapText: '50.00' });
    expect(second).toMatchObject({
      countyCode: SHUOCHENG,
      countyName: '朔城区',
      received: '1000000.00',
      matched: '1000000.00',
      paidThisMonth: '150000.00',
      paidToDate: '350000.00',
      executionRate: '0.3500',
      executionRateText: '35.0%',
      pace: 'behind',
      gapText: '15.00',
    });
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every((c: { pace: string; executionRate: string | null }) => c.pace === 'no_money' && c.executionRate === null)).toBe(true);

    // The same figures as 朔城区's own monthly report of the month.
    const monthly = (await stack.http().get(`/reports/monthly/${SHUOCHENG}/${YEAR}-06`).set(monitor).expect(200)).body;
    expect(second).toMatchObject({ received: monthly.totals.received, paidToDate: monthly.totals.paidToDate, executionRate: monthly.totals.executionRate, pace: monthly.totals.pace });
  });

  it('draws each county month by month against the expected line', async () => {
    const report = (await stack.http().get(path(`${YEAR}-06`)).set(monitor).expect(200)).body;
    const shuocheng = report.counties.find((c: { countyCode: string }) => c.countyCode === SHUOCHENG);
    expect(shuocheng.series.map((p: { month: string; executionRate: string | null; expectedPace: string }) => [p.month, p.executionRate, p.expectedPace])).toEqual([
      ['2015-01', null, '0.0833'],
      ['2015-02', '0.0000', '0.1666'],
      ['2015-03', '0.2000', '0.2500'],
      ['2015-04', '0.2000', '0.3333'],
      ['2015-05', '0.2000', '0.4166'],
      ['2015-06', '0.3500', '0.5000'],
    ]);
    // In March 朔城区 stood at 20% against 25% (behind, not far behind) and 平鲁区 had no money yet.
    const march = (await stack.http().get(path(`${YEAR}-03`)).set(monitor).expect(200)).body;
    expect(march.counties[0]).toMatchObject({ countyCode: SHUOCHENG, pace: 'behind', executionRate: '0.2000' });
    expect(march.counties.find((c: { countyCode: string }) => c.countyCode === PINGLU)).toMatchObject({ pace: 'no_money', received: '0.00' });
  });

  it('downloads the list as a workbook with the behind-pace counties first', async () => {
    const res = await stack.http().get(`${path(`${YEAR}-06`)}?format=xlsx`).set(monitor).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    const list = workbook.getWorksheet('各县一览')!;
    expect(list.getRow(2).getCell(1).value).toBe('平鲁区');
    expect(list.getRow(3).getCell(1).value).toBe('朔城区');
    expect(list.getRow(3).getCell(5).value).toBe(350000);
    expect(list.getRow(3).getCell(6).value).toBe(0.35);
    expect(list.getRow(3).getCell(9).value).toBe('落后于序时进度');
    const series = workbook.getWorksheet('逐月执行率')!;
    expect(series.getRow(1).values).toEqual([undefined, '县（市、区）', '2015-01', '2015-02', '2015-03', '2015-04', '2015-05', '2015-06']);
  });

  it('is read inside the region only, and refuses a malformed region or month in Chinese', async () => {
    // A county reads its own line; the city around it is outside its region.
    const own = (await stack.http().get(path(`${YEAR}-06`, SHUOCHENG)).set(county).expect(200)).body;
    expect(own.counties.map((c: { countyCode: string }) => c.countyCode)).toEqual([SHUOCHENG]);
    await stack.http().get(path(`${YEAR}-06`)).set(county).expect(404);
    await stack.http().get(path(`${YEAR}-06`, '140000000000')).set(monitor).expect(404);
    await stack.http().get(path(`${YEAR}-06`, '140602205000')).set(admin).expect(404);
    await stack.http().get(path(`${YEAR}-06`)).set(await login(stack, 'village1')).expect(403);
    for (const bad of [path(`${YEAR}-13`), path('2015-6'), path(`${YEAR}-06`, '1406')]) {
      const res = await stack.http().get(bad).set(monitor).expect(400);
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    await stack.http().get(`${path(`${YEAR}-06`)}?format=docx`).set(monitor).expect(400);
  });
});
