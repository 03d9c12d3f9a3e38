import { randomUUID } from 'node:crypto';
import { ensureUser, type Headers } from './support/fixtures';
import { login, startTestStack, type TestStack } from './support/test-stack';

/**
 * The matching clock on the real stack. 平鲁区 (used by no other test) gets a matching deadline of
 * seconds by policy, so the real timers fire within the test; the calendar-day rule itself (end of
 * the 15th day in Shanghai) is covered with time skipping in workflows/funds.
 */
describe('the matching deadline on the real stack', () => {
  const PINGLU = '140603000000';
  let stack: TestStack;
  let admin: Headers, county: Headers, monitor: Headers, otherCounty: Headers;

  beforeAll(async () => {
    stack = await startTestStack();
    [admin, monitor, otherCounty] = await Promise.all(['admin', 'monitor1', 'county1'].map((n) => login(stack, n)));
    county = await ensureUser(stack, { username: 'county-pinglu', role: 'county', regionCode: PINGLU, displayName: '平鲁区乡村振兴局' });
    await stack.http().put(`/policies/${PINGLU}`).set(admin).send({ matchingDeadline: 'PT5S', matchingWarnings: ['PT3S'] }).expect(200);
  });
  afterAll(async () => {
    await stack?.http().put(`/policies/${PINGLU}`).set(admin).send({ matchingDeadline: null, matchingWarnings: null });
    await stack?.stop();
  });

  async function issue(): Promise<string> {
    const response = await stack
      .http()
      .post('/batches')
      .set(admin)
      .send({ docNumber: `朔农发〔2024〕9号-${randomUUID().slice(0, 8)}`, title: '测试批次', level: 'city', year: 2024, batchNo: 9, issuedAt: '2024-01-02', allocations: [{ regionCode: PINGLU, amount: '500000.00' }] })
      .expect(201);
    return response.body.id;
  }

  const notifications = async (batchId: string, who: Headers) =>
    ((await stack.http().get('/notifications?pageSize=200').set(who).expect(200)).body.items as Array<{ batchId: string; kind: string; message: string }>).filter((n) => n.batchId === batchId);

  it('warns before the deadline, marks the allocation overdue after it and notifies the city monitor', async () => {
    const batchId = await issue();
    const received = await stack.http().post(`/batches/${batchId}/allocations/${PINGLU}/receipt`).set(county).send({ receivedAt: new Date().toISOString() }).expect(200);
    expect(received.body.allocations[0].status).toBe('received');
    // Only the county itself confirms receipt, and only once.
    await stack.http().post(`/batches/${batchId}/allocations/${PINGLU}/receipt`).set(county).send({ receivedAt: new Date().toISOString() }).expect(409);
    await stack.http().post(`/batches/${batchId}/allocations/${PINGLU}/receipt`).set(otherCounty).send({ receivedAt: new Date().toISOString() }).expect(404);

    const deadline = Date.now() + 20_000;
    let seen: Array<{ kind: string; message: string }> = [];
    while (Date.now() < deadline) {
      seen = await notifications(batchId, monitor);
      if (seen.some((n) => n.kind === 'matching_overdue')) break;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(seen.map((n) => n.kind).sort()).toEqual(['matching_overdue', 'matching_warning']);
    expect(seen.find((n) => n.kind === 'matching_overdue')!.message).toMatch(/500,000\.00 元未落实/);
    // The deadline in Shanghai time and the warning point in Chinese units, not as stored.
    expect(seen.find((n) => n.kind === 'matching_warning')!.message).toMatch(/^资金匹配预警：匹配期限为 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}，距期限已不足\d+(秒|分钟)，尚有 500,000\.00 元未落实到项目$/);
    const [row] = await stack.db.query(`SELECT status, overdue_at IS NOT NULL AS overdue, warned_at IS NOT NULL AS warned FROM allocations WHERE batch_id = $1`, [batchId]);
    expect(row).toEqual({ status: 'overdue', overdue: true, warned: true });
    // Another county's user does not see 平鲁区's notifications.
    expect(await notifications(batchId, otherCounty)).toEqual([]);
  });

  it('raises nothing when the money is matched in time', async () => {
    const batchId = await issue();
    // A library project of 平鲁区 is needed to match: a village row and a project row stand in for the lifecycle here.
    const villageCode = '140603100901';
    await stack.db.query(`INSERT INTO regions (code, name, level, parent_code) VALUES ($1, '测试村', 'village', $2) ON CONFLICT DO NOTHING`, [villageCode, PINGLU]);
    await stack.db.query(`INSERT INTO regions (code, name, level, parent_code) VALUES ('140603100000', '测试镇', 'township', $1) ON CONFLICT DO NOTHING`, [PINGLU]);
    await stack.db.query(`UPDATE regions SET parent_code = '140603100000' WHERE code = $1`, [villageCode]);
    const [user] = await stack.db.query(`SELECT id FROM users WHERE username = 'county-pinglu'`);
    const projectId = randomUUID();
    await stack.db.query(
      `INSERT INTO projects (id, name, type, stage, village_code, county_code, department_code, place, content, total_budget_fen, funding_sources,
         beneficiaries, farmer_link, created_by, state_version, library_at)
       VALUES ($1, '测试产业项目', 'industry', 'implementation', $2, $3, 'agriculture', '测试村', '测试', 50000000, '[]', '{}', '测试', $4, 1, now())`,
      [projectId, villageCode, PINGLU, user.id],
    );
    await stack.http().post(`/batches/${batchId}/allocations/${PINGLU}/receipt`).set(county).send({ receivedAt: new Date().toISOString() }).expect(200);
    const matched = await stack.http().post(`/batches/${batchId}/allocations/${PINGLU}/matches`).set(county).send({ projectId, amount: '500000.00' }).expect(201);
    expect(matched.body.batch.allocations[0]).toMatchObject({ unmatched: '0.00', status: 'done' });
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(await notifications(batchId, monitor)).toEqual([]);
    const [row] = await stack.db.query(`SELECT status FROM allocations WHERE batch_id = $1`, [batchId]);
    expect(row.status).toBe('done');
  });
});
