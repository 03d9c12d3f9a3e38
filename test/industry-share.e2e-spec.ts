import { randomUUID } from 'node:crypto';
import type { Headers } from './support/fixtures';
import { libraryProject } from './support/library-project';
import { login, startTestStack, type TestStack } from './support/test-stack';

/**
 * 产业发展资金占比 as the notices define it, driven through batches and matches over HTTP in 朔城区's
 * 2012 and 2013 money (years no other test gives it). The county's policy carries the two notices'
 * per-level minimums for 2013: provincial money 60% (Shanxi's provincial notice), city money 65%
 * (Shuocheng's city notice), each of the money issued to the county, and not below last year's share.
 */
const COUNTY = '140602000000';
const LAST = 2012;
const YEAR = 2013;
const RULES = [
  { level: 'province', year: YEAR, min: '0.60' },
  { level: 'city', year: YEAR, min: '0.65' },
];

interface LevelShare {
  level: string;
  share: string | null;
  required: string;
  status: string;
  [key: string]: unknown;
}

describe('industry share of the money issued, per fund level', () => {
  let stack: TestStack;
  let admin: Headers;
  let county: Headers;
  let monitor: Headers;
  let industry: string;
  let road: string;
  const batches: Record<string, string> = {};

  async function issue(key: string, level: string, year: number, amount: string): Promise<void> {
    const res = await stack
      .http()
      .post('/batches')
      .set(admin)
      .send({ docNumber: `产业占比测试〔${year}〕${key}-${randomUUID().slice(0, 8)}`, title: `${year}年${key}衔接资金`, level, year, batchNo: 1, issuedAt: `${year}-03-01`, allocations: [{ regionCode: COUNTY, amount }] })
      .expect(201);
    batches[key] = res.body.id as string;
  }
  const allocation = (key: string) => `/batches/${batches[key]}/allocations/${COUNTY}`;
  const receive = (key: string) => stack.http().post(`${allocation(key)}/receipt`).set(county).send({ receivedAt: new Date().toISOString() }).expect(200);
  const match = async (key: string, projectId: string, amount: string) =>
    (await stack.http().post(`${allocation(key)}/matches`).set(county).send({ projectId, amount }).expect(201)).body.industryShare;
  const row = async (year: number) => {
    const body = (await stack.http().get(`/monitor/counties?year=${year}&countyCode=${COUNTY}`).set(monitor).expect(200)).body;
    expect(body.items).toHaveLength(1);
    return body.items[0];
  };
  const level = (r: { industryShares: LevelShare[] }, name: string) => r.industryShares.find((s) => s.level === name)!;

  beforeAll(async () => {
    stack = await startTestStack();
    [admin, county, monitor] = await Promise.all([login(stack, 'admin'), login(stack, 'county1'), login(stack, 'monitor1')]);
    await stack.http().put(`/policies/${COUNTY}`).set(admin).send({ industryShareMinByLevel: RULES }).expect(200);
    industry = (
      await libraryProject(
        stack,
        '140602205950',
        { name: `肉牛养殖-${randomUUID().slice(0, 6)}`, totalBudget: '2600000.00', fundingSources: [{ source: '省市衔接资金', amount: '2600000.00' }] },
        '朔城区政府常务会议纪要〔2013〕3号',
      )
    ).id;
    road = (
      await libraryProject(stack, '140602205951', {
        type: 'infrastructure',
        name: `村内道路硬化-${randomUUID().slice(0, 6)}`,
        content: '硬化村内道路 0.8 公里',
        totalBudget: '700000.00',
        fundingSources: [{ source: '市级衔接资金', amount: '700000.00' }],
      })
    ).id;
    // 2012: 1,000,000 of city money, 700,000 of it to industry — 70%, the bar 2013's city money must clear.
    await issue('last-city', 'city', LAST, '1000000.00');
    await receive('last-city');
    await match('last-city', industry, '700000.00');
    await issue('province', 'province', YEAR, '1000000.00');
    await issue('city', 'city', YEAR, '2000000.00');
  });

  afterAll(async () => {
    if (stack) await stack.http().put(`/policies/${COUNTY}`).set(admin).send({ industryShareMinByLevel: null });
    await stack?.stop();
  });

  it('counts money issued but not yet received, so a county with its money unmatched does not pass', async () => {
    const r = await row(YEAR);
    expect(r).toMatchObject({ issued: '3000000.00', received: '0.00', industryShare: '0.0000', industryShareOk: false });
    expect(level(r, 'province')).toMatchObject({ issued: '1000000.00', unmatched: '1000000.00', share: '0.0000', maxReachable: '1.0000', min: '0.60', minSource: COUNTY, minBasis: '省级资金 2013 年', status: 'below' });
    expect(level(r, 'central')).toMatchObject({ issued: '0.00', share: null, status: 'no_money', statusLabel: '未下达资金', ok: true });
  });

  it('passes the provincial money at exactly the 60% minimum, answering the match with the monitor’s figure', async () => {
    await receive('province');
    const answer = await match('province', industry, '600000.00');
    expect(answer).toMatchObject({
      year: YEAR,
      level: 'province',
      levelLabel: '省级',
      issued: '1000000.00',
      matched: '600000.00',
      totalMatched: '600000.00',
      industryMatched: '600000.00',
      share: '0.6000',
      sharePercent: '60.0%',
      required: '0.60',
      requiredBy: 'policy',
      ok: true,
      status: 'met',
      warning: null,
    });
    const { year: _year, totalMatched: _total, ...same } = answer;
    expect(level(await row(YEAR), 'province')).toEqual(same);
  });

  it("raises the city bar to last year's 70%: all of the matched money on industry is not enough while money lies unmatched", async () => {
    await receive('city');
    const answer = await match('city', industry, '1300000.00');
    expect(answer).toMatchObject({
      level: 'city',
      issued: '2000000.00',
      matched: '1300000.00',
      industryMatched: '1300000.00',
      share: '0.6500',
      previousYearShare: '0.7000',
      min: '0.65',
      minBasis: '市级资金 2013 年',
      required: '0.7000',
      requiredPercent: '70.0%',
      requiredBy: 'previous_year',
      maxReachable: '1.0000',
      ok: false,
      reachable: true,
      status: 'below',
      warning: '市级资金用于产业发展的占比为 65.0%，低于要求的 70.0%（不低于上年占比）；尚未匹配的资金全部用于产业项目时最高可达 100.0%',
    });
    expect(level(await row(YEAR), 'city').warning).toBe(answer.warning);
  });

  it('tells the provincial and city shares apart, and every level together follows the single minimum', async () => {
    const r = await row(YEAR);
    expect(level(r, 'province')).toMatchObject({ share: '0.6000', ok: true });
    expect(level(r, 'city')).toMatchObject({ share: '0.6500', ok: false });
    // (600,000 + 1,300,000) ÷ 3,000,000, against 2012's 70% over every level.
    expect(level(r, 'all')).toMatchObject({ issued: '3000000.00', industryMatched: '1900000.00', share: '0.6333', min: '0.65', minBasis: '各级资金', required: '0.7000' });
    expect(r).toMatchObject({ industryMatched: '1900000.00', industryShare: '0.6333', industryShareRequired: '0.7000', previousYearShare: '0.7000', industryShareOk: false, industryShareUnreachable: false });
    expect(r.industryShares.map((s: LevelShare) => s.level)).toEqual(['all', 'central', 'province', 'city', 'county']);
  });

  it('flags the county red once the city money left cannot lift the share to the bar (已无法达到)', async () => {
    const answer = await match('city', road, '700000.00');
    expect(answer).toMatchObject({ share: '0.6500', maxReachable: '0.6500', reachable: false, status: 'unreachable', statusLabel: '已无法达到' });
    expect(answer.warning).toBe('市级资金用于产业发展的占比为 65.0%，尚未匹配的资金全部用于产业项目也最高只能达到 65.0%，已无法达到要求的 70.0%（不低于上年占比）');
    const r = await row(YEAR);
    expect(r.industryShareUnreachable).toBe(true);
    expect(level(r, 'city').status).toBe('unreachable');

    const csv = await stack.http().get(`/monitor/counties?year=${YEAR}&countyCode=${COUNTY}&format=csv`).set(monitor).expect(200);
    expect(csv.text).toContain('市级资金产业占比');
    expect(csv.text).toContain('65.0%（要求 ≥ 70.0%，已无法达到）');
    expect(csv.text).toContain('60.0%（要求 ≥ 60.0%，达标）');
  });

  it('states the same provincial share in the self-evaluation report', async () => {
    const report = (await stack.http().get(`/reports/self-evaluation/${COUNTY}/${YEAR}`).set(county).expect(200)).body;
    const figures = new Map(report.sections.flatMap((s: { figures: Array<{ key: string; value: string | null; text: string }> }) => s.figures).map((f: { key: string }) => [f.key, f]));
    expect(figures.get('provincialIndustryShare')).toMatchObject({ value: '0.6000', text: '60.0%' });
    expect(figures.get('industryShareMin')).toMatchObject({ text: '60.0%' });
  });

  it('refuses malformed per-level minimums with a Chinese message and changes nothing', async () => {
    const before = (await stack.http().get(`/policies/${COUNTY}`).set(admin).expect(200)).body;
    expect(before.policy.industryShareMinByLevel).toEqual(RULES);
    expect(before.sources.industryShareMinByLevel).toBe(COUNTY);
    for (const bad of [
      [{ level: 'township', min: '0.6' }],
      [{ level: 'city', year: 2013, min: '65%' }],
      [{ level: 'city', min: '0.6' }, { level: 'city', min: '0.7' }],
      '0.65',
    ]) {
      const res = await stack.http().put(`/policies/${COUNTY}`).set(admin).send({ industryShareMinByLevel: bad }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await stack.http().get(`/policies/${COUNTY}`).set(admin).expect(200)).body).toEqual(before);
  });
});

