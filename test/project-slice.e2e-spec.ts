import { projectStatusQuery, projectWorkflowId } from '../workflows/project/project.definitions';
import { login, startTestStack, type TestStack } from './support/test-stack';

const application = {
  name: '蔬菜大棚改造工程',
  type: 'industry',
  villageCode: '140602205901',
  place: '贾庄乡北曹村',
  content: '改造蔬菜大棚 20 座',
  scale: '20 座',
  totalBudget: '1600000.00',
  fundingSources: [
    { source: '市级衔接资金', amount: '1500000.50' },
    { source: '村集体自筹', amount: '99999.50' },
  ],
  beneficiaries: { householdsLifted: 12, householdsMonitored: 3, people: 45 },
  farmerLink: '吸纳脱贫户务工，村集体收益按股分红',
  departmentCode: 'agriculture',
};

describe('first slice: a draft through API, workflow, activity and database', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const countProjects = async () => Number((await stack.db.query('SELECT count(*) AS n FROM projects'))[0].n);

  it('reports database and Temporal as up', async () => {
    const response = await stack.http().get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', database: { status: 'up' }, temporal: { status: 'up' } });
  });

  it('creates a draft, starts project-<id>, records it and reads it back', async () => {
    const village = await login(stack, 'village1');
    const created = await stack.http().post('/projects').set(village).send(application).expect(201);
    const id: string = created.body.id;
    expect(created.body).toMatchObject({
      stage: 'draft',
      name: application.name,
      totalBudget: '1600000.00',
      fundingSources: application.fundingSources,
      countyCode: '140602000000',
      nextActor: { role: 'village', regionCode: '140602205901' },
    });

    const read = await stack.http().get(`/projects/${id}`).set(village).expect(200);
    expect(read.body).toEqual(created.body);

    const status = await stack.temporal.workflow.getHandle(projectWorkflowId(id)).query(projectStatusQuery);
    expect(status).toEqual({ projectId: id, stage: 'draft', version: 1 });

    const [row] = await stack.db.query('SELECT total_budget_fen, stage FROM projects WHERE id = $1', [id]);
    expect(row).toEqual({ total_budget_fen: '160000000', stage: 'draft' });
    const events = await stack.db.query('SELECT seq, action, to_stage, actor_name FROM project_events WHERE project_id = $1', [id]);
    expect(events).toEqual([{ seq: 1, action: 'create', to_stage: 'draft', actor_name: '北曹村村委会' }]);

    // Same county, other township's village: the project does not exist for them.
    const other = await login(stack, 'village2');
    const hidden = await stack.http().get(`/projects/${id}`).set(other).expect(404);
    expect(hidden.body).toEqual({ code: 'NOT_FOUND', message: '项目不存在', details: null });
    // The county sees it.
    await stack.http().get(`/projects/${id}`).set(await login(stack, 'county1')).expect(200);
  });

  it('refuses requests without a token', async () => {
    const response = await stack.http().post('/projects').send(application).expect(401);
    expect(response.body.code).toBe('UNAUTHORIZED');
    expect(response.body.message).toMatch(/令牌/);
  });

  it('refuses other roles with 403', async () => {
    const response = await stack.http().post('/projects').set(await login(stack, 'township1')).send(application).expect(403);
    expect(response.body.code).toBe('WRONG_ROLE');
  });

  it.each([
    ['an unknown field', { ...application, extra: 1 }, /不允许的字段 extra/],
    ['a negative amount', { ...application, totalBudget: '-1.00' }, /总投资/],
    ['three decimals', { ...application, totalBudget: '1600000.001' }, /总投资/],
    ['a number instead of a string', { ...application, totalBudget: 1600000 }, /总投资/],
    ['full-width digits', { ...application, totalBudget: '１６００' }, /总投资/],
    ['a fractional household count', { ...application, beneficiaries: { ...application.beneficiaries, people: 1.5 } }, /受益人数/, 400],
    // Well formed, but what it says cannot be: 422.
    ['sources not adding up', { ...application, totalBudget: '1600000.01' }, /资金来源金额之和/, 422],
    ['an unknown village', { ...application, villageCode: '140602205999' }, /村代码/, 422],
  ])('answers in Chinese for %s and writes nothing', async (_label, body, message, status = 400) => {
    const before = await countProjects();
    const response = await stack.http().post('/projects').set(await login(stack, 'village1')).send(body).expect(status);
    expect(response.body.message).toMatch(message);
    expect(Object.keys(response.body).sort()).toEqual(['code', 'details', 'message']);
    expect(await countProjects()).toBe(before);
  });

  it('answers 403 for a village outside the caller’s own', async () => {
    const response = await stack
      .http()
      .post('/projects')
      .set(await login(stack, 'village1'))
      .send({ ...application, villageCode: '140602100204' })
      .expect(403);
    expect(response.body.code).toBe('OUTSIDE_REGION');
  });

  it('answers broken JSON and oversized bodies with 4xx, not 500', async () => {
    const village = await login(stack, 'village1');
    const broken = await stack.http().post('/projects').set(village).set('content-type', 'application/json').send('{"name":').expect(400);
    expect(broken.body.code).toBe('INVALID_JSON');
    const huge = await stack.http().post('/projects').set(village).send({ ...application, content: 'x'.repeat(300_000) }).expect(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 404 for a malformed or unknown id', async () => {
    const village = await login(stack, 'village1');
    await stack.http().get('/projects/not-a-uuid').set(village).expect(404);
    await stack.http().get('/projects/00000000-0000-4000-8000-000000000000').set(village).expect(404);
  });
});
