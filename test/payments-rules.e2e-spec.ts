import { fundProject, libraryProject } from './support/library-project';
import { login, startTestStack, type TestStack } from './support/test-stack';

describe('payments refuse what the rules forbid and leave the ledger unchanged', () => {
  const VILLAGE = '140602205940';
  let stack: TestStack;
  let finance: { Authorization: string };
  let projectId: string;

  beforeAll(async () => {
    stack = await startTestStack();
    finance = await login(stack, 'finance1');
    projectId = (await libraryProject(stack, VILLAGE)).id;
    await fundProject(stack, projectId, '60000.00');
  });
  afterAll(async () => {
    await stack?.http().put(`/policies/${VILLAGE}`).set(await login(stack, 'admin')).send({ publicityPeriod: null });
    await stack?.stop();
  });

  const ledgerRows = async () => Number((await stack.db.query(`SELECT count(*) AS n FROM ledger_entries WHERE project_id = $1`, [projectId]))[0].n);
  const pay = (body: object) => stack.http().post(`/projects/${projectId}/payments`).set(finance).send(body);
  const households = [
    { householdId: 'BC-001', name: '张三', account: '6228480000000000001', item: '庭院经济奖补', amount: '2000.00' },
    { householdId: 'BC-002', name: '李四', account: '6228480000000000002', item: '庭院经济奖补', amount: '3000.00' },
  ];

  it('pays households once per item and year, and exports the 一卡通 file', async () => {
    const paid = await pay({ kind: 'household', amount: '5000.00', paidAt: '2024-06-01', households }).expect(201);
    expect(paid.body.ledger.summary).toMatchObject({ matched: '60000.00', paid: '5000.00' });
    const before = await ledgerRows();

    const again = await pay({ kind: 'household', amount: '2000.00', paidAt: '2024-09-01', households: [households[0]] }).expect(422);
    expect(again.body.message).toMatch(/BC-001.*2024 年已发放/);
    const twiceInOne = await pay({ kind: 'household', amount: '4000.00', paidAt: '2025-01-05', households: [households[0], households[0]] }).expect(422);
    expect(twiceInOne.body.code).toBe('RULE_BROKEN');
    expect(await ledgerRows()).toBe(before);

    // The next year the same item may be paid again.
    await pay({ kind: 'household', amount: '2000.00', paidAt: '2025-06-01', households: [households[0]] }).expect(201);

    const csv = await stack.http().get(`/projects/${projectId}/households.csv`).set(finance).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(lines[0]).toBe('户编号,户主姓名,一卡通账号,补助事项,补助年度,金额（元）,发放日期,项目名称');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 6).join(','))).toEqual([
      'BC-001,张三,6228480000000000001,庭院经济奖补,2024,2000.00',
      'BC-002,李四,6228480000000000002,庭院经济奖补,2024,3000.00',
      'BC-001,张三,6228480000000000001,庭院经济奖补,2025,2000.00',
    ]);
  });

  it("pays once when a keyed payment arrives again after its key's record is gone (its claim lapsed while it ran)", async () => {
    const key = `payment-${Date.now()}`;
    const body = { kind: 'household', amount: '1000.00', paidAt: '2024-08-01', households: [{ ...households[1], householdId: 'BC-KEYED', amount: '1000.00' }] };
    const keyed = () => stack.http().post(`/projects/${projectId}/payments`).set(finance).set('Idempotency-Key', key).send(body);
    const first = await keyed().expect(201);
    const before = await ledgerRows();
    await stack.db.query(`DELETE FROM idempotency_keys WHERE key = $1`, [key]);
    const again = await keyed().expect(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(again.body.paymentId).toBe(first.body.paymentId);
    expect(again.body.ledger.summary).toEqual(first.body.ledger.summary);
    expect(await ledgerRows()).toBe(before);
    const [{ n }] = await stack.db.query(`SELECT count(*)::int AS n FROM payments WHERE project_id = $1 AND amount_fen = 100000`, [projectId]);
    expect(n).toBe(1);
  });

  it('never pays beyond the matched money nor ahead of progress', async () => {
    const before = await ledgerRows();
    const beyond = await pay({ kind: 'household', amount: '53000.01', paidAt: '2024-07-01', households: [{ ...households[1], householdId: 'BC-003', amount: '53000.01' }] }).expect(422);
    expect(beyond.body.message).toMatch(/匹配资金/);
    const ahead = await pay({ kind: 'progress', amount: '0.01', paidAt: '2024-07-01' }).expect(422);
    expect(ahead.body.message).toMatch(/超进度/);
    await pay({ kind: 'final', amount: '1.00', paidAt: '2024-07-01' }).expect(422);
    await pay({ kind: 'progress', amount: '-1.00', paidAt: '2024-07-01' }).expect(400);
    await pay({ kind: 'progress', amount: '1.001', paidAt: '2024-07-01' }).expect(400);
    await pay({ kind: 'gift', amount: '1.00', paidAt: '2024-07-01' }).expect(400);
    expect(await ledgerRows()).toBe(before);
    // The ledger and the audit trail refuse any change to what was booked.
    await expect(stack.db.query(`UPDATE ledger_entries SET amount_fen = 0 WHERE project_id = $1`, [projectId])).rejects.toThrow(/ledger_entries is append-only/);
    await expect(stack.db.query(`DELETE FROM project_events WHERE project_id = $1`, [projectId])).rejects.toThrow(/project_events is append-only/);
    // Only finance pays.
    await stack.http().post(`/projects/${projectId}/payments`).set(await login(stack, 'county1')).send({ kind: 'progress', amount: '1.00', paidAt: '2024-07-01' }).expect(403);
  });
});
