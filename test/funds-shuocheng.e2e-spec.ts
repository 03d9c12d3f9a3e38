import { randomUUID } from 'node:crypto';
import { ensureUser, inbox, type Headers } from './support/fixtures';
import { approveIntoLibrary } from './support/library-project';
import { login, startTestStack, type TestStack } from './support/test-stack';

/**
 * 朔城区 2024 第一批市级衔接资金 (seeds/shuocheng-2024-city-batch1-project-plan.txt): the batch is issued,
 * received, matched to its three industry projects (蔬菜大棚改造 160万, 小型农田水利 25万, 农灌机井 15万),
 * paid against progress with retention held, accepted, and paid out to the last fen.
 */
describe('Shuocheng 2024 city batch 1, end to end', () => {
  let stack: TestStack;
  let county: Headers, finance: Headers, admin: Headers, department: Headers, monitor: Headers;
  const suffix = randomUUID().slice(0, 6);
  const villages = [
    { code: '140602004901', township: '140602004000', name: '蔬菜大棚改造工程', unit: '朔州市朔城区青红绿农牧有限公司', wan: '160' },
    { code: '140602201901', township: '140602201000', name: '小型农田水利设施建设', unit: '朔州市朔城区兴张农牧有限公司', wan: '25' },
    { code: '140602100901', township: '140602100000', name: '农灌机井更新建设', unit: '朔州东榆林农业经济发展有限公司', wan: '15' },
  ];
  const yuan = (wan: string) => `${BigInt(wan) * 10000n}.00`;

  beforeAll(async () => {
    stack = await startTestStack();
    [county, finance, admin, department, monitor] = await Promise.all(['county1', 'finance1', 'admin', 'department1', 'monitor1'].map((n) => login(stack, n)));
    for (const v of villages) {
      // Short publicity and warranty for these three villages only, so the real timers run out within the test.
      await stack.http().put(`/policies/${v.code}`).set(admin).send({ publicityPeriod: 'PT2S', warrantyPeriod: 'PT3S' }).expect(200);
    }
  });
  afterAll(async () => {
    for (const v of villages) await stack?.http().put(`/policies/${v.code}`).set(admin).send({ publicityPeriod: null, warrantyPeriod: null });
    await stack?.stop();
  });

  async function libraryProject(v: (typeof villages)[number]) {
    const village = await ensureUser(stack, { username: `v-${v.code}`, role: 'village', regionCode: v.code, displayName: v.unit });
    const township = await ensureUser(stack, { username: `t-${v.township}`, role: 'township', regionCode: v.township, displayName: `乡镇-${v.township}` });
    const created = await stack
      .http()
      .post('/projects')
      .set(village)
      .send({
        name: `${v.name}-${suffix}`,
        type: 'industry',
        villageCode: v.code,
        place: v.name,
        content: `${v.name}（实施单位：${v.unit}）`,
        totalBudget: yuan(v.wan),
        fundingSources: [{ source: '2024年第一批市级衔接资金', amount: yuan(v.wan) }],
        beneficiaries: { householdsLifted: 10, householdsMonitored: 2, people: 30 },
        farmerLink: '务工带动、土地流转、收益分红',
        departmentCode: 'agriculture',
      })
      .expect(201);
    const id = created.body.id as string;
    await approveIntoLibrary(stack, id, { village, township, department, county }, '朔区脱贫巩固组〔2024〕2号');
    return { id, village };
  }

  it('issues, receives, matches, pays with retention and completes', async () => {
    const projects = await Promise.all(villages.map(libraryProject));
    const docNumber = `朔农发〔2024〕6号-${suffix}`;
    const batch = await stack
      .http()
      .post('/batches')
      .set(admin)
      .send({ docNumber, title: '关于下达2024年第一批市级衔接推进乡村振兴补助资金计划的通知', level: 'city', year: 2024, batchNo: 1, issuedAt: '2024-04-20', allocations: [{ regionCode: '140602000000', amount: '7495500.00' }] })
      .expect(201);
    const batchId = batch.body.id as string;
    const base = `/batches/${batchId}/allocations/140602000000`;

    // Matching before receipt is refused; receipt starts the clock (P15D by default: end of the 15th day in Shanghai).
    await stack.http().post(`${base}/matches`).set(county).send({ projectId: projects[0].id, amount: '1600000.00' }).expect(409);
    const received = await stack.http().post(`${base}/receipt`).set(county).send({ receivedAt: '2024-04-26' }).expect(200);
    expect(received.body.allocations[0]).toMatchObject({ receivedAt: '2024-04-25T16:00:00.000Z', dueAt: '2024-05-11T16:00:00.000Z', unmatched: '7495500.00' });
    // A receipt given as a day is on the ledger as that day.
    const [receipt] = await stack.db.query(`SELECT e.note FROM ledger_entries e JOIN allocations a ON a.id = e.allocation_id WHERE a.batch_id = $1 AND e.kind = 'receipt'`, [batchId]);
    expect(receipt.note).toBe('到账 2024-04-26');

    // Over-matching a project's budget is refused and writes nothing.
    const over = await stack.http().post(`${base}/matches`).set(county).send({ projectId: projects[0].id, amount: '1600000.01' }).expect(422);
    expect(over.body.message).toMatch(/批复预算/);
    const matches = [];
    // Other tests match 朔城区's 2024 money too, so the share is checked by how each industry match moves it.
    let industryBefore = 0n;
    for (const [i, v] of villages.entries()) {
      const m = await stack.http().post(`${base}/matches`).set(county).send({ projectId: projects[i].id, amount: yuan(v.wan) }).expect(201);
      matches.push(m.body.matchId as string);
      const share = m.body.industryShare;
      expect(share).toMatchObject({ year: 2024, required: '0.65' });
      expect(share.share).toMatch(/^[01]\.\d{4}$/);
      const industry = BigInt(share.industryMatched.replace('.', ''));
      if (i > 0) expect(industry - industryBefore).toBe(BigInt(yuan(v.wan).replace('.', '')));
      industryBefore = industry;
    }
    const afterMatching = (await stack.http().get(`/batches/${batchId}`).set(monitor).expect(200)).body;
    expect(afterMatching.allocations[0]).toMatchObject({ matched: '2000000.00', unmatched: '5495500.00' });

    // 蔬菜大棚: contract 1,550,000; progress payments capped at contract × progress × 97 %.
    const [greenhouse] = projects;
    const pay = (body: object) => stack.http().post(`/projects/${greenhouse.id}/payments`).set(finance).send(body);
    await stack.http().post(`/projects/${greenhouse.id}/procurement`).set(greenhouse.village).send({ method: '公开招标', winner: villages[0].unit, contractAmount: '1550000.00', contractDate: '2024-05-20' }).expect(200);
    await stack.http().post(`/projects/${greenhouse.id}/progress`).set(greenhouse.village).send({ percent: 50, note: '钢架完工', reportedAt: '2024-07-01' }).expect(200);
    const ahead = await pay({ kind: 'progress', amount: '751750.01', paidAt: '2024-07-10' }).expect(422);
    expect(ahead.body.message).toMatch(/超进度/);
    await pay({ kind: 'progress', amount: '751750.00', paidAt: '2024-07-10' }).expect(201);
    await pay({ kind: 'final', amount: '1.00', paidAt: '2024-07-11' }).expect(422);
    await stack.http().post(`/projects/${greenhouse.id}/progress`).set(greenhouse.village).send({ percent: 100, note: '全部完工', reportedAt: '2024-09-30' }).expect(200);
    await pay({ kind: 'progress', amount: '751750.00', paidAt: '2024-10-08' }).expect(201);

    // Acceptance holds the 3 % retention (46,500.00) until the warranty ends.
    await stack.http().post(`/projects/${greenhouse.id}/acceptance/request`).set(greenhouse.village).expect(200);
    await stack.http().post(`/projects/${greenhouse.id}/acceptance`).set(county).send({ result: 'pass', findings: '合格', acceptedAt: '2024-10-15', assets: [{ name: '蔬菜大棚', kind: 'operating', value: '1550000.00', owner: '野狐涧村股份经济合作社', caretaker: villages[0].unit }] }).expect(200);
    const early = await pay({ kind: 'retention', amount: '46500.00', paidAt: '2024-10-16' }).expect(422);
    expect(early.body.message).toMatch(/质保期未满/);
    await pay({ kind: 'final', amount: '0.01', paidAt: '2024-10-16' }).expect(422);

    // The ledger balances to the fen: matched 1,600,000.00, paid 1,503,500.00, retention 46,500.00 held.
    const ledgerBefore = (await stack.http().get(`/projects/${greenhouse.id}/ledger`).set(finance).expect(200)).body;
    expect(ledgerBefore.summary).toMatchObject({ matched: '1600000.00', paid: '1503500.00', unpaid: '96500.00', retentionHeld: '46500.00', retentionReleased: '0.00' });
    expect(ledgerBefore.entries.map((e: { kind: string }) => e.kind)).toEqual(['match', 'payment', 'payment', 'retention_held']);
    // The policy's rate and period as the county reads them, not as stored (0.03, PT3S).
    expect(ledgerBefore.entries.at(-1).note).toBe('质保金比例 3%，质保期 3秒');

    // Un-matching below what was paid is refused.
    const unmatch = await stack.http().delete(`${base}/matches/${matches[0]}`).set(county).send({ reason: '调整' }).expect(422);
    expect(unmatch.body.message).toMatch(/已拨付/);

    // The warranty (PT3S here) ends; the retention is paid and the project completes.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    let retention;
    for (let i = 0; i < 40; i += 1) {
      retention = await pay({ kind: 'retention', amount: '46500.00', paidAt: '2025-10-16' });
      if (retention.status !== 422) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(retention!.status).toBe(201);
    expect(retention!.body.project.stage).toBe('completed');
    const ledger = (await stack.http().get(`/projects/${greenhouse.id}/ledger`).set(monitor).expect(200)).body;
    expect(ledger.summary).toMatchObject({ matched: '1600000.00', paid: '1550000.00', retentionReleased: '46500.00' });
    expect((await inbox(stack, finance)).some((t) => t.projectId === greenhouse.id)).toBe(false);

    // Un-matching an unpaid project needs a reason and is on record.
    await stack.http().delete(`${base}/matches/${matches[2]}`).set(county).send({}).expect(400);
    const undone = await stack.http().delete(`${base}/matches/${matches[2]}`).set(county).send({ reason: '项目调整至下一批次' }).expect(200);
    expect(undone.body.batch.allocations[0]).toMatchObject({ matched: '1850000.00' });
    const wellLedger = (await stack.http().get(`/projects/${projects[2].id}/ledger`).set(county).expect(200)).body;
    expect(wellLedger.entries.map((e: { kind: string; note: string }) => [e.kind, e.note])).toEqual([
      ['match', null],
      ['unmatch', '项目调整至下一批次'],
    ]);
  });
});
