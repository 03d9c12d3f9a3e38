import { spawn } from 'node:child_process';
import { createDraft, inbox, type Headers } from './support/fixtures';
import { login, startTestStack, type TestStack } from './support/test-stack';

describe('who may do what, when: reviews, permissions, races, the negative list, a killed worker', () => {
  let stack: TestStack;
  let u: Record<'village1' | 'village2' | 'township1' | 'township2' | 'department1' | 'county1' | 'finance1' | 'monitor1', Headers>;

  beforeAll(async () => {
    stack = await startTestStack();
    const names = ['village1', 'village2', 'township1', 'township2', 'department1', 'county1', 'finance1', 'monitor1'] as const;
    u = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await login(stack, n)]))) as typeof u;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const post = (path: string, who: Headers, body: object = {}) => stack.http().post(path).set(who).send(body);
  const events = async (id: string) =>
    (await stack.db.query('SELECT seq, action FROM project_events WHERE project_id = $1 ORDER BY seq', [id])) as Array<{ seq: number; action: string }>;

  async function atStage(stage: 'township_review' | 'department_review' | 'county_review', overrides: Record<string, unknown> = {}) {
    const id = await createDraft(stack, u.village1, { type: 'infrastructure', totalBudget: '200000.00', fundingSources: [{ source: '市级衔接资金', amount: '200000.00' }], ...overrides });
    await post(`/projects/${id}/submit`, u.village1).expect(200);
    if (stage === 'township_review') return id;
    await post(`/projects/${id}/review`, u.township1, { decision: 'approve' }).expect(200);
    if (stage === 'department_review') return id;
    await post(`/projects/${id}/review`, u.department1, { decision: 'approve' }).expect(200);
    return id;
  }

  const reviewers = [
    ['township_review', 'township1'],
    ['department_review', 'department1'],
    ['county_review', 'county1'],
  ] as const;

  it.each(reviewers)('lets the reviewer at %s return with a comment and the resubmission come straight back', async (stage, reviewer) => {
    const id = await atStage(stage);
    const returned = await post(`/projects/${id}/review`, u[reviewer], { decision: 'return', comment: '材料不全' }).expect(200);
    expect(returned.body).toMatchObject({ stage: 'returned', process: { returnedFrom: stage } });
    expect((await post(`/projects/${id}/submit`, u.village1).expect(200)).body.stage).toBe(stage);
  });

  it.each(reviewers)('lets the reviewer at %s reject, which ends the project', async (stage, reviewer) => {
    const id = await atStage(stage);
    const missing = await post(`/projects/${id}/review`, u[reviewer], { decision: 'reject' }).expect(400);
    expect(missing.body.message).toMatch(/意见/);
    expect((await post(`/projects/${id}/review`, u[reviewer], { decision: 'reject', comment: '不符合支持方向' }).expect(200)).body.stage).toBe('rejected');
    expect((await inbox(stack, u[reviewer])).some((t) => t.projectId === id)).toBe(false);
    const late = await post(`/projects/${id}/submit`, u.village1).expect(409);
    expect(late.body).toMatchObject({ code: 'WRONG_STAGE', message: expect.stringMatching(/不予通过/) });
  });

  it('lets the village withdraw before the township acts, not after', async () => {
    const id = await atStage('township_review');
    expect((await post(`/projects/${id}/withdraw`, u.village1, { comment: '重新规划' }).expect(200)).body.stage).toBe('withdrawn');
    const later = await atStage('department_review');
    expect((await post(`/projects/${later}/withdraw`, u.village1).expect(409)).body.code).toBe('WRONG_STAGE');
  });

  it('answers a wrong role with 403, another region with 404, a wrong stage with 409', async () => {
    const id = await atStage('township_review');
    // Wrong role for this stage: the county cannot review at the township stage; a monitor never acts.
    expect((await post(`/projects/${id}/review`, u.county1, { decision: 'approve' }).expect(403)).body.code).toBe('WRONG_ROLE');
    expect((await post(`/projects/${id}/review`, u.monitor1, { decision: 'approve' }).expect(403)).body.code).toBe('WRONG_ROLE');
    expect((await post(`/projects/${id}/submit`, u.finance1).expect(403)).body.code).toBe('WRONG_ROLE');
    // Another township's reviewer and another village do not see it at all.
    expect((await post(`/projects/${id}/review`, u.township2, { decision: 'approve' }).expect(404)).body.code).toBe('NOT_FOUND');
    await stack.http().get(`/projects/${id}`).set(u.village2).expect(404);
    await stack.http().get(`/projects/${id}/history`).set(u.township2).expect(404);
    // Acting out of turn: the village cannot submit twice, nor request acceptance now.
    expect((await post(`/projects/${id}/submit`, u.village1).expect(409)).body.code).toBe('WRONG_STAGE');
    expect((await post(`/projects/${id}/acceptance/request`, u.village1).expect(409)).body.code).toBe('WRONG_STAGE');
    // Lists are scoped too: village2 never lists it, the city monitor does.
    const list = (who: Headers) => stack.http().get('/projects?pageSize=200').set(who).expect(200);
    expect((await list(u.village2)).body.items.some((p: { id: string }) => p.id === id)).toBe(false);
    expect((await list(u.monitor1)).body.items.some((p: { id: string }) => p.id === id)).toBe(true);
    await stack.http().get('/projects?regionCode=654200000000').set(u.county1).expect(404);
    expect(await events(id)).toHaveLength(2);
  });

  it('lets exactly one of ten concurrent approvals through', async () => {
    const id = await atStage('township_review');
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(`/projects/${id}/review`, u.township1, { decision: 'approve', comment: '同意' })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    // The losers are refused by the workflow's validator: once the project moved on, the township no longer acts on it.
    const refused = answers.filter((a) => a.status !== 200);
    expect(refused).toHaveLength(9);
    for (const r of refused) expect([403, 409]).toContain(r.status);
    for (const r of refused) expect(['WRONG_ROLE', 'WRONG_STAGE']).toContain(r.body.code);
    expect((await events(id)).map((e) => e.action)).toEqual(['create', 'submit', 'approve']);
    const [{ open }] = await stack.db.query(`SELECT count(*)::int AS open FROM tasks WHERE project_id = $1 AND status = 'open'`, [id]);
    expect(open).toBe(1);
  });

  it('flags a negative-list match at the department and blocks approval until cleared with a reason', async () => {
    const id = await atStage('department_review', { content: '修建村委会办公楼一栋，配套购置公务用车' });
    const flagged = (await stack.http().get(`/projects/${id}`).set(u.department1).expect(200)).body;
    expect(flagged.process.negativeList.hits.map((h: { category: string }) => h.category)).toEqual(
      expect.arrayContaining(['修建楼堂馆所', '交通工具及通讯设备']),
    );
    const blocked = await post(`/projects/${id}/review`, u.department1, { decision: 'approve' }).expect(422);
    expect(blocked.body.message).toMatch(/负面清单/);
    await post(`/projects/${id}/negative-list/clear`, u.department1, {}).expect(400);
    await post(`/projects/${id}/negative-list/clear`, u.department1, { comment: '经核实为村级党群服务中心改造，按规定可用衔接资金' }).expect(200);
    expect((await post(`/projects/${id}/review`, u.department1, { decision: 'approve' }).expect(200)).body.stage).toBe('county_review');
    const history = (await stack.http().get(`/projects/${id}/history`).set(u.county1).expect(200)).body;
    expect(history.find((h: { action: string }) => h.action === 'clear_flag')).toMatchObject({ comment: '经核实为村级党群服务中心改造，按规定可用衔接资金' });
  });

  it('loses and duplicates nothing when the worker is killed with SIGKILL while projects wait', async () => {
    await stack.worker.stop();
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', require.resolve('./support/worker-process.ts')], {
      env: { ...process.env, E2E_TASK_QUEUE: stack.taskQueue, TS_NODE_PROJECT: 'tsconfig.json' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('READY') && resolve());
      child.once('exit', (code) => reject(new Error(`worker process exited early (${code})`)));
    });
    const ids = await Promise.all(Array.from({ length: 6 }, () => atStage('township_review')));
    // Approvals in flight when the worker dies; they complete once another worker takes over.
    const approvals = ids.map((id) => post(`/projects/${id}/review`, u.township1, { decision: 'approve', comment: '同意' }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    await stack.restartWorker();
    const answers = await Promise.all(approvals);
    expect(answers.map((a) => a.status)).toEqual(ids.map(() => 200));
    for (const id of ids) {
      expect(await events(id)).toEqual([
        { seq: 1, action: 'create' },
        { seq: 2, action: 'submit' },
        { seq: 3, action: 'approve' },
      ]);
      const [row] = await stack.db.query(`SELECT stage, (SELECT count(*)::int FROM tasks t WHERE t.project_id = p.id AND t.status = 'open') AS open FROM projects p WHERE id = $1`, [id]);
      expect(row).toEqual({ stage: 'department_review', open: 1 });
    }
  });
});
