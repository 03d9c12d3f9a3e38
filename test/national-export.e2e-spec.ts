import { randomUUID } from 'node:crypto';
import { Workbook, type Worksheet } from 'exceljs';
import { binary, ensureUser, waitForStage, type Headers } from './support/fixtures';
import { libraryProject } from './support/library-project';
import { login, startTestStack, type TestStack } from './support/test-stack';

/**
 * 全国防返贫监测信息系统 export of 朔城区: 2017 money (a year no other test uses) received, matched and paid
 * to households in a village of its own; and this year's publicity of a project in another village,
 * with an objection raised and dismissed.
 */
const COUNTY = '140602000000';
const YEAR = 2017;
const THIS_YEAR = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
const path = (year: number) => `/exports/national-monitoring/${COUNTY}/${year}`;

/** Each data row of a sheet keyed by its first cell, the cells read back as stored. */
function rowsOf(sheet: Worksheet): { headers: string[]; rows: Map<string, unknown[]> } {
  const width = sheet.getRow(1).cellCount;
  const read = (n: number) => Array.from({ length: width }, (_, i) => sheet.getRow(n).getCell(i + 1).value);
  const rows = new Map<string, unknown[]>();
  for (let n = 2; n <= sheet.rowCount; n++) rows.set(String(read(n)[0]), read(n));
  return { headers: read(1) as string[], rows };
}

