import { createDraft, inbox, waitForStage, type Headers } from './support/fixtures';
import { login, startTestStack, type TestStack } from './support/test-stack';

/**
 * One project from draft to the disbursement stage over HTTP against the real stack, with a
 * return-and-resubmit round and an objection during publicity. The publicity period of 北曹村 is
 * set to a few seconds by policy, so the real timer elapses within the test.
 */
describe('project lifecycle end to end', () => {
  let stack: TestStack;
  let u: Record<'village1' | 'township1' | 'department1' | 'county1' | 'finance1' | 'monitor1' | 'admin', Headers>;

  beforeAll(async () => {
    stack = await startTestStack();
    const names = ['village1', 'township1', 'department1', 'county1', 'finance1', 'monitor1', 'admin'] as const;
    u = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await login(stack, n)]))) as typeof u;
    await stack.http().put('/policies/140602205901').set(u.admin).send({ publicityPeriod: 'PT4S' }).expect(200);
  });
  afterAll(async () => {
    await stack?.http().put('/policies/140602205901').set(u.admin).send({ publicityPeriod: null });
    await stack?.stop();
  });

  const get = async (id: string, who: Headers = u.county1) => (await stack.http().get(`/projects/${id}`).set(who).expect(200)).body;
  const post = (path: string, who: Headers, body: object = {}) => stack.http().post(path).set(who).send(body);
  const inboxHas = async (who: Headers, id: string) => (await inbox(stack, who)).some((t) => t.projectId === id);

  it('goes draft → … → disbursement with a return, a resubmission and an objection', async () => {
    const id = await createDraft(stack, u.village1);
    expect(await inboxHas(u.township1, id)).toBe(false);

    // Village submits; the township finds it in its inbox with a due date five days out.
    expect((await post(`/projects/${id}/submit`, u.village1).expect(200)).body.stage).toBe('township_review');
    const townshipTask = (await inbox(stack, u.township1)).find((t) => t.projectId === id)!;
    expect(townshipTask).toMatchObject({ stage: 'township_review', action: 'review', overdue: false });
    const dueInDays = (Date.parse(townshipTask.dueAt as string) - Date.now()) / 86_400_000;
    expect(dueInDays).toBeGreaterThan(4);
    expect(dueInDays).toBeLessThanOrEqual(6);

    // Township approves; the department returns it for revision.
    expect((await post(`/projects/${id}/review`, u.township1, { decision: 'approve', comment: '同意' }).expect(200)).body.stage).toBe('department_review');
    expect(await inboxHas(u.township1, id)).toBe(false);
    expect(await inboxHas(u.department1, id)).toBe(true);
    await post(`/projects/${id}/review`, u.department1, { decision: 'return' }).expect(400);
    const returned = (await post(`/projects/${id}/review`, u.department1, { decision: 'return', comment: '请补充滴灌设施的技术参数' }).expect(200)).body;
    expect(returned).toMatchObject({ stage: 'returned', process: { returnedFrom: 'department_review' }, nextActor: { role: 'village', action: 'revise' } });
    expect(await inboxHas(u.village1, id)).toBe(true);

    // Village revises and resubmits: straight back to the department, the township is not asked again.
    await stack.http().patch(`/projects/${id}`).set(u.village1).send({ content: '改造蔬菜大棚 20 座，配套滴灌设施（每座 0.6 亩，压力补偿滴头）' }).expect(200);
    expect((await post(`/projects/${id}/submit`, u.village1).expect(200)).body.stage).toBe('department_review');
    expect(await inboxHas(u.township1, id)).toBe(false);
    expect((await post(`/projects/${id}/review`, u.department1, { decision: 'approve', comment: '符合行业标准' }).expect(200)).body.stage).toBe('county_review');

    // A large industry project needs the county executive meeting's reference.
    const noMeeting = await post(`/projects/${id}/review`, u.county1, { decision: 'approve' }).expect(422);
    expect(noMeeting.body.message).toMatch(/会议纪要/);
    const approved = (await post(`/projects/${id}/review`, u.county1, { decision: 'approve', meetingRef: '朔城区政府常务会议纪要〔2024〕5号' }).expect(200)).body;
    expect(approved.stage).toBe('publicity');
    expect(approved.libraryAt).not.toBeNull();
    expect(approved.process.library.meetingRef).toBe('朔城区政府常务会议纪要〔2024〕5号');

    // The public reads it and objects without logging in; the county must resolve before it can proceed.
    const notices = (await stack.http().get('/public/publicity?pageSize=200').expect(200)).body.items;
    expect(notices.find((n: { id: string }) => n.id === id)).toMatchObject({ totalBudget: '1600000.00', place: '贾庄乡北曹村' });
    const objection = await stack.http().post(`/projects/${id}/objections`).send({ name: '李四', contact: '13800000000', content: '大棚选址离河道太近' }).expect(201);
    expect(await inboxHas(u.county1, id)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 5_000)); // the period has ended; the open objection holds the project
    expect((await get(id)).stage).toBe('publicity');
    await post(`/projects/${id}/objections/${objection.body.objectionId}/resolve`, u.county1, { decision: 'dismiss', comment: '经现场核实，选址距河道 200 米，符合要求' }).expect(200);
    const implementing = await waitForStage(stack, id, u.county1, 'implementation');
    expect(implementing.process.objections[0]).toMatchObject({ status: 'dismissed', contact: '13800000000' });
    expect((await get(id, u.village1)).process.objections[0].contact).toBeUndefined();

    // Implementation: procurement within budget, progress only upwards, acceptance at 100 %.
    await post(`/projects/${id}/procurement`, u.village1, { method: '公开招标', winner: '朔州市朔城区青红绿农牧有限公司', contractAmount: '1600000.01', contractDate: '2024-05-20' }).expect(422);
    await post(`/projects/${id}/procurement`, u.village1, { method: '公开招标', winner: '朔州市朔城区青红绿农牧有限公司', contractAmount: '1550000.00', contractDate: '2024-05-20' }).expect(200);
    await post(`/projects/${id}/progress`, u.village1, { percent: 50, note: '主体钢架完工', reportedAt: '2024-07-01' }).expect(200);
    await post(`/projects/${id}/acceptance/request`, u.village1).expect(422);
    const backwards = await post(`/projects/${id}/progress`, u.village1, { percent: 30, note: '误报', reportedAt: '2024-07-02' }).expect(422);
    expect(backwards.body.message).toMatch(/进度只能增加/);
    await post(`/projects/${id}/progress`, u.village1, { percent: 100, note: '全部完工', reportedAt: '2024-09-30' }).expect(200);
    expect((await post(`/projects/${id}/acceptance/request`, u.village1).expect(200)).body.stage).toBe('acceptance');
    expect(await inboxHas(u.county1, id)).toBe(true);

    // Acceptance fails once, then passes with the assets handed over.
    expect((await post(`/projects/${id}/acceptance`, u.county1, { result: 'fail', findings: '滴灌管网未试压', acceptedAt: '2024-10-08', assets: [] }).expect(200)).body.stage).toBe('implementation');
    await post(`/projects/${id}/acceptance/request`, u.village1).expect(200);
    const accepted = (
      await post(`/projects/${id}/acceptance`, u.county1, {
        result: 'pass',
        findings: '工程质量合格',
        acceptedAt: '2024-10-15',
        assets: [
          { name: '蔬菜大棚 20 座', kind: 'operating', value: '1550000.00', owner: '北曹村股份经济合作社', caretaker: '北曹村村委会' },
          // The Chinese word clients sent before the codes is still taken, and kept as its code.
          { name: '机耕路 300 米', kind: '公益性', value: '50000.00', owner: '北曹村村集体', caretaker: '北曹村村委会' },
        ],
      }).expect(200)
    ).body;
    expect(accepted).toMatchObject({ stage: 'disbursement', nextActor: { role: 'finance', action: 'pay' } });
    expect(accepted.process.acceptances.at(-1).assets).toMatchObject([
      { value: '1550000.00', kind: 'operating' },
      { value: '50000.00', kind: 'public_welfare' },
    ]);
    const unknownKind = await post(`/projects/${id}/acceptance`, u.county1, { result: 'pass', findings: '合格', acceptedAt: '2024-10-16', assets: [{ name: '仓库', kind: '集体', value: '1.00', owner: '村集体', caretaker: '村委会' }] }).expect(400);
    expect(unknownKind.body.details).toEqual([{ field: 'assets[0].kind', messages: [expect.stringMatching(/operating（经营性）/)] }]);
    expect(await inboxHas(u.finance1, id)).toBe(true);

    // The audit trail has every step once, oldest first, with who did it.
    const history = (await stack.http().get(`/projects/${id}/history`).set(u.monitor1).expect(200)).body;
    expect(history.map((h: { action: string }) => h.action)).toEqual([
      'create', 'submit', 'approve', 'return', 'edit', 'submit', 'approve', 'approve', 'object', 'resolve_objection',
      'publicity_elapsed', 'record_procurement', 'report_progress', 'report_progress', 'request_acceptance', 'accept',
      'request_acceptance', 'accept',
    ]);
    expect(history[3]).toMatchObject({ actor: '朔城区农业农村局', role: 'department', fromStage: 'department_review', toStage: 'returned', comment: '请补充滴灌设施的技术参数' });
    expect(history[10]).toMatchObject({ role: 'system', fromStage: 'publicity', toStage: 'implementation' });

    // 已办: the department sees what it handled.
    const done = await inbox(stack, u.department1, 'done');
    expect(done.filter((d) => d.projectId === id).map((d) => d.action)).toEqual(['approve', 'return']);
  });

  it('sends a project back to the village when an objection is upheld, and re-approval posts it again', async () => {
    const id = await createDraft(stack, u.village1, { type: 'infrastructure', totalBudget: '300000.00', fundingSources: [{ source: '市级衔接资金', amount: '300000.00' }] });
    await post(`/projects/${id}/submit`, u.village1).expect(200);
    await post(`/projects/${id}/review`, u.township1, { decision: 'approve' }).expect(200);
    await post(`/projects/${id}/review`, u.department1, { decision: 'approve' }).expect(200);
    await post(`/projects/${id}/review`, u.county1, { decision: 'approve' }).expect(200);
    const objection = await stack.http().post(`/projects/${id}/objections`).send({ name: '王五', contact: '13900000000', content: '受益户名单有误' }).expect(201);
    const upheld = (await post(`/projects/${id}/objections/${objection.body.objectionId}/resolve`, u.county1, { decision: 'uphold', comment: '核实属实，请更正名单' }).expect(200)).body;
    expect(upheld).toMatchObject({ stage: 'returned', process: { returnedFrom: 'publicity' } });
    const history = (await stack.http().get(`/projects/${id}/history`).set(u.village1).expect(200)).body;
    expect(history.at(-1).comment).toMatch(/受益户名单有误/);
    // The revised plan goes back before the county, then into a new publicity period.
    expect((await post(`/projects/${id}/submit`, u.village1).expect(200)).body.stage).toBe('county_review');
    const reposted = (await post(`/projects/${id}/review`, u.county1, { decision: 'approve' }).expect(200)).body;
    expect(reposted.stage).toBe('publicity');
    await waitForStage(stack, id, u.county1, 'implementation');

    // A budget change after approval needs the county's approval; the old figures stay on record.
    const requested = await post(`/projects/${id}/changes`, u.village1, {
      kind: 'budget',
      reason: '钢材涨价',
      totalBudget: '320000.00',
      fundingSources: [{ source: '市级衔接资金', amount: '300000.00' }, { source: '村集体自筹', amount: '20000.00' }],
    }).expect(200);
    const change = requested.body.process.changes[0];
    expect(change).toMatchObject({ status: 'pending', proposed: { totalBudget: '320000.00' } });
    expect(requested.body.totalBudget).toBe('300000.00');
    expect(requested.body.nextActor).toMatchObject({ role: 'county', action: 'review_change' });
    await post(`/projects/${id}/changes`, u.village1, { kind: 'place', reason: '换址', place: '贾庄乡北曹村东' }).expect(409);
    const approved = (await post(`/projects/${id}/changes/${change.id}/review`, u.county1, { decision: 'approve', comment: '同意调整' }).expect(200)).body;
    expect(approved.totalBudget).toBe('320000.00');
    expect(approved.fundingSources).toEqual([{ source: '市级衔接资金', amount: '300000.00' }, { source: '村集体自筹', amount: '20000.00' }]);
    expect(approved.process.changes[0]).toMatchObject({ status: 'approved', previous: { totalBudget: '300000.00' } });
    expect(approved.nextActor).toMatchObject({ role: 'village', action: 'implement' });
  });
});
