import { randomUUID } from 'node:crypto';
import { Workbook } from 'exceljs';
import JSZip from 'jszip';
import { binary, type Headers } from './support/fixtures';
import { libraryProject } from './support/library-project';
import { login, startTestStack, type TestStack } from './support/test-stack';

/**
 * The Xiangyuan 2024 self-evaluation's own figures, replayed into the demo county under a year no
 * other test uses: 2,380万元 of county money the year before, 2,460万元 this year (growth 3.4%),
 * 662.874万元 provincial in three batches of which 563.504288万元 went to industry. The report printed
 * 90.5% for that share; the ledger says 85.0%, and the report must say so whatever is typed.
 */
const COUNTY = '140602000000';
const YEAR = 2020;
const path = `/reports/self-evaluation/${COUNTY}/${YEAR}`;

describe('self-evaluation report from the records', () => {
  let stack: TestStack;
  let admin: Headers;
  let county: Headers;

  async function batch(level: string, year: number, batchNo: number, amount: string): Promise<string> {
    const res = await stack
      .http()
      .post('/batches')
      .set(admin)
      .send({ docNumber: `自评测试-${level}-${year}-${batchNo}-${randomUUID().slice(0, 8)}`, title: `${year}年衔接资金（第${batchNo}批）`, level, year, batchNo, issuedAt: `${year}-03-0${batchNo}`, allocations: [{ regionCode: COUNTY, amount }] })
      .expect(201);
    return res.body.id as string;
  }

  const receive = (batchId: string) =>
    stack.http().post(`/batches/${batchId}/allocations/${COUNTY}/receipt`).set(county).send({ receivedAt: new Date().toISOString() }).expect(200);
  const match = (batchId: string, projectId: string, amount: string) =>
    stack.http().post(`/batches/${batchId}/allocations/${COUNTY}/matches`).set(county).send({ projectId, amount }).expect(201);

  beforeAll(async () => {
    stack = await startTestStack();
    [admin, county] = await Promise.all([login(stack, 'admin'), login(stack, 'county1')]);

    await batch('county', YEAR - 1, 1, '23800000.00');
    await receive(await batch('county', YEAR, 1, '24600000.00'));
    const provincial = [await batch('province', YEAR, 1, '3000000.00'), await batch('province', YEAR, 2, '2000000.00'), await batch('province', YEAR, 3, '1628740.00')];
    for (const id of provincial) await receive(id);

    const industry = await libraryProject(stack, '140602205935', { totalBudget: '5635042.88', fundingSources: [{ source: '省级衔接资金', amount: '5635042.88' }] }, '朔城区政府常务会议纪要〔2020〕5号');
    const road = await libraryProject(stack, '140602205936', {
      type: 'infrastructure',
      name: `村内道路硬化-${randomUUID().slice(0, 6)}`,
      content: '硬化村内道路 1.2 公里',
      totalBudget: '993697.12',
      fundingSources: [{ source: '省级衔接资金', amount: '993697.12' }],
    });
    await match(provincial[0], industry.id, '3000000.00');
    await match(provincial[1], industry.id, '2000000.00');
    await match(provincial[2], industry.id, '635042.88');
    await match(provincial[2], road.id, '993697.12');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const figure = (report: { sections: Array<{ figures: Array<{ key: string; value: string | null; text: string }> }> }, key: string) =>
    report.sections.flatMap((s) => s.figures).find((f) => f.key === key)!;

  it('computes each figure from the ledger, with how it was computed', async () => {
    const report = (await stack.http().get(path).set(county).expect(200)).body;
    expect(report).toMatchObject({ countyCode: COUNTY, countyName: '朔城区', year: YEAR, claims: [], mismatches: 0 });
    expect(figure(report, 'countyArranged')).toMatchObject({ value: '24600000.00', text: '2460万元' });
    expect(figure(report, 'countyArrangedLastYear')).toMatchObject({ value: '23800000.00', text: '2380万元' });
    expect(figure(report, 'countyGrowth')).toMatchObject({ value: '0.0336', text: '3.4%' });
    expect(figure(report, 'received')).toMatchObject({ value: '31228740.00', text: '3122.874万元' });
    expect(figure(report, 'provincialReceived')).toMatchObject({ text: '662.874万元' });
    expect(figure(report, 'provincialIndustry')).toMatchObject({ value: '5635042.88', text: '563.504288万元' });
    expect(figure(report, 'provincialIndustryShare')).toMatchObject({ value: '0.8500', text: '85.0%' });
    expect(figure(report, 'provincialIndustryShareLastYear')).toMatchObject({ value: null, text: '—' });
    expect(figure(report, 'industryShareMin').text).toMatch(/%$/);
    // All four allocations of the year were received today and the provincial ones matched in full at once.
    expect(figure(report, 'allocationsReceived').value).toBe('4');
    expect(figure(report, 'matchedOnTime').value).toBe('3');
    expect(report.matching).toHaveLength(4);
    expect(report.matching.filter((m: { outcome: string }) => m.outcome === 'on_time')).toHaveLength(3);
    expect(report.matching.find((m: { level: string }) => m.level === 'county')).toMatchObject({ outcome: 'pending', matchedDate: null, daysTaken: null });
    const funding = report.sections.find((s: { key: string }) => s.key === 'funding');
    expect(funding.text).toContain('县级安排衔接推进乡村振兴补助资金2460万元，较上年安排的2380万元增长3.4%');
    expect(funding.figures.every((f: { basis: string }) => f.basis.length > 0)).toBe(true);
  });

  it('keeps the county’s wording, fills the figures into it, and flags a typed share the ledger does not support', async () => {
    const saved = (
      await stack
        .http()
        .put(path)
        .set(county)
        .send({
          text: { effect: '全年省级衔接资金用于产业发展{{provincialIndustry}}，占比{{provincialIndustryShare}}。' },
          claimed: { provincialIndustryShare: '90.5%', countyGrowth: '3.4%', received: '3122.874万元' },
        })
        .expect(200)
    ).body;
    expect(saved.sections.find((s: { key: string }) => s.key === 'effect')).toMatchObject({
      template: '全年省级衔接资金用于产业发展{{provincialIndustry}}，占比{{provincialIndustryShare}}。',
      text: '全年省级衔接资金用于产业发展563.504288万元，占比85.0%。',
    });
    expect(saved.mismatches).toBe(1);
    expect(saved.claims).toEqual(
      expect.arrayContaining([
        { key: 'provincialIndustryShare', label: '省级衔接资金用于产业比例', claimed: '90.5%', actual: '85.0%', difference: '5.49 个百分点', ok: false, problem: null },
        expect.objectContaining({ key: 'countyGrowth', ok: true }),
        expect.objectContaining({ key: 'received', ok: true, difference: '0.00' }),
      ]),
    );
    expect(saved.savedBy).toBeTruthy();

    // Read again: the wording and the typed figures are kept; an empty string withdraws a typed figure.
    const again = (await stack.http().put(path).set(county).send({ claimed: { countyGrowth: '' } }).expect(200)).body;
    expect(again.claims.map((c: { key: string }) => c.key).sort()).toEqual(['provincialIndustryShare', 'received']);
    expect(again.sections.find((s: { key: string }) => s.key === 'effect').text).toContain('占比85.0%');
  });

  it('refuses what it cannot keep, with the field named, and changes nothing', async () => {
    const before = (await stack.http().get(path).set(county).expect(200)).body;
    const unknown = await stack.http().put(path).set(county).send({ text: { funding: '到位{{fundsMagic}}' } }).expect(400);
    expect(unknown.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'text.funding', messages: [expect.stringContaining('fundsMagic')] }] });
    const badClaim = await stack.http().put(path).set(county).send({ claimed: { received: '很多' } }).expect(400);
    expect(badClaim.body.details[0].field).toBe('claimed.received');
    await stack.http().put(path).set(county).send({ claimed: { madeUp: '1' } }).expect(400);
    await stack.http().get(`/reports/self-evaluation/${COUNTY}/2001`).set(county).expect(200);
    await stack.http().get(`/reports/self-evaluation/140602205000/${YEAR}`).set(county).expect(400);
    await stack.http().get(`${path}?format=pdf`).set(county).expect(400);
    const after = (await stack.http().get(path).set(county).expect(200)).body;
    expect(after.claims).toEqual(before.claims);
    expect(after.sections.map((s: { template: string }) => s.template)).toEqual(before.sections.map((s: { template: string }) => s.template));
  });

  it('is the county’s own: monitors above read it, another county’s is not found, other roles may not edit', async () => {
    const monitor = await login(stack, 'monitor1');
    expect((await stack.http().get(path).set(monitor).expect(200)).body.mismatches).toBe(1);
    await stack.http().put(path).set(monitor).send({ claimed: {} }).expect(403);
    await stack.http().get(path).set(await login(stack, 'village1')).expect(403);
    // 平鲁区, a county of the same city: outside county1's region.
    await stack.http().get(`/reports/self-evaluation/140603000000/${YEAR}`).set(county).expect(404);
    await stack.http().get(`/reports/self-evaluation/140603000000/${YEAR}`).set(monitor).expect(200);
  });

  it('exports Word and Excel files whose figures are the ledger’s', async () => {
    const docx = await stack.http().get(`${path}?format=docx`).set(county).buffer(true).parse(binary).expect(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.headers['content-disposition']).toContain(encodeURIComponent('朔城区2020年度绩效自评报告.docx'));
    const xml = await (await JSZip.loadAsync(docx.body as Buffer)).file('word/document.xml')!.async('string');
    const words = xml.replace(/<[^>]+>/g, '');
    expect(words).toContain('朔城区2020年度衔接推进乡村振兴补助资金绩效自评报告');
    expect(words).toContain('增长3.4%');
    expect(words).toContain('占比85.0%');
    expect(words).toContain('填报数与账面数核对');
    expect(words).toContain('90.5%');
    // 附表一's amounts grouped as on screen.
    expect(words).toContain('24,600,000.00');

    const xlsx = await stack.http().get(`${path}?format=xlsx`).set(county).buffer(true).parse(binary).expect(200);
    const book = new Workbook();
    await book.xlsx.load(xlsx.body as ArrayBuffer);
    const figures = book.getWorksheet('指标')!;
    const byKey = new Map<string, unknown[]>();
    figures.eachRow((row, n) => {
      if (n > 1) byKey.set(String(row.getCell(3).value), [row.getCell(4).value, row.getCell(5).value]);
    });
    expect(byKey.get('received')).toEqual([31228740, '3122.874万元']);
    expect(byKey.get('provincialIndustryShare')).toEqual([0.85, '85.0%']);
    const claims = book.getWorksheet('核对')!;
    const flagged: string[] = [];
    claims.eachRow((row, n) => {
      if (n > 1 && row.getCell(5).value === '不一致') flagged.push(String(row.getCell(1).value));
    });
    expect(flagged).toEqual(['省级衔接资金用于产业比例']);
    expect(book.getWorksheet('资金匹配时效')!.rowCount).toBe(5);
  });
});
