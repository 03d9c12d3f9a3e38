import { randomUUID } from 'node:crypto';
import { hashPassword } from '../libs/auth/src/password';
import { DEFAULT_POLICY, POLICY_KEYS, type Policy } from '../libs/domain/src/policy';
import { effectivePolicy, savePolicyPatch } from '../libs/persistence/src/policies/policy-store';
import { login, startTestStack, type TestStack } from './support/test-stack';

/**
 * Test files share one database and run in parallel, so this file changes policies only in 塔城地区,
 * which no other test uses, and withdraws every value it set in afterAll. The Shanxi demo users only
 * read.
 */
const ROOT = '000000000000';
const XINJIANG = '650000000000';
const TACHENG = '654200000000';
const YUMIN = '654225000000'; // 裕民县: the test county user's region
const TUOLI = '654224000000'; // 托里县: a sibling county
const EMIN = '654221000000'; // 额敏县: read for the defaults, never set
const SHANXI = '140000000000';
const SHUOZHOU = '140600000000';
const SHUOCHENG = '140602000000';
const OUR_REGIONS = [TACHENG, YUMIN, TUOLI, EMIN];

const allDefault = Object.fromEntries(POLICY_KEYS.map((k) => [k, 'default']));

describe('policies per region', () => {
  let stack: TestStack;
  let adminId: string;
  const countyUser = `policy-county-${randomUUID().slice(0, 8)}`;
  let admin: { Authorization: string };
  let yumin: { Authorization: string };
  let county1: { Authorization: string };

  const storedState = async () =>
    stack.db.query(
      `SELECT region_code, version, patch,
              (SELECT count(*)::int FROM policy_history h WHERE h.region_code = p.region_code) AS history
         FROM policies p WHERE region_code = ANY($1) ORDER BY region_code`,
      [OUR_REGIONS],
    );

  beforeAll(async () => {
    stack = await startTestStack();
    [{ id: adminId }] = await stack.db.query(`SELECT id FROM users WHERE username = 'admin'`);
    await stack.db.query(`INSERT INTO users (username, display_name, password_hash, role, region_code) VALUES ($1, $2, $3, 'county', $4)`, [
      countyUser,
      '裕民县乡村振兴局（测试）',
      await hashPassword('demo123'),
      YUMIN,
    ]);
    admin = await login(stack, 'admin');
    yumin = await login(stack, countyUser);
    county1 = await login(stack, 'county1');
  });

  afterAll(async () => {
    if (!stack) return;
    // Withdraw every value this file set: the regions inherit the defaults again (history stays).
    const rows: Array<{ region_code: string; patch: Record<string, unknown> }> = await stack.db.query(
      `SELECT region_code, patch FROM policies WHERE region_code = ANY($1)`,
      [OUR_REGIONS],
    );
    for (const row of rows) {
      const removal = Object.fromEntries(Object.keys(row.patch).map((k) => [k, null]));
      await savePolicyPatch(stack.db, row.region_code, removal as Partial<Policy>, adminId);
    }
    await stack.db.query(`DELETE FROM users WHERE username = $1`, [countyUser]);
    await stack.stop();
  });

  it('answers the defaults, every source "default", where no region set anything', async () => {
    for (const headers of [admin, yumin]) {
      const region = headers === admin ? EMIN : YUMIN;
      const response = await stack.http().get(`/policies/${region}`).set(headers).expect(200);
      expect(response.body).toEqual({ regionCode: region, policy: DEFAULT_POLICY, sources: allDefault, version: 0 });
    }
    // The values are in API form: ISO-8601 durations, decimal strings, money in yuan.
    const { body } = await stack.http().get(`/policies/${EMIN}`).set(admin).expect(200);
    expect(body.policy).toMatchObject({ publicityPeriod: 'P10D', industryShareMin: '0.65', meetingRequiredAbove: '500000.00' });
  });

  it('merges the patches from the root down, the nearest region winning, with their sources', async () => {
    const tacheng = await stack.http().put(`/policies/${TACHENG}`).set(admin).send({ publicityPeriod: 'PT30S' }).expect(200);
    expect(tacheng.body).toMatchObject({ regionCode: TACHENG, version: 1, policy: { publicityPeriod: 'PT30S' } });
    expect(tacheng.body.sources).toEqual({ ...allDefault, publicityPeriod: TACHENG });

    const county = await stack.http().put(`/policies/${YUMIN}`).set(admin).send({ matchingDeadline: 'P30D' }).expect(200);
    const expected = {
      regionCode: YUMIN,
      policy: { ...DEFAULT_POLICY, publicityPeriod: 'PT30S', matchingDeadline: 'P30D' },
      sources: { ...allDefault, publicityPeriod: TACHENG, matchingDeadline: YUMIN },
      version: 1,
    };
    expect(county.body).toEqual(expected);

    // The county reads what applies to it, and the regions above it.
    expect((await stack.http().get(`/policies/${YUMIN}`).set(yumin).expect(200)).body).toEqual(expected);
    const above = await stack.http().get(`/policies/${TACHENG}`).set(yumin).expect(200);
    expect(above.body).toEqual({
      regionCode: TACHENG,
      policy: { ...DEFAULT_POLICY, publicityPeriod: 'PT30S' },
      sources: { ...allDefault, publicityPeriod: TACHENG },
      version: 1,
    });
    for (const region of [XINJIANG, ROOT]) {
      const { body } = await stack.http().get(`/policies/${region}`).set(yumin).expect(200);
      expect(body.sources.publicityPeriod).toBe('default');
    }
    // A sibling county inherits the prefecture's value only.
    const sibling = await stack.http().get(`/policies/${EMIN}`).set(admin).expect(200);
    expect(sibling.body.sources).toEqual({ ...allDefault, publicityPeriod: TACHENG });
    expect(sibling.body.version).toBe(0);

    // What activities call: the same answer from the data source and inside a transaction.
    expect(await effectivePolicy(stack.db, YUMIN)).toEqual({ policy: expected.policy, sources: expected.sources });
    expect(await stack.db.transaction((m) => effectivePolicy(m, YUMIN))).toEqual({ policy: expected.policy, sources: expected.sources });

    const history = await stack.db.query(
      `SELECT region_code, version, patch, change, updated_by FROM policy_history WHERE region_code = ANY($1) ORDER BY region_code`,
      [[TACHENG, YUMIN]],
    );
    expect(history).toEqual([
      { region_code: TACHENG, version: 1, patch: { publicityPeriod: 'PT30S' }, change: { publicityPeriod: 'PT30S' }, updated_by: adminId },
      { region_code: YUMIN, version: 1, patch: { matchingDeadline: 'P30D' }, change: { matchingDeadline: 'P30D' }, updated_by: adminId },
    ]);
  });

  it('merges a later change into the stored patch; null withdraws a value, which is inherited again', async () => {
    const changed = await stack
      .http()
      .put(`/policies/${YUMIN}`)
      .set(admin)
      .send({ retentionRate: '0.05', meetingRequiredAbove: '1000000' })
      .expect(200);
    expect(changed.body.version).toBe(2);
    expect(changed.body.policy).toMatchObject({ matchingDeadline: 'P30D', retentionRate: '0.05', meetingRequiredAbove: '1000000.00' });

    const withdrawn = await stack
      .http()
      .put(`/policies/${YUMIN}`)
      .set(admin)
      .send({ matchingDeadline: null, publicityPeriod: 'P7D' })
      .expect(200);
    expect(withdrawn.body.version).toBe(3);
    expect(withdrawn.body.policy).toMatchObject({ matchingDeadline: 'P15D', publicityPeriod: 'P7D', retentionRate: '0.05' });
    expect(withdrawn.body.sources).toEqual({
      ...allDefault,
      publicityPeriod: YUMIN,
      retentionRate: YUMIN,
      meetingRequiredAbove: YUMIN,
    });

    const [stored] = await stack.db.query(`SELECT patch, version FROM policies WHERE region_code = $1`, [YUMIN]);
    expect(stored).toEqual({ version: 3, patch: { publicityPeriod: 'P7D', retentionRate: '0.05', meetingRequiredAbove: '1000000.00' } });
    const [last] = await stack.db.query(`SELECT change FROM policy_history WHERE region_code = $1 AND version = 3`, [YUMIN]);
    expect(last.change).toEqual({ publicityPeriod: 'P7D', matchingDeadline: null });
  });

  it('keeps the history append-only', async () => {
    await expect(stack.db.query(`UPDATE policy_history SET version = 99 WHERE region_code = $1`, [YUMIN])).rejects.toThrow(/append-only/);
    await expect(stack.db.query(`DELETE FROM policy_history WHERE region_code = $1`, [YUMIN])).rejects.toThrow(/append-only/);
  });

  it('numbers concurrent changes of one region without gaps or failures', async () => {
    const rates = ['0.01', '0.02', '0.03', '0.04', '0.05'];
    await Promise.all(rates.map((r) => stack.http().put(`/policies/${TUOLI}`).set(admin).send({ retentionRate: r }).expect(200)));
    const versions = await stack.db.query(`SELECT version FROM policy_history WHERE region_code = $1 ORDER BY version`, [TUOLI]);
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 3, 4, 5]);
    const [row] = await stack.db.query(`SELECT version FROM policies WHERE region_code = $1`, [TUOLI]);
    expect(row.version).toBe(5);
  });

  it.each([
    ['county1', SHUOCHENG],
    ['monitor1', SHUOZHOU],
    ['village1', '140602205901'],
  ])('refuses a change by %s with 403', async (username, region) => {
    const history = async () =>
      (await stack.db.query(`SELECT count(*)::int AS n FROM policy_history WHERE region_code = ANY($1)`, [[region, ...OUR_REGIONS]]))[0].n;
    const before = await history();
    const response = await stack
      .http()
      .put(`/policies/${region}`)
      .set(await login(stack, username))
      .send({ publicityPeriod: 'PT30S' })
      .expect(403);
    expect(response.body.code).toBe('WRONG_ROLE');
    await stack.http().put(`/policies/${YUMIN}`).set(yumin).send({ publicityPeriod: 'PT30S' }).expect(403);
    expect(await history()).toBe(before);
  });

  it.each([
    ['a duration in words', { publicityPeriod: '10 days' }, ['publicityPeriod'], /时长/],
    ['a share above 1', { industryShareMin: '1.5' }, ['industryShareMin'], /比例/],
    ['an unknown key', { publicityPeriod: 'P5D', appealPeriod: 'P5D' }, ['appealPeriod'], /未知的策略项：appealPeriod/],
    ['an unknown key sent as null', { appealPeriod: null }, ['appealPeriod'], /未知的策略项/],
    ['a zero period', { matchingDeadline: 'P0D' }, ['matchingDeadline'], /大于零/],
    ['money as a number', { meetingRequiredAbove: 1000000 }, ['meetingRequiredAbove'], /金额/],
    ['a partial taskDue', { taskDue: { township: 'P3D' } }, ['taskDue.department', 'taskDue.county', 'taskDue.village'], /办理时限/],
    [
      'several bad values at once',
      { publicityPeriod: '10 days', industryShareMin: '1.5', retentionRate: '0.02' },
      ['publicityPeriod', 'industryShareMin'],
      /时长[\s\S]*比例/,
    ],
  ])('answers 400 in Chinese for %s and stores nothing', async (_label, body, fields, message) => {
    const before = await storedState();
    const response = await stack.http().put(`/policies/${YUMIN}`).set(admin).send(body).expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.message).toMatch(/^政策参数不合法：/);
    expect(response.body.details.map((d: { field: string }) => d.field)).toEqual(fields);
    expect(response.body.details.map((d: { message: string }) => d.message).join('\n')).toMatch(message);
    for (const d of response.body.details) expect(Object.keys(d).sort()).toEqual(['field', 'message']);
    expect(await storedState()).toEqual(before);
  });

  it('answers 400 for a body that is not an object or names no key', async () => {
    const before = await storedState();
    const list = await stack
      .http()
      .put(`/policies/${YUMIN}`)
      .set(admin)
      .send([{ publicityPeriod: 'P5D' }])
      .expect(400);
    expect(list.body.message).toMatch(/须为对象/);
    const empty = await stack.http().put(`/policies/${YUMIN}`).set(admin).send({}).expect(400);
    expect(empty.body.message).toMatch(/至少提供一项/);
    expect(await storedState()).toEqual(before);
  });

  it('refuses invalid values in savePolicyPatch too', async () => {
    const before = await storedState();
    await expect(savePolicyPatch(stack.db, YUMIN, { publicityPeriod: '10 days' }, adminId)).rejects.toThrow(/政策参数不合法/);
    expect(await storedState()).toEqual(before);
  });

  it('shows a user their own region, the regions inside it and above it, nothing else (404)', async () => {
    for (const region of [SHUOCHENG, '140602205901', SHUOZHOU, SHANXI, ROOT]) {
      await stack.http().get(`/policies/${region}`).set(county1).expect(200);
    }
    for (const [headers, region] of [
      [county1, YUMIN],
      [county1, '140603000000'],
      [county1, '140621000000'],
      [yumin, TUOLI],
      [yumin, SHUOCHENG],
    ] as const) {
      const response = await stack.http().get(`/policies/${region}`).set(headers).expect(404);
      expect(response.body).toEqual({ code: 'NOT_FOUND', message: '地区不存在或不在本单位可查看的范围内', details: null });
    }
    const monitor = await login(stack, 'monitor1');
    await stack.http().get(`/policies/${SHUOCHENG}`).set(monitor).expect(200);
    await stack.http().get('/policies/140700000000').set(monitor).expect(404);
  });

  it('answers 404 for an unknown region and 400 for a malformed code', async () => {
    await stack.http().get('/policies/654299000000').set(admin).expect(404);
    await stack.http().put('/policies/654299000000').set(admin).send({ publicityPeriod: 'P5D' }).expect(404);
    await expect(effectivePolicy(stack.db, '654299000000')).rejects.toThrow(/地区不存在/);
    for (const bad of ['abc', '65422500000', '6542250000001', '６５４２２５００００００']) {
      const response = await stack
        .http()
        .get(`/policies/${encodeURIComponent(bad)}`)
        .set(admin)
        .expect(400);
      expect(response.body.message).toMatch(/12 位数字/);
      await stack
        .http()
        .put(`/policies/${encodeURIComponent(bad)}`)
        .set(admin)
        .send({ publicityPeriod: 'P5D' })
        .expect(400);
    }
  });

  it('needs a token', async () => {
    const response = await stack.http().get(`/policies/${YUMIN}`).expect(401);
    expect(response.body.code).toBe('UNAUTHORIZED');
  });
});