describe('national monitoring export', () => {
  let stack: TestStack;
  let admin: Headers, county: Headers;
  let farm: string, posted: string;
  const provincialDoc = `国监导出-省级-${randomUUID().slice(0, 8)}`;
  const countyDoc = `国监导出-县级-${randomUUID().slice(0, 8)}`;

  async function batch(docNumber: string, level: string, amount: string): Promise<string> {
    const res = await stack
      .http()
      .post('/batches')
      .set(admin)
      .send({ docNumber, title: `${YEAR}年衔接资金`, level, year: YEAR, batchNo: 1, issuedAt: `${YEAR}-03-01`, allocations: [{ regionCode: COUNTY, amount }] })
      .expect(201);
    return res.body.id as string;
  }

  /** A project brought to publicity in a village whose publicity lasts long enough to object. */
  async function inPublicity(villageCode: string): Promise<string> {
    await stack.db.query(`INSERT INTO regions (code, name, level, parent_code) VALUES ($1, $2, 'village', '140602205000') ON CONFLICT DO NOTHING`, [villageCode, '测试村942']);
    await stack.http().put(`/policies/${villageCode}`).set(admin).send({ publicityPeriod: 'PT20S' }).expect(200);
    const village = await ensureUser(stack, { username: `village-${villageCode}`, role: 'village', regionCode: villageCode, displayName: '测试村942村委会' });
    const [township, department] = await Promise.all(['township1', 'department1'].map((n) => login(stack, n)));
    const id = (
      await stack
        .http()
        .post('/projects')
        .set(village)
        .send({
          name: `村级光伏-${randomUUID().slice(0, 6)}`,
          type: 'industry',
          villageCode,
          place: '贾庄乡',
          content: '村级光伏电站',
          totalBudget: '90000.00',
          fundingSources: [{ source: '市级衔接资金', amount: '90000.00' }],
          beneficiaries: { householdsLifted: 8, householdsMonitored: 1, people: 20 },
          farmerLink: '收益分红',
          departmentCode: 'agriculture',
        })
        .expect(201)
    ).body.id as string;
    await stack.http().post(`/projects/${id}/submit`).set(village).expect(200);
    await stack.http().post(`/projects/${id}/review`).set(township).send({ decision: 'approve' }).expect(200);
    await stack.http().post(`/projects/${id}/review`).set(department).send({ decision: 'approve' }).expect(200);
    await stack.http().post(`/projects/${id}/review`).set(county).send({ decision: 'approve' }).expect(200);
    await waitForStage(stack, id, county, 'publicity');
    return id;
  }

  beforeAll(async () => {
    stack = await startTestStack();
    [admin, county] = await Promise.all(['admin', 'county1'].map((n) => login(stack, n)));
    const provincial = await batch(provincialDoc, 'province', '1234567.89');
    await stack.http().post(`/batches/${provincial}/allocations/${COUNTY}/receipt`).set(county).send({ receivedAt: `${YEAR}-04-01` }).expect(200);
    await batch(countyDoc, 'county', '500000.00');
    const [funded, publicised] = await Promise.all([
      libraryProject(stack, '140602205941', {
        name: `肉牛养殖-${randomUUID().slice(0, 6)}`,
        totalBudget: '300000.00',
        fundingSources: [
          { source: '省级衔接资金', amount: '200000.00' },
          { source: '村集体自筹', amount: '100000.00' },
        ],
        beneficiaries: { householdsLifted: 12, householdsMonitored: 3, people: 45 },
      }),
      inPublicity('140602205942'),
    ]);
    farm = funded.id;
    posted = publicised;
    await stack.http().post(`/batches/${provincial}/allocations/${COUNTY}/matches`).set(county).send({ projectId: farm, amount: '200000.00' }).expect(201);
    await stack
      .http()
      .post(`/projects/${farm}/payments`)
      .set(await login(stack, 'finance1'))
      .send({ kind: 'household', amount: '12345.67', paidAt: `${YEAR}-05-06`, households: [{ householdId: 'GJ-001', name: '李四', account: '6228480000000000002', item: '肉牛养殖奖补', amount: '12345.67' }] })
      .expect(201);
    const objection = await stack.http().post(`/projects/${posted}/objections`).send({ name: '王五', contact: '13800000000', content: '选址离水源地太近' }).expect(201);
    await stack.http().post(`/projects/${posted}/objections/${objection.body.objectionId}/resolve`).set(county).send({ decision: 'dismiss', comment: '经核实距离符合要求' }).expect(200);
  });
  afterAll(async () => {
    await stack?.http().put('/policies/140602205942').set(admin).send({ publicityPeriod: null });
    await stack?.stop();
  });

  async function workbook(year: number, who: Headers = county): Promise<Workbook> {
    const res = await stack.http().get(path(year)).set(who).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(`national-monitoring-${COUNTY}-${year}.xlsx`);
    const book = new Workbook();
    await book.xlsx.load(res.body as ArrayBuffer);
    return book;
  }

  it('lists the year’s projects with budget by source, arrivals and payments in 元 and 万元 to the fen', async () => {
    const book = await workbook(YEAR);
    expect(book.worksheets.map((s) => s.name)).toEqual(['项目', '公示', '资金到账', '资金拨付']);

    const projects = rowsOf(book.getWorksheet('项目')!);
    expect(projects.headers).toEqual([
      '项目编号', '项目名称', '项目类型', '实施地点', '总投资（元）', '总投资（万元）', '省级衔接资金（元）', '村集体自筹（元）', '带动脱贫户', '带动监测户', '受益人数', '入库日期',
    ]);
    const row = projects.rows.get(farm)!;
    expect(row.slice(2)).toEqual(['产业发展', '贾庄乡', 300000, 30, 200000, 100000, 12, 3, 45, expect.stringMatching(new RegExp(`^${THIS_YEAR}-\\d{2}-\\d{2}$`))]);

    const arrivals = rowsOf(book.getWorksheet('资金到账')!);
    expect(arrivals.headers).toEqual(['文号', '批次名称', '资金级次', '到账金额（元）', '到账金额（万元）', '到账日期']);
    expect(arrivals.rows.get(provincialDoc)).toEqual([provincialDoc, `${YEAR}年衔接资金`, '省级', 1234567.89, 123.456789, '2017-04-01']);
    // Allocated but never received: not an arrival.
    expect(arrivals.rows.has(countyDoc)).toBe(false);

    const payments = rowsOf(book.getWorksheet('资金拨付')!);
    expect(payments.headers).toEqual(['项目编号', '项目名称', '拨付类型', '拨付金额（元）', '拨付金额（万元）', '拨付日期']);
    expect(payments.rows.get(farm)?.slice(2)).toEqual(['到户补助', 12345.67, 1.234567, '2017-05-06']);
    // Publicity began this year, not in 2017.
    expect(rowsOf(book.getWorksheet('公示')!).rows.has(farm)).toBe(false);
  });

  it('records this year’s publicity with its objections', async () => {
    const book = await workbook(THIS_YEAR, await login(stack, 'monitor1'));
    const publicity = rowsOf(book.getWorksheet('公示')!);
    expect(publicity.headers).toEqual(['项目编号', '项目名称', '公示开始日期', '公示结束日期', '收到异议（件）', '异议成立（件）', '异议不成立（件）']);
    const row = publicity.rows.get(posted)!;
    expect(row[2]).toMatch(new RegExp(`^${THIS_YEAR}-`));
    expect(row.slice(4)).toEqual([1, 0, 1]);
  });

  it('is read inside the region only and refuses a malformed county or year', async () => {
    await stack.http().get(path(YEAR)).set(await login(stack, 'village1')).expect(403);
    await stack.http().get(`/exports/national-monitoring/140603000000/${YEAR}`).set(county).expect(404);
    const bad = await stack.http().get(`/exports/national-monitoring/140602205000/${YEAR}`).set(county).expect(400);
    expect(bad.body.message).toContain('countyCode');
    await stack.http().get(`/exports/national-monitoring/${COUNTY}/1999`).set(county).expect(400);
  });
});
