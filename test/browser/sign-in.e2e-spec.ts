import { consoleErrors, screenshot, seeText, signIn, startBrowserStack, type BrowserStack } from '../support/browser';

describe('console: signing in and out', () => {
  let b: BrowserStack;
  beforeAll(async () => {
    b = await startBrowserStack();
  });
  afterAll(async () => {
    await b?.stop();
  });

  it('a wrong password is refused in Chinese; the right one shows the user, role and region; 退出 ends the session', async () => {
    const { page } = await b.newPage();
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByLabel('用户名').waitFor();
    await screenshot(page, 'login');

    await page.getByLabel('用户名').fill('township1');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await seeText(page.getByRole('alert'), '用户名或密码错误');

    await signIn(page, 'township1');
    const header = page.locator('header');
    await seeText(header, '贾庄乡');
    await seeText(header, '乡镇');
    // The session lives in an httpOnly cookie: page scripts cannot read the token.
    expect(await page.evaluate('document.cookie')).not.toContain('rf_session');

    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.waitForURL('**/login');
    await page.goto('/projects');
    await page.waitForURL('**/login');
    expect(consoleErrors(page)).toEqual([]);
  });

  it('a role opening a page it may not use sees 无权访问, an unknown path 页面不存在', async () => {
    const { page } = await b.newPage();
    await signIn(page, 'village1');
    await page.goto('/policies');
    await seeText(page.locator('main, .ant-layout-content'), '无权访问');
    await page.goto('/no-such-page');
    await seeText(page.locator('.ant-layout-content'), '页面不存在');
  });
});
