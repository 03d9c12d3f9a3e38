import { randomInt, randomUUID } from 'node:crypto';
import { Workbook } from 'exceljs';
import { calendarDayDeadline } from '../libs/domain/src/calendar';
import { DAY_MS } from '../libs/domain/src/shanghai-time';
import { effectivePolicy } from '../libs/persistence/src/policies/policy-store';
import { effectivePolicies } from '../apps/api/src/monitor/county-policies';
import { compareMatching, type MatchingOrderKey } from '../apps/api/src/monitor/monitor-rules';
import { binary, type Headers } from './support/fixtures';
import { login, startTestStack, type TestStack } from './support/test-stack';

const SHUOCHENG = '140602000000';
const PINGLU = '140603000000';
/** 右玉县: no other test file touches it, so its per-county aggregates are ours alone. */
const YOUYU = '140623000000';
const YOUYU_VILLAGE = '140623999901';
/** 太原市阳曲县: another city, never visible to 朔州市's monitor. */
const YANGQU = '140122000000';

type Row = Record<string, unknown>;

describe('monitoring: the 15-day matching board and the county figures', () => {
  let stack: TestStack;
  let u: Record<'monitor1' | 'county1' | 'finance1' | 'village1' | 'admin', Headers>;
  const run = randomUUID().slice(0, 8);
  // Years no other test uses, so year-filtered lists hold only our rows.
  const YM = randomInt(2050, 2074);
  const YA = randomInt(2076, 2100);
  const now = Date.now();
  const batch: Record<string, string> = {};
  const project: Record<string, string> = {};
  let adminId: string;

  const get = (path: string, who: Headers) => stack.http().get(path).set(who);

  async function insertBatch(key: string, year: number, level = 'province'): Promise<string> {
    const id = randomUUID();
    await stack.db.query(
      `INSERT INTO fund_batches (id, doc_number, title, level, year, batch_no, issued_at, issuer_region_code, total_fen, created_by)
       VALUES ($1, $2, $3, $4, $5, 1, $6, '140000000000', 0, $7)`,
      [id, `监测测试〔${year}〕${key}号-${run}`, `${year}年监测测试批次 ${key}`, level, year, `${year}-03-01`, adminId],
    );
    batch[key] = id;
    return id;
  }

  /** receivedDaysAgo: null = not yet received; the deadline is 15 calendar days from receipt, as the workflow sets it. */
  async function insertAllocation(
    batchId: string,
    county: string,
    amountFen: bigint,
    receivedDaysAgo: number | null,
    matchedFen = 0n,
  ): Promise<string> {
    const id = randomUUID();
    const received = receivedDaysAgo === null ? null : new Date(now - receivedDaysAgo * DAY_MS);
    const due = received ? calendarDayDeadline(received, 15) : null;
    const done = received && matchedFen === amountFen;
    await stack.db.query(
      `INSERT INTO allocations (id, batch_id, county_code, amount_fen, received_at, due_at, matching_deadline, matched_fen, status, done_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        batchId,
        county,
        amountFen.toString(),
        received,
        due,
        received ? 'P15D' : null,
        matchedFen.toString(),
        done ? 'done' : received ? 'received' : 'allocated',
        done ? received : null,
      ],
    );
    return id;
  }

  async function insertProject(key: string, type: string, libraryAt: string | null): Promise<string> {
    const id = randomUUID();
    await stack.db.query(
      `INSERT INTO projects (id, name, type, stage, village_code, county_code, department_code, place, content, total_budget_fen,
                             funding_sources, beneficiaries, farmer_link, created_by, state_version, library_at)
       VALUES ($1, $2, $3, 'implementation', $4, $5, 'agriculture', '右玉县监测测试村', '监测测试', 1000000000, '[]', '{}', '吸纳脱贫户务工', $6, 1, $7)`,
      [id, `监测测试项目${key}-${run}`, type, YOUYU_VILLAGE, YOUYU, adminId, libraryAt],
    );
    project[key] = id;
    return id;
  }

  async function insertMatch(allocationId: string, projectId: string, amountFen: bigint, removed = false): Promise<void> {
    await stack.db.query(
      `INSERT INTO fund_matches (id, allocation_id, project_id, amount_fen, created_at, created_by, removed_at, removed_by, removal_reason)
       VALUES ($1, $2, $3, $4, now(), 'test', $5, $6, $7)`,
      [
        randomUUID(),
        allocationId,
        projectId,
        amountFen.toString(),
        removed ? new Date() : null,
        removed ? 'test' : null,
        removed ? '项目调整' : null,
      ],
    );
  }

  async function insertPayment(projectId: string, amountFen: bigint, paidAt: string): Promise<void> {
    await stack.db.query(
      `INSERT INTO payments (id, project_id, kind, amount_fen, paid_at, created_at, created_by) VALUES ($1, $2, 'progress', $3, $4, now(), 'test')`,
      [randomUUID(), projectId, amountFen.toString(), paidAt],
    );
  }

  async function insertTask(projectId: string, seq: number, dueInDays: number, status: 'open' | 'done'): Promise<void> {
    await stack.db.query(
      `INSERT INTO tasks (project_id, opened_seq, role, region_code, action, stage, opened_at, due_at, status)
       VALUES ($1, $2, 'county', $3, 'review', 'county_review', now() - interval '20 days', $4, $5)`,
      [projectId, seq, YOUYU, new Date(now + dueInDays * DAY_MS), status],
    );
  }

  beforeAll(async () => {
    stack = await startTestStack();
    const names = ['monitor1', 'county1', 'finance1', 'village1', 'admin'] as const;
    u = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await login(stack, n)]))) as typeof u;
    [{ id: adminId }] = await stack.db.query(`SELECT id FROM users WHERE username = 'admin'`);

    // The matching board, year YM: one of each status in 朔城区, plus 平鲁区 (same city) and 阳曲县 (another city).
    await insertBatch('B1', YM);
    await insertAllocation(batch.B1, SHUOCHENG, 100_000_000n, 21, 20_000_000n); // overdue 6 days
    await insertAllocation(batch.B1, PINGLU, 40_000_000n, 5); // on track, 10 days left
    await insertAllocation(batch.B1, YANGQU, 90_000_000n, 30); // overdue, another city
    await insertAllocation(await insertBatch('B2', YM), SHUOCHENG, 50_000_000n, 17); // overdue 2 days
    await insertAllocation(await insertBatch('B3', YM, 'city'), SHUOCHENG, 80_000_000n, 12, 10_000_000n); // due soon: 3 days left
    await insertAllocation(await insertBatch('B4', YM, 'central'), SHUOCHENG, 30_000_000n, 3); // on track: 12 days left
    await insertAllocation(await insertBatch('B5', YM), SHUOCHENG, 25_000_000n, 20, 25_000_000n); // done (after its deadline)
    await insertAllocation(await insertBatch('B6', YM), SHUOCHENG, 60_000_000n, null); // not received

    // 右玉县, years YA-1 and YA: its own policy, projects, matches, payments, library entries and tasks.
    await stack
      .http()
      .put(`/policies/${YOUYU}`)
      .set(u.admin)
      .send({ industryShareMin: '0.70', matchingWarnings: ['P3D', 'P10D'] })
      .expect(200);
    await stack.db.query(
      `INSERT INTO regions (code, name, level, parent_code) VALUES ($1, '监测测试村', 'village', $2) ON CONFLICT (code) DO NOTHING`,
      [YOUYU_VILLAGE, YOUYU],
    );
    // Library entry at 00:30 on 1 January Shanghai time is still the previous year in UTC: it must count for YA.
    await insertProject('A', 'industry', `${YA}-01-01T00:30:00+08:00`);
    await insertProject('B', 'infrastructure', `${YA}-06-01T10:00:00+08:00`);
    await insertProject('C', 'industry', `${YA - 1}-12-31T23:30:00+08:00`);
    await insertProject('D', 'other', null);

    const p = await insertAllocation(await insertBatch('P', YA - 1), YOUYU, 100_000_000n, 400, 100_000_000n);
    await insertMatch(p, project.A, 80_000_000n);
    await insertMatch(p, project.B, 20_000_000n);
    const q = await insertAllocation(await insertBatch('Q', YA), YOUYU, 300_000_001n, 30, 200_000_000n);
    await insertMatch(q, project.A, 150_000_000n);
    await insertMatch(q, project.B, 50_000_000n);
    await insertMatch(q, project.A, 10_000_000n, true); // withdrawn: never counts
    await insertAllocation(await insertBatch('R', YA), YOUYU, 50_000_000n, null);
    await insertAllocation(await insertBatch('S', YA), YOUYU, 70_000_000n, 7); // 8 days left: due soon under 右玉县's P10D

    await insertPayment(project.A, 100_000_000n, `${YA}-03-01`);
    await insertPayment(project.A, 23_456_789n, `${YA}-06-30`);
    await insertPayment(project.B, 10_000_000n, `${YA}-12-31`);
    await insertPayment(project.B, 5_000_000n, `${YA + 1}-01-01`);
    await insertPayment(project.A, 1_000_000n, `${YA - 1}-12-31`);

    await insertTask(project.A, 1, -2, 'open'); // overdue
    await insertTask(project.A, 2, 4, 'open'); // not yet due
    await insertTask(project.A, 3, -5, 'done'); // handled
    await insertTask(project.D, 1, -1, 'open'); // overdue
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const ours = (items: Row[]) => items.filter((i) => Object.values(batch).includes(i.batchId as string));
  const orderKey = (i: Row): MatchingOrderKey => ({
    status: i.status as MatchingOrderKey['status'],
    dueAt: i.dueAt ? new Date(i.dueAt as string) : null,
    issuedAt: i.issuedAt as string,
    countyCode: i.countyCode as string,
    docNumber: i.docNumber as string,
  });

  describe('GET /monitor/matching', () => {
    it('shows the city monitor every status, most urgent first, with days left on the Shanghai calendar', async () => {
      const body = (await get(`/monitor/matching?year=${YM}&pageSize=200`, u.monitor1).expect(200)).body;
      expect(body).toMatchObject({ page: 1, pageSize: 200 });
      const items = ours(body.items);
      expect(items.map((i) => [i.batchId, i.countyCode, i.status, i.daysLeft])).toEqual([
        [batch.B1, SHUOCHENG, 'overdue', -6],
        [batch.B2, SHUOCHENG, 'overdue', -2],
        [batch.B3, SHUOCHENG, 'due_soon', 3],
        [batch.B1, PINGLU, 'on_track', 10],
        [batch.B4, SHUOCHENG, 'on_track', 12],
        [batch.B6, SHUOCHENG, 'not_received', null],
        [batch.B5, SHUOCHENG, 'done', -5],
      ]);
      // The SQL order is the one the pure comparator describes.
      expect([...items].sort((a, b) => compareMatching(orderKey(a), orderKey(b)))).toEqual(items);
      expect(items[0]).toMatchObject({
        docNumber: `监测测试〔${YM}〕B1号-${run}`,
        title: `${YM}年监测测试批次 B1`,
        level: 'province',
        levelLabel: '省级',
        year: YM,
        countyName: '朔城区',
        allocated: '1000000.00',
        matched: '200000.00',
        unmatched: '800000.00',
        statusLabel: '已逾期',
      });
      expect(items[0].receivedAt).toEqual(new Date(now - 21 * DAY_MS).toISOString());
      expect(new Date(items[0].dueAt as string).getTime()).toBeLessThanOrEqual(now);
      expect(items[2]).toMatchObject({ allocated: '800000.00', matched: '100000.00', unmatched: '700000.00', statusLabel: '即将到期' });
      expect(items[5]).toMatchObject({ receivedAt: null, dueAt: null, dueDate: null, matched: '0.00', unmatched: '600000.00' });
      expect(items[6]).toMatchObject({ matched: '250000.00', unmatched: '0.00', statusLabel: '已完成' });
      expect(items.some((i) => i.countyCode === YANGQU)).toBe(false);
      expect(body.items.every((i: Row) => (i.countyCode as string).startsWith('1406'))).toBe(true);
    });

    it('keeps a county to itself and lets the admin see everywhere', async () => {
      const county = ours((await get(`/monitor/matching?year=${YM}&pageSize=200`, u.county1).expect(200)).body.items);
      expect(county.map((i) => i.countyCode)).toEqual(Array(6).fill(SHUOCHENG));
      const admin = ours((await get(`/monitor/matching?batchId=${batch.B1}`, u.admin).expect(200)).body.items);
      expect(admin.map((i) => [i.countyCode, i.status])).toEqual([
        [YANGQU, 'overdue'],
        [SHUOCHENG, 'overdue'],
        [PINGLU, 'on_track'],
      ]);
      const finance = (await get(`/monitor/matching?batchId=${batch.B1}`, u.finance1).expect(200)).body;
      expect(finance.items.map((i: Row) => i.countyCode)).toEqual([SHUOCHENG]);
    });

    it('filters by status, batch and county, and pages', async () => {
      const overdue = (await get(`/monitor/matching?year=${YM}&status=overdue`, u.monitor1).expect(200)).body;
      expect(ours(overdue.items).map((i) => i.batchId)).toEqual([batch.B1, batch.B2]);
      expect(overdue.items.every((i: Row) => i.status === 'overdue')).toBe(true);
      const pinglu = (await get(`/monitor/matching?batchId=${batch.B1}&countyCode=${PINGLU}`, u.monitor1).expect(200)).body;
      expect(pinglu).toMatchObject({ total: 1, items: [{ countyCode: PINGLU, countyName: '平鲁区' }] });

      const all = (await get(`/monitor/matching?year=${YM}&pageSize=200`, u.monitor1).expect(200)).body;
      const second = (await get(`/monitor/matching?year=${YM}&pageSize=2&page=2`, u.monitor1).expect(200)).body;
      expect(second).toMatchObject({ page: 2, pageSize: 2, total: all.total });
      expect(second.items).toEqual(all.items.slice(2, 4));
      const beyond = (await get(`/monitor/matching?year=${YM}&pageSize=200&page=50`, u.monitor1).expect(200)).body;
      expect(beyond).toMatchObject({ items: [], total: all.total });
    });

    it("reads the warning window from the county's own policy", async () => {
      const youyu = (await get(`/monitor/matching?batchId=${batch.S}`, u.monitor1).expect(200)).body.items;
      expect(youyu).toEqual([expect.objectContaining({ countyCode: YOUYU, status: 'due_soon', daysLeft: 8 })]);
      // The same bulk lookup agrees with the policy store's own answer.
      const codes = [YOUYU, SHUOCHENG, PINGLU];
      const bulk = await effectivePolicies(stack.db, codes);
      for (const code of codes) expect(bulk.get(code)).toEqual((await effectivePolicy(stack.db, code)).policy);
      expect(bulk.get(YOUYU)).toMatchObject({ industryShareMin: '0.70', matchingWarnings: ['P3D', 'P10D'] });
    });

    it('refuses regions outside the scope, bad filters and other roles', async () => {
      expect((await get(`/monitor/matching?countyCode=${YANGQU}`, u.monitor1).expect(404)).body.code).toBe('REGION_NOT_FOUND');
      expect((await get(`/monitor/matching?countyCode=${PINGLU}`, u.county1).expect(404)).body.code).toBe('REGION_NOT_FOUND');
      expect((await get('/monitor/matching?countyCode=140602205901', u.monitor1).expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await get('/monitor/matching?status=late', u.monitor1).expect(400)).body.message).toMatch(/status/);
      expect((await get('/monitor/matching?pageSize=201', u.monitor1).expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await get('/monitor/matching', u.village1).expect(403)).body.code).toBe('WRONG_ROLE');
      expect((await get('/monitor/counties', u.village1).expect(403)).body.code).toBe('WRONG_ROLE');
      await stack.http().get('/monitor/matching').expect(401);
    });
  });

  describe('GET /monitor/counties', () => {
    const youyuYA = {
      countyCode: YOUYU,
      countyName: '右玉县',
      year: YA,
      received: '3700000.01',
      matched: '2000000.00',
      unmatched: '1700000.01',
      paid: '1334567.89',
      executionRate: '0.3606',
      // The share is of the money issued (Q, R and S, received or not), not of the money matched.
      issued: '4200000.01',
      industryMatched: '1500000.00',
      industryShare: '0.3571',
      industryShareMin: '0.70',
      previousYearShare: '0.8000',
      industryShareRequired: '0.8000',
      industryShareOk: false,
      industryShareUnreachable: false,
      industryShares: expect.any(Array),
      overdueBatches: 1,
      overdueTasks: 2,
      libraryProjects: 2,
    };

    it('adds up one county to the fen, against its policy and last year', async () => {
      const body = (await get(`/monitor/counties?year=${YA}&countyCode=${YOUYU}`, u.monitor1).expect(200)).body;
      expect(body).toEqual({ items: [youyuYA], total: 1, page: 1, pageSize: 50 });
      const both = (await get(`/monitor/counties?countyCode=${YOUYU}&pageSize=200`, u.admin).expect(200)).body.items.filter(
        (i: Row) => i.year === YA || i.year === YA - 1,
      );
      expect(both).toEqual([
        youyuYA,
        {
          countyCode: YOUYU,
          countyName: '右玉县',
          year: YA - 1,
          received: '1000000.00',
          matched: '1000000.00',
          unmatched: '0.00',
          paid: '10000.00',
          executionRate: '0.0100',
          issued: '1000000.00',
          industryMatched: '800000.00',
          industryShare: '0.8000',
          industryShareMin: '0.70',
          previousYearShare: null,
          industryShareRequired: '0.70',
          industryShareOk: true,
          industryShareUnreachable: false,
          industryShares: expect.any(Array),
          overdueBatches: 0,
          overdueTasks: 2,
          libraryProjects: 1,
        },
      ]);
    });

    it('answers the share per fund level: issued, matched, industry, the most it can still reach, and the requirement with its source', async () => {
      const [row] = (await get(`/monitor/counties?year=${YA}&countyCode=${YOUYU}`, u.monitor1).expect(200)).body.items;
      const province = {
        level: 'province',
        levelLabel: '省级',
        issued: '4200000.01',
        matched: '2000000.00',
        unmatched: '2200000.01',
        industryMatched: '1500000.00',
        share: '0.3571',
        sharePercent: '35.7%',
        maxReachable: '0.8809',
        maxReachablePercent: '88.0%',
        previousYearShare: '0.8000',
        min: '0.70',
        minSource: YOUYU,
        minBasis: '各级资金',
        required: '0.8000',
        requiredPercent: '80.0%',
        requiredBy: 'previous_year',
        ok: false,
        reachable: true,
        status: 'below',
        statusLabel: '未达标',
        warning: '省级资金用于产业发展的占比为 35.7%，低于要求的 80.0%（不低于上年占比）；尚未匹配的资金全部用于产业项目时最高可达 88.0%',
      };
      // Every batch of 右玉县 is provincial: every level together is the provincial figure.
      expect(row.industryShares).toEqual([
        { ...province, level: 'all', levelLabel: '各级', warning: province.warning.replace('省级', '各级') },
        expect.objectContaining({ level: 'central', issued: '0.00', share: null, status: 'no_money', ok: true }),
        province,
        expect.objectContaining({ level: 'city', share: null, status: 'no_money' }),
        expect.objectContaining({ level: 'county', share: null, status: 'no_money' }),
      ]);
    });

    it("lists every county of the monitor's city for a year, most urgent first, and only the county's own for the county", async () => {
      const city = (await get(`/monitor/counties?year=${YA}`, u.monitor1).expect(200)).body;
      const codes = city.items.map((i: Row) => i.countyCode);
      expect([...codes].sort()).toEqual(['140602000000', '140603000000', '140621000000', '140622000000', '140623000000', '140681000000']);
      expect(city.items[0]).toEqual(youyuYA);
      expect(city.items.find((i: Row) => i.countyCode === '140622000000')).toMatchObject({
        received: '0.00',
        executionRate: null,
        overdueBatches: 0,
        libraryProjects: 0,
      });
      const county = (await get(`/monitor/counties?year=${YA}`, u.county1).expect(200)).body;
      expect(county.items.map((i: Row) => i.countyCode)).toEqual([SHUOCHENG]);
      expect((await get(`/monitor/counties?countyCode=${YANGQU}`, u.monitor1).expect(404)).body.code).toBe('REGION_NOT_FOUND');
    });

    it('moves a project counted in the library to its new year when it is approved into the library again', async () => {
      const libraryOf = async (y: number) =>
        (await get(`/monitor/counties?year=${y}&countyCode=${YOUYU}`, u.monitor1).expect(200)).body.items[0].libraryProjects;
      const reapprove = (at: string) => stack.db.query(`UPDATE projects SET library_at = $2 WHERE id = $1`, [project.C, at]);
      expect([await libraryOf(YA - 1), await libraryOf(YA)]).toEqual([1, 2]);
      await reapprove(`${YA}-03-01T09:00:00+08:00`);
      try {
        expect([await libraryOf(YA - 1), await libraryOf(YA)]).toEqual([0, 3]);
        // A write that leaves the moment as it was (the step writer sets it with every step) counts nothing.
        await reapprove(`${YA}-03-01T09:00:00+08:00`);
        expect(await libraryOf(YA)).toBe(3);
      } finally {
        await reapprove(`${YA - 1}-12-31T23:30:00+08:00`);
      }
      expect([await libraryOf(YA - 1), await libraryOf(YA)]).toEqual([1, 2]);
    });
  });

  describe('exports', () => {
    it('exports every matching row as CSV with a BOM and Chinese headers, ignoring the page', async () => {
      const json = (await get(`/monitor/matching?year=${YM}&pageSize=200`, u.monitor1).expect(200)).body;
      const response = await get(`/monitor/matching?year=${YM}&format=csv&pageSize=2`, u.monitor1).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="monitor-matching-\d{8}\.csv"; filename\*=UTF-8''/);
      const text = response.text;
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const lines = text.slice(1).trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        '文号,批次名称,资金级次,年度,县（区）代码,县（区）,分配金额（元）,到账日期,匹配截止日期,剩余天数,已匹配（元）,未匹配（元）,状态',
      );
      expect(lines).toHaveLength(json.total + 1);
      const first = lines.find((l) => l.startsWith(`监测测试〔${YM}〕B1号-${run},`) && l.includes(SHUOCHENG))!;
      expect(first.split(',')).toEqual([
        `监测测试〔${YM}〕B1号-${run}`,
        `${YM}年监测测试批次 B1`,
        '省级',
        String(YM),
        SHUOCHENG,
        '朔城区',
        '1000000.00',
        expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        '-6',
        '200000.00',
        '800000.00',
        '已逾期',
      ]);
    });

    it('exports the county figures as XLSX that reads back with exceljs', async () => {
      const response = await get(`/monitor/counties?year=${YA}&format=xlsx`, u.monitor1).buffer(true).parse(binary).expect(200);
      expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(response.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('县级资金监测-')}`);
      const workbook = new Workbook();
      await workbook.xlsx.load(response.body as ArrayBuffer);
      const sheet = workbook.getWorksheet('县级资金监测')!;
      expect(sheet.getCell('A1').value).toBe('县（区）代码');
      expect(sheet.getCell('D1').value).toBe('到账资金（元）');
      expect(sheet.rowCount).toBe(7);
      // Most urgent first: 右玉县 with its overdue batch.
      expect(sheet.getCell('A2').value).toBe(YOUYU);
      expect(sheet.getCell('B2').value).toBe('右玉县');
      expect(sheet.getCell('D2').value).toBe(3700000.01);
      expect(sheet.getCell('F2').value).toBe(1334567.89);
      expect(sheet.getCell('G2').value).toBe(0.3606);
      expect(sheet.getCell('L2').value).toBe('否');
      expect(sheet.getCell('M2').value).toBe(1);
      // The share per level follows, the money issued first.
      const headers = (sheet.getRow(1).values as unknown[]).slice(1);
      const cell = (header: string) => sheet.getRow(2).getCell(headers.indexOf(header) + 1).value;
      expect(cell('下达资金（元）')).toBe(4200000.01);
      expect(cell('最高可达占比')).toBe(0.8809);
      expect(cell('省级资金产业占比')).toBe('35.7%（要求 ≥ 80.0%，未达标）');
      expect(cell('市级资金产业占比')).toBeNull();
    });

    it('exports the matching board as XLSX too, and refuses any other format', async () => {
      const response = await get(`/monitor/matching?batchId=${batch.B3}&format=xlsx`, u.county1).buffer(true).parse(binary).expect(200);
      const workbook = new Workbook();
      await workbook.xlsx.load(response.body as ArrayBuffer);
      const sheet = workbook.getWorksheet('资金匹配监测')!;
      expect(sheet.getRow(2).getCell(1).value).toBe(`监测测试〔${YM}〕B3号-${run}`);
      expect(sheet.getRow(2).getCell(13).value).toBe('即将到期');
      for (const path of ['/monitor/matching?format=pdf', '/monitor/counties?format=pdf']) {
        const refused = await get(path, u.monitor1).expect(400);
        expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/format/) });
      }
    });
  });
});
