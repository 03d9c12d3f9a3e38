import { randomUUID } from 'node:crypto';
import { requestHash } from '../apps/api/src/idempotency/idempotency-key';
import { IN_PROGRESS_LEASE_SECONDS } from '../apps/api/src/idempotency/idempotency.store';
import { PROJECT_WORKFLOW_TYPE, projectWorkflowId } from '../workflows/project/project.definitions';
import { projectIdFor } from '../apps/api/src/projects/projects.service';
import { application as fixtureApplication } from './support/fixtures';
import { libraryProject } from './support/library-project';
import { login, startTestStack, type TestStack } from './support/test-stack';

/** Test files share one database: every project name here carries this run's suffix. */
const RUN = randomUUID().slice(0, 8);

function application(label: string) {
  return fixtureApplication({ name: `幂等测试-${label}-${RUN}` });
}

describe('Idempotency-Key on mutating requests', () => {
  let stack: TestStack;
  let village: { Authorization: string };
  let villageId: string;
  /** Projects this file has created; each has exactly one workflow on this file's task queue. */
  let created = 0;

  beforeAll(async () => {
    stack = await startTestStack();
    village = await login(stack, 'village1');
    villageId = (await stack.http().get('/auth/me').set(village).expect(200)).body.id;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const key = () => `e2e-${randomUUID()}`;
  const post = (body: object, idempotencyKey?: string) => {
    const req = stack.http().post('/projects').set(village);
    return idempotencyKey === undefined ? req.send(body) : req.set('Idempotency-Key', idempotencyKey).send(body);
  };
  const rowsNamed = async (name: string) =>
    Number((await stack.db.query('SELECT count(*)::int AS n FROM projects WHERE name = $1', [name]))[0].n);

  /** Visibility is eventually consistent: wait until the task queue shows `expected` workflows, and never more. */
  async function expectWorkflowsOnQueue(expected: number): Promise<void> {
    const query = `TaskQueue = '${stack.taskQueue}'`;
    let seen = -1;
    for (let i = 0; i < 100; i++) {
      seen = (await stack.temporal.workflow.count(query)).count;
      if (seen >= expected) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(seen).toBe(expected);
  }

  async function expectOneWorkflow(projectId: string): Promise<void> {
    const description = await stack.temporal.workflow.getHandle(projectWorkflowId(projectId)).describe();
    expect(description.taskQueue).toBe(stack.taskQueue);
  }

  it('answers a repeat with the first answer: same 201 body, one project, one workflow', async () => {
    const body = application('repeat');
    const k = key();
    const first = await post(body, k).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const second = await post(body, k).expect(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(second.body.id).toBe(first.body.id);

    // Key order in the body does not matter: same content, same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const third = await post(reordered, k).expect(201);
    expect(third.body).toEqual(first.body);

    expect(await rowsNamed(body.name)).toBe(1);
    await expectOneWorkflow(first.body.id);
    created += 1;
    await expectWorkflowsOnQueue(created);

    const [row] = await stack.db.query('SELECT status, response_status, method, path FROM idempotency_keys WHERE key = $1', [k]);
    expect(row).toEqual({ status: 'completed', response_status: 201, method: 'POST', path: '/projects' });
  });

  it('refuses the same key with a different body with 422 and creates nothing', async () => {
    const k = key();
    const original = application('reuse');
    await post(original, k).expect(201);
    created += 1;
    const changed = { ...original, name: `${original.name}-改`, content: '改造蔬菜大棚 30 座' };
    const response = await post(changed, k).expect(422);
    expect(response.body).toEqual({ code: 'IDEMPOTENCY_KEY_REUSED', message: '同一 Idempotency-Key 已用于不同的请求内容', details: null });
    expect(await rowsNamed(changed.name)).toBe(0);
    expect(await rowsNamed(original.name)).toBe(1);
  });

  it('repeats a refusal (422) with the same refusal', async () => {
    const k = key();
    const refused = { ...application('refused'), totalBudget: '1600000.01' };
    const first = await post(refused, k).expect(422);
    expect(first.body.code).toBe('FUNDING_MISMATCH');
    const second = await post(refused, k).expect(422);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');

    // A validation refusal from the pipe is remembered the same way.
    const k2 = key();
    const invalid = { ...application('invalid'), extra: 1 };
    const v1 = await post(invalid, k2).expect(400);
    expect(v1.body.code).toBe('VALIDATION_FAILED');
    const v2 = await post(invalid, k2).expect(400);
    expect(v2.body).toEqual(v1.body);
    expect(await rowsNamed(refused.name)).toBe(0);
  });

  it.each([
    ['an empty key', ''],
    ['a key of 201 characters', 'k'.repeat(201)],
    ['a key with a tab', 'bad\tkey'],
    ['a key with a non-ASCII character', 'caf\u00e9'],
  ])('answers 400 INVALID_IDEMPOTENCY_KEY for %s and creates nothing', async (_label, badKey) => {
    const body = application(`badkey-${badKey.length}`);
    const response = await post(body, badKey).expect(400);
    expect(response.body.code).toBe('INVALID_IDEMPOTENCY_KEY');
    expect(response.body.message).toMatch(/Idempotency-Key 须为/);
    expect(Object.keys(response.body).sort()).toEqual(['code', 'details', 'message']);
    expect(await rowsNamed(body.name)).toBe(0);
  });

  it('accepts a key of exactly 200 printable characters', async () => {
    const body = application('long-key');
    const longKey = `${randomUUID()} ~!`.padEnd(200, 'x');
    const first = await post(body, longKey).expect(201);
    created += 1;
    const second = await post(body, longKey).expect(201);
    expect(second.body.id).toBe(first.body.id);
  });

  it('without a key, two identical POSTs create two projects', async () => {
    const body = application('nokey');
    const a = await post(body).expect(201);
    const b = await post(body).expect(201);
    created += 2;
    expect(a.body.id).not.toBe(b.body.id);
    expect(await rowsNamed(body.name)).toBe(2);
    await expectWorkflowsOnQueue(created);
  });

  it('five concurrent requests with one key: one project, every answer the 201 body or 409 in progress', async () => {
    const body = application('concurrent');
    const k = key();
    const responses = await Promise.all(Array.from({ length: 5 }, () => post(body, k)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const successes = responses.filter((r) => r.status === 201);
    expect(successes.length).toBeGreaterThanOrEqual(1);
    for (const s of successes) expect(s.body).toEqual(successes[0].body);
    for (const r of responses.filter((x) => x.status === 409)) {
      expect(r.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
      expect(r.body.message).toMatch(/处理中/);
    }
    expect(await rowsNamed(body.name)).toBe(1);
    created += 1;
    await expectWorkflowsOnQueue(created);

    // Once finished, the key answers with that one project.
    const later = await post(body, k).expect(201);
    expect(later.body).toEqual(successes[0].body);
  });

  it('answers 409 while a request with the key is still in progress', async () => {
    const body = application('in-progress');
    const k = key();
    await stack.db.query(
      `INSERT INTO idempotency_keys (scope, key, method, path, request_hash, status) VALUES ($1, $2, 'POST', '/projects', $3, 'in_progress')`,
      [`${villageId} POST /projects`, k, requestHash(body)],
    );
    const response = await post(body, k).expect(409);
    expect(response.body).toMatchObject({ code: 'IDEMPOTENCY_IN_PROGRESS', details: null });
    expect(response.headers['retry-after']).toBe('1');
    expect(await rowsNamed(body.name)).toBe(0);
  });

  it('lets the key be used again once an unreleased claim has outlived its lease (its request cannot still run)', async () => {
    const body = application('abandoned');
    const k = key();
    const claimed = (ageSeconds: number) =>
      stack.db.query(
        `INSERT INTO idempotency_keys (scope, key, method, path, request_hash, status, created_at) VALUES ($1, $2, 'POST', '/projects', $3, 'in_progress', now() - $4 * interval '1 second')
         ON CONFLICT (scope, key) DO UPDATE SET created_at = EXCLUDED.created_at`,
        [`${villageId} POST /projects`, k, requestHash(body), ageSeconds],
      );
    // Renewed a moment inside the lease: its request may still be running.
    await claimed(IN_PROGRESS_LEASE_SECONDS - 3);
    expect((await post(body, k).expect(409)).body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    await claimed(IN_PROGRESS_LEASE_SECONDS + 1);
    const response = await post(body, k).expect(201);
    created += 1;
    expect(response.headers['idempotent-replayed']).toBeUndefined();
    expect(await rowsNamed(body.name)).toBe(1);
    expect((await post(body, k).expect(201)).headers['idempotent-replayed']).toBe('true');
  });

  it('forgets a key after 24 hours', async () => {
    const body = application('expired');
    const k = key();
    await stack.db.query(
      `INSERT INTO idempotency_keys (scope, key, method, path, request_hash, status, created_at, response_status, response_body, completed_at)
       VALUES ($1, $2, 'POST', '/projects', $3, 'completed', now() - interval '25 hours', 201, '{"stale":true}', now() - interval '25 hours')`,
      [`${villageId} POST /projects`, k, requestHash(body)],
    );
    const response = await post(body, k).expect(201);
    created += 1;
    expect(response.body.stale).toBeUndefined();
    expect(response.headers['idempotent-replayed']).toBeUndefined();
    expect(await rowsNamed(body.name)).toBe(1);
  });

  it('scopes keys per caller: another user may use the same key for its own request', async () => {
    const k = key();
    const ours = await post(application('scope'), k).expect(201);
    created += 1;
    const theirs = { ...application('scope-village2'), villageCode: '140602100204', place: '神头镇东神头村' };
    const other = await stack
      .http()
      .post('/projects')
      .set(await login(stack, 'village2'))
      .set('Idempotency-Key', k)
      .send(theirs)
      .expect(201);
    created += 1;
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(other.body.id).not.toBe(ours.body.id);
    expect(other.body.villageCode).toBe('140602100204');
    await expectWorkflowsOnQueue(created);
  });
});

describe('a create retried after a lost answer', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('finds the draft the first attempt made instead of creating a second one', async () => {
    const village = await login(stack, 'village1');
    const key = `lost-answer-${randomUUID()}`;
    const body = application(`lost-${key}`);
    const first = await stack.http().post('/projects').set(village).set('Idempotency-Key', key).send(body).expect(201);
    // The stored answer is gone, as after a 503 the client never saw: the retry runs the handler again.
    await stack.db.query(`DELETE FROM idempotency_keys WHERE key = $1`, [key]);
    const retry = await stack.http().post('/projects').set(village).set('Idempotency-Key', key).send(body).expect(201);
    expect(retry.body.id).toBe(first.body.id);
    await stack.http().get(`/projects/${first.body.id}`).set(village).expect(200);
  });

  it('delivers the create to a workflow that was started without it (Temporal lost the first create)', async () => {
    const village = await login(stack, 'village1');
    const me = (await stack.http().get('/auth/me').set(village).expect(200)).body;
    const key = `lost-create-${randomUUID()}`;
    const projectId = projectIdFor(me.id, key);
    const orphan = await stack.temporal.workflow.start(PROJECT_WORKFLOW_TYPE, {
      workflowId: projectWorkflowId(projectId),
      taskQueue: stack.taskQueue,
      args: [{ projectId }],
    });
    const created = await stack
      .http()
      .post('/projects')
      .set(village)
      .set('Idempotency-Key', key)
      .send(application(`lost-create-${key}`))
      .expect(201);
    expect(created.body).toMatchObject({ id: projectId, stage: 'draft' });
    expect((await orphan.describe()).runId).toBe(orphan.firstExecutionRunId);
  });

  it("never starts a finished project's workflow again", async () => {
    const village = await login(stack, 'village1');
    const key = `finished-${randomUUID()}`;
    const body = application(`finished-${key}`);
    const first = await stack.http().post('/projects').set(village).set('Idempotency-Key', key).send(body).expect(201);
    await stack.http().post(`/projects/${first.body.id}/withdraw`).set(village).send({ comment: '暂缓实施' }).expect(200);
    const handle = stack.temporal.workflow.getHandle(projectWorkflowId(first.body.id));
    await handle.result();
    await stack.db.query(`DELETE FROM idempotency_keys WHERE key = $1`, [key]);
    const retry = await stack.http().post('/projects').set(village).set('Idempotency-Key', key).send(body).expect(201);
    expect(retry.body).toMatchObject({ id: first.body.id, stage: 'withdrawn' });
    expect((await handle.describe()).status.name).toBe('COMPLETED');
  });

  it('matches once when a keyed match runs again after its record is gone (its claim lapsed while it ran)', async () => {
    const [admin, county] = [await login(stack, 'admin'), await login(stack, 'county1')];
    const { id: projectId } = await libraryProject(stack, '140602205931');
    const batch = await stack
      .http()
      .post('/batches')
      .set(admin)
      .send({ docNumber: `幂等〔2024〕${RUN}号`, title: `幂等测试批次 ${RUN}`, level: 'county', year: 2024, batchNo: 1, issuedAt: '2024-01-05', allocations: [{ regionCode: '140602000000', amount: '1000.00' }] })
      .expect(201);
    const base = `/batches/${batch.body.id}/allocations/140602000000`;
    await stack.http().post(`${base}/receipt`).set(county).send({ receivedAt: new Date().toISOString() }).expect(200);
    const k = `match-${randomUUID()}`;
    // The whole allocation: the repeat must find its match before it would find the allocation spent.
    const match = () => stack.http().post(`${base}/matches`).set(county).set('Idempotency-Key', k).send({ projectId, amount: '1000.00' }).expect(201);
    const first = await match();
    await stack.db.query(`DELETE FROM idempotency_keys WHERE key = $1`, [k]);
    const again = await match();
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(again.body.matchId).toBe(first.body.matchId);
    const [allocation] = again.body.batch.allocations;
    expect(allocation).toMatchObject({ matched: '1000.00', unmatched: '0.00' });
    expect(allocation.matches).toHaveLength(1);
    const [ledger] = await stack.db.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE kind = 'match' AND project_id = $1`, [projectId]);
    expect(ledger.n).toBe(1);
  });
});
