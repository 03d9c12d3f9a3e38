import { Workbook } from 'exceljs';
import { binary, createDraft, type Headers } from './support/fixtures';
import { login, startTestStack, type TestStack } from './support/test-stack';

/** What the web console relies on from the API: its cookie session, allowed actions, page serving, exports. */
describe('API for the web console', () => {
  let stack: TestStack;
  let village: Headers;
  let township: Headers;
  let village2: Headers;
  beforeAll(async () => {
    stack = await startTestStack();
    [village, township, village2] = await Promise.all([login(stack, 'village1'), login(stack, 'township1'), login(stack, 'village2')]);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function cookieSession(username: string) {
    const response = await stack.http().post('/auth/login').set('X-Auth-Mode', 'cookie').send({ username, password: 'demo123' }).expect(200);
    const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    return { body: response.body, cookies, cookie: cookies.map((c) => c.split(';')[0]).join('; ') };
  }

  it('a console sign-in sets an httpOnly SameSite=Strict session cookie and answers no token', async () => {
    const { body, cookies } = await cookieSession('village1');
    expect(body.accessToken).toBeUndefined();
    expect(body.user).toMatchObject({ username: 'village1', role: 'village' });
    const session = cookies.find((c) => c.startsWith('rf_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    const csrf = cookies.find((c) => c.startsWith('rf_csrf='))!;
    expect(csrf).not.toMatch(/HttpOnly/i);
    expect(csrf.split(';')[0].slice('rf_csrf='.length)).toBe(body.csrfToken);
  });

  it('the cookie reads; a change needs the CSRF header and is refused cross-site', async () => {
    const { body, cookie } = await cookieSession('village1');
    await stack.http().get('/auth/me').set('Cookie', cookie).expect(200);
    const draft = { name: '控制台草稿', type: 'other', villageCode: '140602205901', place: '北曹村', content: '村内道路硬化', totalBudget: '1000.00', fundingSources: [{ source: '县级衔接资金', amount: '1000.00' }], beneficiaries: { householdsLifted: 1, householdsMonitored: 0, people: 3 }, farmerLink: '务工', departmentCode: 'agriculture' };
    const missing = await stack.http().post('/projects').set('Cookie', cookie).send(draft).expect(403);
    expect(missing.body.code).toBe('CSRF_FAILED');
    await stack.http().post('/projects').set('Cookie', cookie).set('X-CSRF-Token', 'forged').send(draft).expect(403);
    await stack.http().post('/projects').set('Cookie', cookie).set('X-CSRF-Token', body.csrfToken).set('Sec-Fetch-Site', 'cross-site').send(draft).expect(403);
    const created = await stack.http().post('/projects').set('Cookie', cookie).set('X-CSRF-Token', body.csrfToken).send(draft).expect(201);
    expect(created.body.allowedActions).toEqual(expect.arrayContaining(['edit', 'submit', 'withdraw']));
    await stack.http().post('/auth/logout').set('Cookie', cookie).expect(204);
  });

  it('a project answers with the actions its caller may take now, from the workflow\'s own table', async () => {
    const id = await createDraft(stack, village);
    expect((await stack.http().get(`/projects/${id}`).set(village).expect(200)).body.allowedActions).toEqual(['edit', 'submit', 'withdraw']);
    await stack.http().post(`/projects/${id}/submit`).set(village).expect(200);
    expect((await stack.http().get(`/projects/${id}`).set(village).expect(200)).body.allowedActions).toEqual(['withdraw']);
    expect((await stack.http().get(`/projects/${id}`).set(township).expect(200)).body.allowedActions).toEqual(['approve', 'return', 'reject']);
    const county = await login(stack, 'county1');
    expect((await stack.http().get(`/projects/${id}`).set(county).expect(200)).body.allowedActions).toEqual([]);
  });

  it('a browser opening a page gets the console; API clients get JSON on the same paths', async () => {
    const page = await stack.http().get('/projects').set('Accept', 'text/html,application/xhtml+xml').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('<div id="root">');
    expect(page.text).toContain('lang="zh-CN"');
    await stack.http().get('/projects').set('Accept', 'application/json').expect(401);
    await stack.http().get('/public').set('Accept', 'text/html').expect(200);
    await stack.http().get('/public/publicity').expect(200).expect('content-type', /json/);
    const docs = await stack.http().get('/docs-json').set('Accept', 'text/html').expect(200);
    expect(docs.body.openapi).toBeDefined();
  });

  it('a region is named with the regions above it', async () => {
    const response = await stack.http().get('/regions/140602205901').set(village).expect(200);
    expect(response.body.name).toBe('北曹村');
    expect(response.body.ancestors.map((r: { name: string }) => r.name).slice(0, 3)).toEqual(['贾庄乡', '朔城区', '朔州市']);
    await stack.http().get('/regions/12').set(village).expect(400);
    await stack.http().get('/regions/999999999999').set(village).expect(404);
  });

  it('the project list exports every matching project of the caller\'s region as XLSX, and nobody else\'s', async () => {
    const mine = await createDraft(stack, village, { name: '导出测试-北曹村' });
    const theirs = await createDraft(stack, village2, { villageCode: '140602100204', place: '神头镇东神头村', name: '导出测试-东神头村' });
    const response = await stack.http().get('/projects?format=xlsx&q=导出测试').set(village).buffer(true).parse(binary).expect(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toContain(encodeURIComponent('项目库'));
    const workbook = new Workbook();
    await workbook.xlsx.load(response.body as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const ids = sheet.getColumn(1).values.slice(2);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(theirs);
    expect(sheet.getRow(1).getCell(2).value).toBe('项目名称');
    await stack.http().get('/projects?format=pdf').set(village).expect(400);
  });
});
