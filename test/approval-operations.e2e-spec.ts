import { randomUUID } from 'node:crypto';
import { createDraft, ensureUser, inbox, type Headers } from './support/fixtures';
import { libraryProject } from './support/library-project';
import { login, startTestStack, type TestStack } from './support/test-stack';

/**
 * 转办, 委派, 会签, 抄送, 催办, 改派 and 终止 over HTTP on the real stack. The projects come from a
 * township of their own (测试审批乡, 140602239000) with its own reviewers, so no other file's inbox
 * or policy is touched; the money test uses a village of its own under 贾庄乡 and the year 2037.
 */
const TOWNSHIP = '140602239000';
const VILLAGE = '140602239001';
const SHUOCHENG = '140602000000';

describe('approval operations end to end', () => {
  let stack: TestStack;
  let village: Headers, a: Headers, b: Headers, c: Headers, water: Headers, department: Headers, county: Headers, admin: Headers;
  const ids: Record<string, string> = {};
  const run = randomUUID().slice(0, 6);

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.db.query(`INSERT INTO regions (code, name, level, parent_code) VALUES ($1, '测试审批乡', 'township', $2) ON CONFLICT DO NOTHING`, [TOWNSHIP, SHUOCHENG]);
    await stack.db.query(`INSERT INTO regions (code, name, level, parent_code) VALUES ($1, '测试审批村', 'village', $2) ON CONFLICT DO NOTHING`, [VILLAGE, TOWNSHIP]);
    village = await ensureUser(stack, { username: 'ops-village', role: 'village', regionCode: VILLAGE, displayName: '测试审批村村委会' });
    a = await ensureUser(stack, { username: 'ops-township-a', role: 'township', regionCode: TOWNSHIP, displayName: '审批乡 甲' });
    b = await ensureUser(stack, { username: 'ops-township-b', role: 'township', regionCode: TOWNSHIP, displayName: '审批乡 乙' });
    c = await ensureUser(stack, { username: 'ops-township-c', role: 'township', regionCode: TOWNSHIP, displayName: '审批乡 丙' });
    water = await ensureUser(stack, { username: 'ops-water', role: 'department', regionCode: SHUOCHENG, displayName: '朔城区水利局', department: 'water' });
    [department, county, admin] = await Promise.all(['department1', 'county1', 'admin'].map((n) => login(stack, n)));
    const rows: Array<{ id: string; username: string }> = await stack.db.query(`SELECT id, username FROM users WHERE username = ANY($1)`, [
      ['ops-township-a', 'ops-township-b', 'ops-township-c', 'county1', 'ops-water'],
    ]);
    for (const r of rows) ids[r.username] = r.id;
    await stack
      .http()
      .put(`/policies/${TOWNSHIP}`)
      .set(admin)
      .send({ jointReview: [{ name: '灌溉项目', projectTypes: [], keywords: ['灌溉'], departments: ['agriculture', 'water'], rule: 'all', ratio: null }], urgeInterval: 'PT1H' })
      .expect(200);
  });
  afterAll(async () => {
    await stack?.http().put(`/policies/${TOWNSHIP}`).set(admin).send({ jointReview: null, urgeInterval: null });
    await stack?.stop();
  });

  const post = (path: string, who: Headers, body: object = {}) => stack.http().post(path).set(who).send(body);
  const get = async (id: string, who: Headers) => (await stack.http().get(`/projects/${id}`).set(who).expect(200)).body;
  const taskOf = async (who: Headers, id: string) => (await inbox(stack, who)).find((t) => t.projectId === id);
  const draft = (name: string, overrides: Record<string, unknown> = {}) =>
    createDraft(stack, village, { name: `${name}-${run}`, villageCode: VILLAGE, place: '测试审批村', type: 'infrastructure', totalBudget: '300000.00', fundingSources: [{ source: '市级衔接资金', amount: '300000.00' }], ...overrides });

  it('转办 then 委派: the new owner acts, the old cannot; the delegate’s opinion comes back to the owner, who approves', async () => {
    const id = await draft('村道硬化');
    await post(`/projects/${id}/submit`, village).expect(200);
    const preview = (await get(id, village)).approval;
    expect(preview.next).toMatchObject({ stage: 'township_review', role: 'township', desk: expect.stringContaining('测试审批乡') });
    expect(preview.next.people.map((p: { name: string }) => p.name).sort()).toEqual(['审批乡 丙', '审批乡 乙', '审批乡 甲']);
    expect(preview.after).toMatchObject({ stage: 'department_review', role: 'department' });

    const candidates = (await stack.http().get(`/projects/${id}/candidates?purpose=transfer`).set(a).expect(200)).body;
    expect(candidates.map((u: { name: string }) => u.name).sort()).toEqual(['审批乡 丙', '审批乡 乙']);
    await stack.http().get(`/projects/${id}/candidates?purpose=everyone`).set(a).expect(400);
    expect((await get(id, a)).approval.operations).toEqual(expect.arrayContaining(['transfer', 'delegate', 'cc']));

    await post(`/projects/${id}/transfer`, a, { userId: ids['ops-water'], comment: '交水利局' }).expect(422);
    await post(`/projects/${id}/transfer`, a, { userId: ids['ops-township-b'] }).expect(400);
    const moved = (await post(`/projects/${id}/transfer`, a, { userId: ids['ops-township-b'], comment: '乙负责该片区' }).expect(200)).body;
    expect(moved.approval).toMatchObject({ assignee: { userId: ids['ops-township-b'], name: '审批乡 乙' }, next: { people: [{ name: '审批乡 乙' }] } });
    expect(await taskOf(a, id)).toBeUndefined();
    expect(await taskOf(b, id)).toMatchObject({ mine: 'owner', assigneeName: '审批乡 乙' });
    const refused = await post(`/projects/${id}/review`, a, { decision: 'approve' }).expect(403);
    expect(refused.body.message).toMatch(/已转交审批乡 乙办理/);

    await post(`/projects/${id}/delegate`, b, { userId: ids['ops-township-c'], comment: '请先核对路线' }).expect(200);
    expect(await taskOf(c, id)).toMatchObject({ mine: 'delegate', actionLabel: '提交委派意见' });
    const waiting = await post(`/projects/${id}/review`, b, { decision: 'approve' }).expect(409);
    expect(waiting.body.message).toMatch(/委派审批乡 丙审阅/);
    await post(`/projects/${id}/delegate-opinion`, a, { opinion: '同意' }).expect(403);
    await post(`/projects/${id}/delegate-opinion`, c, { opinion: '路线与规划一致，建议通过' }).expect(200);
    expect(await taskOf(c, id)).toBeUndefined();
    const back = await get(id, b);
    expect(back.approval).toMatchObject({ delegate: null, opinions: [{ name: '审批乡 丙', opinion: '路线与规划一致，建议通过' }] });
    await post(`/projects/${id}/review`, c, { decision: 'approve' }).expect(403);
    expect((await post(`/projects/${id}/review`, b, { decision: 'approve', comment: '同意' }).expect(200)).body.stage).toBe('department_review');

    const history = (await stack.http().get(`/projects/${id}/history`).set(county).expect(200)).body as Array<Record<string, unknown>>;
    expect(history.filter((h) => ['transfer', 'delegate', 'delegate_opinion'].includes(h.action as string))).toEqual([
      expect.objectContaining({ action: 'transfer', actor: '审批乡 甲', comment: '乙负责该片区', details: expect.objectContaining({ to: { userId: ids['ops-township-b'], name: '审批乡 乙' } }) }),
      expect.objectContaining({ action: 'delegate', actor: '审批乡 乙', comment: '请先核对路线', details: { to: { userId: ids['ops-township-c'], name: '审批乡 丙' } } }),
      expect.objectContaining({ action: 'delegate_opinion', actor: '审批乡 丙', comment: '路线与规划一致，建议通过' }),
    ]);
  });

  it('会签: both departments approve in their own inboxes before the county; one return returns the project', async () => {
    const id = await draft('高效节水灌溉工程');
    await post(`/projects/${id}/submit`, village).expect(200);
    await post(`/projects/${id}/review`, a, { decision: 'approve' }).expect(200);
    expect(await taskOf(department, id)).toBeDefined();
    expect(await taskOf(water, id)).toBeDefined();
    expect((await get(id, water)).approval.jointReview).toMatchObject({
      policyName: '灌溉项目',
      rule: 'all',
      departments: [
        { department: 'agriculture', departmentName: '农业农村局', approved: false },
        { department: 'water', departmentName: '水利局', approved: false },
      ],
    });
    expect((await post(`/projects/${id}/review`, department, { decision: 'approve', comment: '农业部分同意' }).expect(200)).body.stage).toBe('department_review');
    expect(await taskOf(department, id)).toBeUndefined();
    expect(await taskOf(water, id)).toBeDefined();
    await post(`/projects/${id}/review`, department, { decision: 'approve' }).expect(409);
    const progress = (await get(id, county)).approval.jointReview.departments;
    expect(progress).toEqual([expect.objectContaining({ department: 'agriculture', approved: true, by: '朔城区农业农村局' }), expect.objectContaining({ department: 'water', approved: false })]);
    expect((await post(`/projects/${id}/review`, water, { decision: 'approve', comment: '取水许可齐全' }).expect(200)).body.stage).toBe('county_review');

    const other = await draft('灌溉渠道改造');
    await post(`/projects/${other}/submit`, village).expect(200);
    await post(`/projects/${other}/review`, a, { decision: 'approve' }).expect(200);
    await post(`/projects/${other}/review`, department, { decision: 'approve' }).expect(200);
    expect((await post(`/projects/${other}/review`, water, { decision: 'return', comment: '未取得取水许可' }).expect(200)).body.stage).toBe('returned');

    // Without the words the policy names, the project's own department decides alone.
    const plain = await draft('村内道路亮化');
    await post(`/projects/${plain}/submit`, village).expect(200);
    await post(`/projects/${plain}/review`, a, { decision: 'approve' }).expect(200);
    await stack.http().get(`/projects/${plain}`).set(water).expect(404);
    expect((await post(`/projects/${plain}/review`, department, { decision: 'approve' }).expect(200)).body.stage).toBe('county_review');
  });

  it('抄送 shows in the CC inbox; 催办 shows in the holder’s inbox at once and a second one too soon is refused', async () => {
    const id = await draft('文化广场');
    await post(`/projects/${id}/submit`, village).expect(200);
    await post(`/projects/${id}/cc`, a, { userIds: [ids.county1], comment: '请县里知悉' }).expect(200);
    await post(`/projects/${id}/cc`, a, { userIds: [ids.county1] }).expect(409);
    await post(`/projects/${id}/cc`, a, { userIds: [] }).expect(400);
    const copied = (await stack.http().get('/tasks?status=cc&pageSize=200').set(county).expect(200)).body.items;
    expect(copied.find((t: { projectId: string }) => t.projectId === id)).toMatchObject({ by: '审批乡 甲', comment: '请县里知悉', stage: 'township_review' });

    await post(`/projects/${id}/urge`, a, {}).expect(403);
    await post(`/projects/${id}/urge`, village, { comment: '群众等着开工' }).expect(200);
    expect(await taskOf(b, id)).toMatchObject({ urgeCount: 1, urgedBy: '测试审批村村委会', urgedAt: expect.any(String) });
    const tooSoon = await post(`/projects/${id}/urge`, county, {}).expect(429);
    expect(tooSoon.body).toMatchObject({ code: 'TOO_SOON', message: expect.stringMatching(/分钟后再催办/) });
    expect(tooSoon.body.details.retryAfterSeconds).toBeGreaterThan(3000);
    const history = (await stack.http().get(`/projects/${id}/history`).set(county).expect(200)).body as Array<Record<string, unknown>>;
    expect(history.filter((h) => h.action === 'urge' || h.action === 'cc').map((h) => [h.action, h.actor])).toEqual([
      ['cc', '审批乡 甲'],
      ['urge', '测试审批村村委会'],
    ]);
  });

  it('改派: an administrator hands every task a person holds to a colleague at once', async () => {
    const first = await draft('改派一');
    const second = await draft('改派二');
    for (const id of [first, second]) {
      await post(`/projects/${id}/submit`, village).expect(200);
      await post(`/projects/${id}/transfer`, a, { userId: ids['ops-township-b'], comment: '乙负责' }).expect(200);
    }
    await post('/admin/tasks/reassign', a, { fromUserId: ids['ops-township-b'], toUserId: ids['ops-township-c'], comment: '乙调岗' }).expect(403);
    await post('/admin/tasks/reassign', admin, { toUserId: ids['ops-township-c'], comment: '乙调岗' }).expect(400);
    const result = (await post('/admin/tasks/reassign', admin, { fromUserId: ids['ops-township-b'], toUserId: ids['ops-township-c'], comment: '乙调岗' }).expect(200)).body;
    expect(result.failed).toBe(0);
    expect(result.items.map((i: { projectId: string }) => i.projectId)).toEqual(expect.arrayContaining([first, second]));
    expect(await taskOf(b, first)).toBeUndefined();
    expect(await taskOf(c, second)).toMatchObject({ assigneeName: '审批乡 丙' });
    await post(`/projects/${first}/review`, b, { decision: 'approve' }).expect(403);
    await post(`/projects/${first}/review`, c, { decision: 'approve' }).expect(200);
    const audit = (await stack.http().get('/admin/audit?action=task.reassign&pageSize=100').set(admin).expect(200)).body.items as Array<{ targetUsername: string; detail: Record<string, unknown> }>;
    expect(audit.find((e) => (e.detail.reassigned as string[]).includes(first))).toMatchObject({ targetUsername: 'ops-township-c', detail: { fromUserId: ids['ops-township-b'], comment: '乙调岗' } });
  });

  it('终止: the project ends and its matched money goes back to the allocation to the fen', async () => {
    const { id } = await libraryProject(stack, '140602205991');
    const batch = (
      await post('/batches', admin, {
        docNumber: `审批终止〔2037〕${run}`,
        title: '终止测试批次',
        level: 'city',
        year: 2037,
        batchNo: 1,
        issuedAt: '2026-01-05',
        allocations: [{ regionCode: SHUOCHENG, amount: '300000.00' }],
      }).expect(201)
    ).body.id as string;
    const base = `/batches/${batch}/allocations/${SHUOCHENG}`;
    await post(`${base}/receipt`, county, { receivedAt: new Date().toISOString() }).expect(200);
    await post(`${base}/matches`, county, { projectId: id, amount: '60000.37' }).expect(201);
    await post(`${base}/matches`, county, { projectId: id, amount: '39999.62' }).expect(201);
    expect((await stack.http().get(`/batches/${batch}`).set(county).expect(200)).body.allocations[0]).toMatchObject({ matched: '99999.99', unmatched: '200000.01' });

    await post(`/projects/${id}/terminate`, county, { reason: '村集体决议放弃' }).expect(403);
    await post(`/projects/${id}/terminate`, admin, { reason: '' }).expect(400);
    const ended = (await post(`/projects/${id}/terminate`, admin, { reason: '村集体决议放弃实施' }).expect(200)).body;
    expect(ended).toMatchObject({ released: '99999.99', kept: '0.00', matchesReleased: 2, project: { stage: 'terminated', approval: { termination: { reason: '村集体决议放弃实施' }, next: null } } });
    expect((await stack.http().get(`/batches/${batch}`).set(county).expect(200)).body.allocations[0]).toMatchObject({ matched: '0.00', unmatched: '300000.00' });
    const [{ n }] = await stack.db.query(`SELECT count(*)::int AS n FROM fund_matches WHERE project_id = $1 AND removed_at IS NULL`, [id]);
    expect(n).toBe(0);
    // Repeating it releases nothing more; the project takes no further action.
    expect((await post(`/projects/${id}/terminate`, admin, { reason: '重复' }).expect(200)).body).toMatchObject({ released: '0.00', matchesReleased: 0 });
    await post(`/projects/${id}/progress`, village, { percent: 10, note: '开工', reportedAt: '2037-03-01' }).expect((r) => expect([403, 404, 409]).toContain(r.status));
    const history = (await stack.http().get(`/projects/${id}/history`).set(county).expect(200)).body as Array<Record<string, unknown>>;
    expect(history.at(-1)).toMatchObject({ action: 'terminate', actor: '系统管理员', toStage: 'terminated', comment: '村集体决议放弃实施' });
    const audit = (await stack.http().get('/admin/audit?action=project.terminate&pageSize=100').set(admin).expect(200)).body.items as Array<{ detail: Record<string, unknown> }>;
    expect(audit.filter((e) => e.detail.projectId === id).map((e) => e.detail)).toEqual([
      expect.objectContaining({ reason: '重复', releasedFen: '0' }),
      expect.objectContaining({ reason: '村集体决议放弃实施', releasedFen: '9999999', keptFen: '0', matchesReleased: 2 }),
    ]);
  });
});
