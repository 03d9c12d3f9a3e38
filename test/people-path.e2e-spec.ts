import { randomUUID } from 'node:crypto';
import { createDraft, ensureUser, inbox, type Headers } from './support/fixtures';
import { login, startTestStack, type TestStack } from './support/test-stack';

/**
 * A county putting a new clerk to work, end to end over HTTP: the administrator creates the
 * township account; its owner signs in and must change the password before anything else; a
 * colleague hands a waiting review to the newcomer, who asks the colleague to look first, gets the
 * opinion back and approves. A township of its own (测试新人乡, 140602241000), so no other file's
 * inbox is touched.
 */
const TOWNSHIP = '140602241000';
const VILLAGE = '140602241001';
const SHUOCHENG = '140602000000';

describe('a new township clerk from account creation to first approval', () => {
  let stack: TestStack;
  let admin: Headers, village: Headers, colleague: Headers;
  let colleagueId: string;
  const run = randomUUID().slice(0, 6);
  const bearer = (token: string): Headers => ({ Authorization: `Bearer ${token}` });
  const post = (path: string, who: Headers, body: object = {}) => stack.http().post(path).set(who).send(body);

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.db.query(`INSERT INTO regions (code, name, level, parent_code) VALUES ($1, '测试新人乡', 'township', $2) ON CONFLICT DO NOTHING`, [TOWNSHIP, SHUOCHENG]);
    await stack.db.query(`INSERT INTO regions (code, name, level, parent_code) VALUES ($1, '测试新人村', 'village', $2) ON CONFLICT DO NOTHING`, [VILLAGE, TOWNSHIP]);
    village = await ensureUser(stack, { username: 'newcomer-village', role: 'village', regionCode: VILLAGE, displayName: '测试新人村村委会' });
    colleague = await ensureUser(stack, { username: 'newcomer-colleague', role: 'township', regionCode: TOWNSHIP, displayName: '测试新人乡 老张' });
    [{ id: colleagueId }] = await stack.db.query(`SELECT id FROM users WHERE username = 'newcomer-colleague'`);
    admin = await login(stack, 'admin');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('is created by the administrator, changes the password, receives a transferred review, delegates it, gets it back and approves', async () => {
    const username = `newcomer-${run}`;
    const created = await post('/users', admin, { username, displayName: '测试新人乡 小王', role: 'township', regionCode: TOWNSHIP, password: 'Start2024x' }).expect(201);
    expect(created.body).toMatchObject({ role: 'township', regionCode: TOWNSHIP, mustChangePassword: true });
    const newcomerId = created.body.id as string;

    const first = await stack.http().post('/auth/login').send({ username, password: 'Start2024x' }).expect(200);
    const pending = bearer(first.body.accessToken);
    expect((await stack.http().get('/tasks').set(pending).expect(403)).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    await post('/auth/change-password', pending, { oldPassword: 'Start2024x', newPassword: username }).expect(422);
    const changed = await post('/auth/change-password', pending, { oldPassword: 'Start2024x', newPassword: 'Xinren2026' }).expect(200);
    const newcomer = bearer(changed.body.accessToken);
    expect(await inbox(stack, newcomer)).toEqual([]);

    const id = await createDraft(stack, village, { villageCode: VILLAGE, place: '测试新人乡测试新人村', name: `新人办理-${run}` });
    await post(`/projects/${id}/submit`, village).expect(200);
    expect((await inbox(stack, colleague)).map((t) => t.projectId)).toContain(id);

    // The colleague hands it on: it is the newcomer's now and no longer the colleague's to decide.
    await post(`/projects/${id}/transfer`, colleague, { userId: newcomerId, comment: '小王负责该村' }).expect(200);
    expect((await inbox(stack, newcomer)).map((t) => t.projectId)).toContain(id);
    await post(`/projects/${id}/review`, colleague, { decision: 'approve' }).expect(403);

    // The newcomer asks the colleague to look first; the decision waits for the opinion.
    await post(`/projects/${id}/delegate`, newcomer, { userId: colleagueId, comment: '请老张先看一下村民代表大会决议' }).expect(200);
    await post(`/projects/${id}/review`, newcomer, { decision: 'approve' }).expect(409);
    await post(`/projects/${id}/delegate-opinion`, colleague, { opinion: '决议齐全，建议通过' }).expect(200);

    const view = (await stack.http().get(`/projects/${id}`).set(newcomer).expect(200)).body;
    expect(JSON.stringify(view.approval)).toContain('决议齐全，建议通过');
    const approved = await post(`/projects/${id}/review`, newcomer, { decision: 'approve', comment: '同意' }).expect(200);
    expect(approved.body.stage).toBe('department_review');

    const history = (await stack.http().get(`/projects/${id}/history`).set(newcomer).expect(200)).body as Array<{ action: string; actor: { name: string } }> | { items: Array<{ action: string; actor: { name: string } }> };
    const steps = Array.isArray(history) ? history : history.items;
    const actions = steps.map((s) => s.action);
    expect(actions).toEqual(expect.arrayContaining(['submit', 'transfer', 'delegate', 'delegate_opinion', 'approve']));
  });
});
