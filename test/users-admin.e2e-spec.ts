import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../apps/api/src/create-api-app';
import { LOGIN_LIMITS } from '../apps/api/src/auth/login-throttle';
import { LOCKOUT_RULE } from '../libs/domain/src/login-lockout';
import { PINGLU, SHUOCHENG, ensureTownship } from './support/abuse-targets';
import type { Headers } from './support/fixtures';
import { login, startTestStack, type TestStack } from './support/test-stack';

/**
 * 用户管理 over HTTP: an administrator creates accounts that must change their first password, the
 * password policy, sessions ending when an account is disabled or its password changes, the lock
 * after repeated wrong passwords (counted in the database, so across API replicas), and a county
 * admin confined to its county. The accounts live in townships of this file's own (朔城区 240, 241
 * and 平鲁区 240), so no other test meets them.
 */
const TOWNSHIP = '140602240000';
const TOWNSHIP_B = '140602241000';
const PINGLU_TOWNSHIP = '140603240000';

describe('users administration', () => {
  let stack: TestStack;
  let admin: Headers;
  const run = randomUUID().slice(0, 6);

  beforeAll(async () => {
    stack = await startTestStack();
    await ensureTownship(stack, TOWNSHIP, SHUOCHENG, '用户测试镇');
    await ensureTownship(stack, TOWNSHIP_B, SHUOCHENG, '用户测试二镇');
    await ensureTownship(stack, PINGLU_TOWNSHIP, PINGLU, '平鲁用户测试镇');
    admin = await login(stack, 'admin');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const bearer = (token: string): Headers => ({ Authorization: `Bearer ${token}` });
  const signIn = (username: string, password: string, app: INestApplication = stack.app) =>
    request(app.getHttpServer()).post('/auth/login').send({ username, password });

  function createUser(by: Headers, body: Record<string, unknown>) {
    return stack.http().post('/users').set(by).send(body);
  }

  /** A new account through the API, signed in and past its first password change; answers its id, header and password. */
  async function activeUser(fields: { username: string; role: string; regionCode: string; department?: string }) {
    const created = await createUser(admin, { displayName: `测试用户 ${fields.username}`, password: 'Start2024x', ...fields }).expect(201);
    const first = await signIn(fields.username, 'Start2024x').expect(200);
    const changed = await stack
      .http()
      .post('/auth/change-password')
      .set(bearer(first.body.accessToken))
      .send({ oldPassword: 'Start2024x', newPassword: 'Shuocheng2026' })
      .expect(200);
    return { id: created.body.id as string, headers: bearer(changed.body.accessToken), password: 'Shuocheng2026' };
  }

  async function userCount(): Promise<number> {
    const [{ n }] = await stack.db.query(`SELECT count(*)::int AS n FROM users`);
    return n;
  }

  it('an admin creates a township user, who must change the password, is refused weak ones, and then works', async () => {
    const username = `ua-town-${run}`;
    const created = await createUser(admin, { username, displayName: '用户测试镇人民政府 李华', role: 'township', regionCode: TOWNSHIP, password: 'Start2024x' }).expect(201);
    expect(created.body).toMatchObject({ username, role: 'township', roleLabel: '乡镇', regionCode: TOWNSHIP, regionName: '用户测试镇', department: null, disabled: false, mustChangePassword: true, locked: false, failedLogins: 0 });
    expect(created.body).not.toHaveProperty('passwordHash');

    const first = await signIn(username, 'Start2024x').expect(200);
    expect(first.body.user).toMatchObject({ username, role: 'township', mustChangePassword: true });
    const pending = bearer(first.body.accessToken);
    const refused = await stack.http().get('/tasks').set(pending).expect(403);
    expect(refused.body).toEqual({ code: 'PASSWORD_CHANGE_REQUIRED', message: expect.stringContaining('须先修改密码'), details: null });
    await stack.http().get('/projects').set(pending).expect(403);
    expect((await stack.http().get('/auth/me').set(pending).expect(200)).body).toMatchObject({ username, mustChangePassword: true });

    const change = (oldPassword: string, newPassword: string) => stack.http().post('/auth/change-password').set(pending).send({ oldPassword, newPassword });
    const weak: Array<[string, string]> = [
      ['Ab1', '密码至少 8 位'],
      ['abcdefghij', '密码须同时包含字母和数字'],
      [`x${username.toUpperCase()}9`, '密码不能包含用户名'],
      ['Start2024x', '新密码不能与原密码相同'],
    ];
    for (const [password, message] of weak) {
      const answer = await change('Start2024x', password).expect(422);
      expect(answer.body).toMatchObject({ code: 'WEAK_PASSWORD', message: expect.stringContaining(message) });
    }
    expect((await change('Wrong2024x', 'Shuocheng2026').expect(422)).body.code).toBe('WRONG_PASSWORD');
    expect((await change('Start2024x', '').expect(400)).body.code).toBe('VALIDATION_FAILED');

    // The answer is a new token: it is never kept for an Idempotency-Key replay.
    const key = `pw-${run}`;
    const changed = await change('Start2024x', 'Shuocheng2026').set('Idempotency-Key', key).expect(200);
    expect((await stack.db.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1`, [key]))[0].n).toBe(0);
    expect(changed.body.user.mustChangePassword).toBe(false);
    // The password changed, so every earlier session ended, this one's token included.
    await stack.http().get('/auth/me').set(pending).expect(401);
    const working = bearer(changed.body.accessToken);
    await stack.http().get('/tasks').set(working).expect(200);
    expect((await stack.http().get('/auth/me').set(working).expect(200)).body.mustChangePassword).toBe(false);
    await signIn(username, 'Start2024x').expect(401);
    expect((await signIn(username, 'Shuocheng2026').expect(200)).body.user.mustChangePassword).toBe(false);

    const audit = await stack.http().get(`/admin/audit?target=${username}`).set(admin).expect(200);
    expect(audit.body.items.map((e: { action: string; actorUsername: string }) => `${e.actorUsername} ${e.action}`)).toEqual([`${username} user.password_change`, `admin user.create`]);
    expect(audit.body.items[1].detail).toEqual({ displayName: '用户测试镇人民政府 李华', role: 'township', regionCode: TOWNSHIP, department: null });
    expect(JSON.stringify(audit.body)).not.toMatch(/Start2024x|Shuocheng2026|scrypt/);
  });

  it('refuses bad accounts with a Chinese reason and creates none of them', async () => {
    const before = await userCount();
    const base = { username: `ua-bad-${run}`, displayName: '测试', role: 'township', regionCode: TOWNSHIP, password: 'Start2024x' };
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ ...base, username: 'Upper-Case' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, role: 'root' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, regionCode: '1406' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, displayName: '   ' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, extra: 1 }, 400, 'VALIDATION_FAILED'],
      [{ ...base, username: 'township1' }, 409, 'USERNAME_TAKEN'],
      [{ ...base, regionCode: '140602249000' }, 422, 'UNKNOWN_REGION'],
      [{ ...base, role: 'village' }, 422, 'RULE_BROKEN'],
      [{ ...base, role: 'department', regionCode: SHUOCHENG }, 422, 'RULE_BROKEN'],
      [{ ...base, department: 'water' }, 422, 'RULE_BROKEN'],
      [{ ...base, password: 'password' }, 422, 'WEAK_PASSWORD'],
      [{ ...base, password: `${base.username}1` }, 422, 'WEAK_PASSWORD'],
    ];
    for (const [body, status, code] of cases) {
      const answer = await createUser(admin, body);
      expect([answer.status, answer.body.code]).toEqual([status, code]);
      expect(answer.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await userCount()).toBe(before);
  });

  it('disabling an account ends its sessions at once; enabling it lets it sign in again; a reset password must be changed', async () => {
    const user = await activeUser({ username: `ua-off-${run}`, role: 'township', regionCode: TOWNSHIP });
    await stack.http().get('/tasks').set(user.headers).expect(200);

    const disabled = await stack.http().patch(`/users/${user.id}`).set(admin).send({ disabled: true }).expect(200);
    expect(disabled.body.disabled).toBe(true);
    expect((await stack.http().get('/tasks').set(user.headers).expect(401)).body.code).toBe('UNAUTHORIZED');
    expect((await signIn(`ua-off-${run}`, user.password).expect(403)).body.code).toBe('ACCOUNT_DISABLED');
    // A wrong password does not learn that the account is disabled.
    await signIn(`ua-off-${run}`, 'Guess2024x').expect(401);
    expect((await stack.http().get(`/users?status=disabled&regionCode=${TOWNSHIP}`).set(admin).expect(200)).body.items.map((u: { id: string }) => u.id)).toEqual([user.id]);

    await stack.http().patch(`/users/${user.id}`).set(admin).send({ disabled: false }).expect(200);
    await signIn(`ua-off-${run}`, user.password).expect(200);

    // Moving the account to another township ends its sessions too: the token names the old one.
    const again = bearer((await signIn(`ua-off-${run}`, user.password).expect(200)).body.accessToken);
    const moved = await stack.http().patch(`/users/${user.id}`).set(admin).send({ regionCode: TOWNSHIP_B, displayName: '用户测试二镇 王强' }).expect(200);
    expect(moved.body).toMatchObject({ regionCode: TOWNSHIP_B, regionName: '用户测试二镇', displayName: '用户测试二镇 王强' });
    await stack.http().get('/tasks').set(again).expect(401);

    const reset = await stack.http().post(`/users/${user.id}/reset-password`).set(admin).send({ password: 'Reset2026y' }).expect(200);
    expect(reset.body.mustChangePassword).toBe(true);
    const afterReset = await signIn(`ua-off-${run}`, 'Reset2026y').expect(200);
    expect(afterReset.body.user.mustChangePassword).toBe(true);
    expect((await stack.http().get('/tasks').set(bearer(afterReset.body.accessToken)).expect(403)).body.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const actions = (await stack.http().get(`/admin/audit?target=ua-off-${run}&actor=admin`).set(admin).expect(200)).body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['user.reset_password', 'user.update', 'user.enable', 'user.disable', 'user.create']);

    const adminId = (await stack.http().get('/auth/me').set(admin).expect(200)).body.id;
    expect((await stack.http().patch(`/users/${adminId}`).set(admin).send({ disabled: true }).expect(409)).body.code).toBe('CONFLICT');
    expect((await stack.http().patch(`/users/${user.id}`).set(admin).send({}).expect(400)).body.code).toBe('VALIDATION_FAILED');
    await stack.http().patch(`/users/${randomUUID()}`).set(admin).send({ disabled: true }).expect(404);
    await stack.http().patch('/users/not-a-uuid').set(admin).send({ disabled: true }).expect(404);
  });

  it('locks an account after repeated wrong passwords counted across API replicas, shows the lock to the admin, who unlocks it', async () => {
    const username = `ua-lock-${run}`;
    const user = await activeUser({ username, role: 'township', regionCode: TOWNSHIP });
    // A second replica of the API on the same database: each replica throttles bursts in its own
    // memory, and only the count kept in PostgreSQL sees the guesses of both.
    const replica = await createApiApp({
      databaseUrl: process.env.E2E_DATABASE_URL!,
      temporal: { address: process.env.E2E_TEMPORAL_ADDRESS!, namespace: 'default', taskQueue: stack.taskQueue },
      jwtSecret: 'e2e-secret-of-sufficient-length',
    });
    await replica.init();
    try {
      // A wrong old password while signed in counts as well.
      await stack.http().post('/auth/change-password').set(user.headers).send({ oldPassword: 'Guess0000x', newPassword: 'Another2026' }).expect(422);
      const onA = LOGIN_LIMITS.perUsername;
      const onB = LOCKOUT_RULE.maxFailures - 1 - onA;
      expect(onB).toBeGreaterThan(0);
      expect(onB).toBeLessThan(LOGIN_LIMITS.perUsername);
      for (let i = 0; i < onA; i++) await signIn(username, `Guess${i}000x`).expect(401);
      expect((await signIn(username, user.password).expect(429)).body.code).toBe('TOO_MANY_REQUESTS');
      for (let i = 0; i < onB; i++) await signIn(username, `Other${i}000x`, replica).expect(401);

      const seen = (await stack.http().get(`/users/${user.id}`).set(admin).expect(200)).body;
      expect(seen).toMatchObject({ locked: true, failedLogins: LOCKOUT_RULE.maxFailures, lastFailedLoginAt: expect.any(String) });
      const lockedFor = Date.parse(seen.lockedUntil) - Date.now();
      expect(lockedFor).toBeGreaterThan(LOCKOUT_RULE.lockMs - 60_000);
      expect(lockedFor).toBeLessThanOrEqual(LOCKOUT_RULE.lockMs);
      const listed = await stack.http().get(`/users?status=locked&q=${username}`).set(admin).expect(200);
      expect(listed.body.items.map((u: { username: string }) => u.username)).toEqual([username]);

      // Locked: even the right password is refused, without being checked, and so is a password change.
      const refused = await signIn(username, user.password, replica).expect(403);
      expect(refused.body).toMatchObject({ code: 'ACCOUNT_LOCKED', message: expect.stringContaining('已被锁定'), details: { lockedUntil: seen.lockedUntil } });
      await stack.http().post('/auth/change-password').set(user.headers).send({ oldPassword: user.password, newPassword: 'Another2026' }).expect(403);

      const unlocked = await stack.http().post(`/users/${user.id}/unlock`).set(admin).expect(200);
      expect(unlocked.body).toMatchObject({ locked: false, lockedUntil: null, failedLogins: 0 });
      await signIn(username, user.password).expect(200);

      const log = (await stack.http().get(`/admin/audit?target=${username}`).set(admin).expect(200)).body.items;
      expect(log.slice(0, 2).map((e: { action: string; actorUsername: string }) => `${e.actorUsername} ${e.action}`)).toEqual([`admin user.unlock`, `${username} user.locked`]);
      expect(log[0].detail).toEqual({ failedLogins: LOCKOUT_RULE.maxFailures, lockedUntil: seen.lockedUntil });
    } finally {
      await replica.close();
    }
  });

  it('a successful sign-in clears the wrong-password count, so demo users signed in all day are never locked', async () => {
    const username = `ua-typo-${run}`;
    const user = await activeUser({ username, role: 'township', regionCode: TOWNSHIP });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < LOGIN_LIMITS.perUsername - 1; i++) await signIn(username, `Typo${i}000x`).expect(401);
      await signIn(username, user.password).expect(200);
    }
    expect((await stack.http().get(`/users/${user.id}`).set(admin).expect(200)).body).toMatchObject({ locked: false, failedLogins: 0 });
  });

  it('a county admin manages the accounts of its own county only', async () => {
    const countyAdmin = await activeUser({ username: `ua-ca-${run}`, role: 'county_admin', regionCode: SHUOCHENG });
    const pinglu = await createUser(admin, { username: `ua-pl-${run}`, displayName: '平鲁测试镇', role: 'township', regionCode: PINGLU_TOWNSHIP, password: 'Start2024x' }).expect(201);
    const adminId = (await stack.http().get('/auth/me').set(admin).expect(200)).body.id;
    const ca = countyAdmin.headers;

    const made = await createUser(ca, { username: `ua-ca-town-${run}`, displayName: '县管理员设立的乡镇用户', role: 'township', regionCode: TOWNSHIP, password: 'Start2024x' }).expect(201);
    expect(made.body.mustChangePassword).toBe(true);
    for (const role of ['admin', 'county_admin', 'monitor']) {
      const regionCode = role === 'admin' ? '000000000000' : SHUOCHENG;
      const answer = await createUser(ca, { username: `ua-ca-${role.replace('_', '-')}-${run}`, displayName: '越权', role, regionCode, password: 'Start2024x' }).expect(403);
      expect(answer.body.code).toBe('WRONG_ROLE');
    }
    expect((await createUser(ca, { username: `ua-ca-pl-${run}`, displayName: '越界', role: 'township', regionCode: PINGLU_TOWNSHIP, password: 'Start2024x' }).expect(403)).body.code).toBe('OUTSIDE_REGION');

    // Another county's account, and the national admin's, are not there for a county admin.
    for (const id of [pinglu.body.id, adminId]) {
      await stack.http().get(`/users/${id}`).set(ca).expect(404);
      await stack.http().patch(`/users/${id}`).set(ca).send({ disabled: true }).expect(404);
      await stack.http().post(`/users/${id}/reset-password`).set(ca).send({ password: 'Taken2026z' }).expect(404);
      await stack.http().post(`/users/${id}/unlock`).set(ca).expect(404);
    }
    expect((await stack.http().get(`/users/${pinglu.body.id}`).set(admin).expect(200)).body.disabled).toBe(false);
    // Nor may it move one of its own accounts out of its county, or make it an admin.
    expect((await stack.http().patch(`/users/${made.body.id}`).set(ca).send({ regionCode: PINGLU_TOWNSHIP }).expect(403)).body.code).toBe('OUTSIDE_REGION');
    expect((await stack.http().patch(`/users/${made.body.id}`).set(ca).send({ role: 'county_admin', regionCode: SHUOCHENG }).expect(403)).body.code).toBe('WRONG_ROLE');
    await stack.http().patch(`/users/${made.body.id}`).set(ca).send({ disabled: true }).expect(200);

    const list = await stack.http().get('/users?pageSize=200').set(ca).expect(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((u: { regionCode: string }) => u.regionCode.startsWith('140602'))).toBe(true);
    expect(list.body.items.map((u: { username: string }) => u.username)).toEqual(expect.arrayContaining(['county1', 'township1', `ua-ca-town-${run}`]));
    await stack.http().get(`/users?regionCode=${PINGLU}`).set(ca).expect(404);

    const audit = await stack.http().get('/admin/audit?pageSize=200').set(ca).expect(200);
    expect(audit.body.items.every((e: { regionCode: string }) => e.regionCode.startsWith('140602'))).toBe(true);
    expect(audit.body.items.map((e: { targetUsername: string }) => e.targetUsername)).not.toContain(`ua-pl-${run}`);
    expect(audit.body.items.find((e: { action: string; targetUsername: string }) => e.action === 'user.disable' && e.targetUsername === `ua-ca-town-${run}`)).toMatchObject({ actorUsername: `ua-ca-${run}`, actorRole: 'county_admin' });

    const county1 = await login(stack, 'county1');
    expect((await stack.http().get('/users').set(county1).expect(403)).body.code).toBe('WRONG_ROLE');
    await stack.http().get('/admin/audit').set(county1).expect(403);
  });

  it('filters the admin log by action and Beijing dates, and the log refuses any change', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const creates = await stack.http().get(`/admin/audit?action=user.create&from=${today}&to=${today}&pageSize=5`).set(admin).expect(200);
    expect(creates.body.total).toBeGreaterThan(0);
    expect(creates.body.items.every((e: { action: string; actionLabel: string }) => e.action === 'user.create' && e.actionLabel === '新建用户')).toBe(true);
    expect((await stack.http().get('/admin/audit?from=2000-01-01&to=2000-01-02').set(admin).expect(200)).body.total).toBe(0);
    expect((await stack.http().get('/admin/audit?from=2026-02-30').set(admin).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await stack.http().get('/admin/audit?action=drop').set(admin).expect(400)).body.code).toBe('VALIDATION_FAILED');

    await expect(stack.db.query(`UPDATE admin_audit SET action = 'user.create' WHERE target_username LIKE 'ua-%'`)).rejects.toThrow(/append-only/);
    await expect(stack.db.query(`DELETE FROM admin_audit WHERE target_username LIKE 'ua-%'`)).rejects.toThrow(/append-only/);
  });
});