/**
 * The row the share was first questioned on (朔城区 2024 after `npm start` and the tests of the day):
 * received 39,228,740.00, matched 14,628,740.00, industry 13,635,042.88, then shown as 93.2% and
 * passing. Replayed here in 2011: Xiangyuan's figures (2,460万元 of county money left unmatched, 662.874万元
 * provincial in three batches, 563.504288万元 of it on industry) and 800万元 of city money all on industry.
 */
describe('the questioned 朔城区 row, by the notices’ definition', () => {
  const Y = 2011;
  let stack: TestStack;
  let admin: Headers;
  let county: Headers;

  async function issueAndReceive(level: string, batchNo: number, amount: string): Promise<string> {
    const res = await stack
      .http()
      .post('/batches')
      .set(admin)
      .send({ docNumber: `占比复核〔${Y}〕${level}${batchNo}-${randomUUID().slice(0, 8)}`, title: `${Y}年衔接资金`, level, year: Y, batchNo, issuedAt: `${Y}-03-0${batchNo}`, allocations: [{ regionCode: COUNTY, amount }] })
      .expect(201);
    const id = res.body.id as string;
    await stack.http().post(`/batches/${id}/allocations/${COUNTY}/receipt`).set(county).send({ receivedAt: new Date().toISOString() }).expect(200);
    return id;
  }
  const match = (batchId: string, projectId: string, amount: string) =>
    stack.http().post(`/batches/${batchId}/allocations/${COUNTY}/matches`).set(county).send({ projectId, amount }).expect(201);

  beforeAll(async () => {
    stack = await startTestStack();
    [admin, county] = await Promise.all([login(stack, 'admin'), login(stack, 'county1')]);
    const industry = (
      await libraryProject(
        stack,
        '140602205952',
        { name: `特色种植-${randomUUID().slice(0, 6)}`, totalBudget: '13635042.88', fundingSources: [{ source: '省市衔接资金', amount: '13635042.88' }] },
        '朔城区政府常务会议纪要〔2011〕2号',
      )
    ).id;
    const road = (
      await libraryProject(stack, '140602205953', {
        type: 'infrastructure',
        name: `村内道路硬化-${randomUUID().slice(0, 6)}`,
        content: '硬化村内道路 1.2 公里',
        totalBudget: '993697.12',
        fundingSources: [{ source: '省级衔接资金', amount: '993697.12' }],
      })
    ).id;
    await issueAndReceive('county', 1, '24600000.00');
    const provincial = [await issueAndReceive('province', 1, '3000000.00'), await issueAndReceive('province', 2, '2000000.00'), await issueAndReceive('province', 3, '1628740.00')];
    await match(provincial[0], industry, '3000000.00');
    await match(provincial[1], industry, '2000000.00');
    await match(provincial[2], industry, '635042.88');
    await match(provincial[2], road, '993697.12');
    await match(await issueAndReceive('city', 1, '8000000.00'), industry, '8000000.00');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('is 34.7% of the money issued, short of 65%, with 97.4% still within reach', async () => {
    const body = (await stack.http().get(`/monitor/counties?year=${Y}&countyCode=${COUNTY}`).set(await login(stack, 'monitor1')).expect(200)).body;
    const [row] = body.items;
    expect(row).toMatchObject({
      received: '39228740.00',
      matched: '14628740.00',
      issued: '39228740.00',
      industryMatched: '13635042.88',
      industryShare: '0.3475',
      industryShareRequired: '0.65',
      industryShareOk: false,
      industryShareUnreachable: false,
    });
    const byLevel = new Map(row.industryShares.map((s: LevelShare) => [s.level, [s.share, s.maxReachable, s.status]]));
    expect(Object.fromEntries(byLevel)).toEqual({
      all: ['0.3475', '0.9746', 'below'],
      central: [null, null, 'no_money'],
      province: ['0.8500', '0.8500', 'met'],
      city: ['1.0000', '1.0000', 'met'],
      county: ['0.0000', '1.0000', 'below'],
    });
  });
});
