import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { LOGIN_LIMITS } from '../../apps/api/src/auth/login-throttle';
import { PINGLU, SHUOCHENG, ensureTownship, managedUser } from '../support/abuse-targets';
import { consoleErrors, screenshot, seeText, signIn, startBrowserStack, type BrowserStack } from '../support/browser';
import { login } from '../support/test-stack';

/** A township of this file's own under 朔城区, so the new account meets no other test. */
const TOWNSHIP = '140602244000';
const TOWNSHIP_NAME = '浏览器测试镇';
/** And one under 平鲁区, whose account 朔城区's county administrator must not see. */
const PINGLU_TOWNSHIP = '140603244000';

/** Picks an option of an antd Select of the dialog opened through its label, as a person clicks it. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('dialog').getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

/** Waits until the table has loaded and faded back in, so a screenshot shows it as a person reads it. */
async function tableSettled(page: Page): Promise<void> {
  await page.locator('.ant-spin-blur').waitFor({ state: 'detached' });
  // A function, not a string: the console's CSP refuses evaluating strings. The tests compile without the DOM library.
  await page.waitForFunction(() => {
    const g = globalThis as unknown as { document: { querySelectorAll(selector: string): ArrayLike<unknown> }; getComputedStyle(element: unknown): { opacity: string } };
    return Array.from(g.document.querySelectorAll('.ant-spin-container')).every((e) => g.getComputedStyle(e).opacity === '1');
  });
}

describe('console: 用户管理 — an administrator creates a township account, whose owner must change the password before anything else', () => {
  let b: BrowserStack;
  const username = `browser-town-${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    b = await startBrowserStack();
    await ensureTownship(b.stack, TOWNSHIP, SHUOCHENG, TOWNSHIP_NAME);
    await ensureTownship(b.stack, PINGLU_TOWNSHIP, PINGLU, '平鲁浏览器测试镇');
  });
  afterAll(async () => {
    await b?.stop();
  });

  it('the admin creates the account; the new user signs in, is held at 修改密码, is refused a weak password, then reaches the 工作台', async () => {
    const { page: admin } = await b.newPage({ width: 1280, height: 900 });
    await signIn(admin, 'admin');
    await admin.getByRole('link', { name: '用户管理' }).click();
    await admin.waitForURL('**/users');
    // Other files add accounts to the same database: find the demo clerk by the filter, not on the first page.
    await admin.getByLabel('用户名或名称').fill('township1');
    await admin.getByRole('button', { name: /查\s*询/ }).click();
    await seeText(admin.locator('tr', { hasText: 'township1' }).first(), '乡镇');

    await admin.getByRole('button', { name: /新建用户/ }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('用户名', { exact: true }).fill(username);
    await dialog.getByLabel('姓名或单位').fill(`${TOWNSHIP_NAME}人民政府 赵敏`);
    await choose(admin, '角色', '乡镇');
    await dialog.getByLabel('所在地区').click();
    for (const name of ['山西省', '朔州市', '朔城区', TOWNSHIP_NAME]) await admin.locator('.ant-cascader-menu-item', { hasText: name }).first().click();
    await admin.keyboard.press('Escape');
    // The form checks the policy before anything is sent.
    await dialog.getByLabel('初始密码').fill('12345678');
    await seeText(dialog, '密码须同时包含字母和数字');
    await dialog.getByLabel('初始密码').fill('Chushi2026a');
    await dialog.getByRole('button', { name: /新\s*建/ }).click();
    await seeText(admin.locator('.ant-message'), `已新建用户 ${username}`);

    await admin.getByLabel('用户名或名称').fill(username);
    await admin.getByRole('button', { name: /查\s*询/ }).click();
    const row = admin.locator('tr', { hasText: username });
    await seeText(row, '待修改密码');
    await seeText(row, TOWNSHIP_NAME);
    await seeText(row, '乡镇');
    await tableSettled(admin);
    await screenshot(admin, 'users-admin');

    const { page } = await b.newPage();
    await page.goto('/login');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill('Chushi2026a');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL('**/password');
    await seeText(page.locator('main'), '管理员为您设置的密码须先修改');
    // Nothing else opens until the password is changed.
    await page.goto('/projects');
    await page.waitForURL('**/password');

    await page.getByLabel('原密码').fill('Chushi2026a');
    await page.getByLabel('新密码', { exact: true }).fill(`${username}9`);
    await page.getByLabel('确认新密码').fill(`${username}9`);
    await seeText(page.locator('main'), '密码不能包含用户名');
    await page.locator('.ant-form-item-explain-error', { hasText: '密码不能包含用户名' }).waitFor({ state: 'visible' });
    await screenshot(page, 'change-password');
    await page.getByLabel('新密码', { exact: true }).fill('Shuocheng2026');
    await page.getByLabel('确认新密码').fill('Shuocheng2026');
    await page.getByRole('button', { name: /确认修改/ }).click();
    await page.waitForURL('**/workbench');
    await seeText(page.locator('header'), `${TOWNSHIP_NAME}人民政府 赵敏`);
    await seeText(page.locator('.ant-breadcrumb'), '工作台');
    await screenshot(page, 'workbench-after-password-change');

    // The administrator sees the account in order now, and both actions in 管理日志.
    await admin.reload();
    await seeText(admin.locator('tr', { hasText: username }), '正常');
    await admin.getByRole('link', { name: '管理日志' }).click();
    await admin.waitForURL('**/admin/audit');
    await seeText(admin.locator('tr', { hasText: '本人修改密码' }), username);
    await seeText(admin.locator('tr', { hasText: '新建用户' }), `角色 乡镇，地区 ${TOWNSHIP_NAME}`);
    await screenshot(admin, 'admin-audit');

    expect(consoleErrors(admin)).toEqual([]);
    expect(consoleErrors(page)).toEqual([]);
  });

  it('the admin sees wrong passwords and clears them, disables the account (its open console must sign in again), enables it and resets its password', async () => {
    const name = `browser-ops-${randomUUID().slice(0, 6)}`;
    await managedUser(b.stack, await login(b.stack, 'admin'), { username: name, role: 'township', regionCode: TOWNSHIP, displayName: `${TOWNSHIP_NAME} 钱进` });
    const { page: user } = await b.newPage();
    await signIn(user, name, 'Managed2026x');
    for (let i = 0; i < LOGIN_LIMITS.perUsername - 1; i++) {
      await b.stack.http().post('/auth/login').send({ username: name, password: `Wrong${i}000x` }).expect(401);
    }

    const { page: admin } = await b.newPage({ width: 1280, height: 900 });
    await signIn(admin, 'admin');
    await admin.goto(`/users?q=${name}`);
    const row = admin.locator('tr', { hasText: name });
    await seeText(row, `连续输错 ${LOGIN_LIMITS.perUsername - 1} 次`);
    await tableSettled(admin);
    await screenshot(admin, 'users-admin-failures');
    await row.getByRole('button', { name: '解锁' }).click();
    await seeText(admin.locator('.ant-message'), `已解除 ${name} 的锁定`);
    await seeText(row, '正常');

    await row.getByRole('button', { name: '停用' }).click();
    await admin.locator('.ant-popconfirm').getByRole('button', { name: /停\s*用/ }).click();
    await seeText(row, '已停用');
    // The user's console meets the ended session on its next request and asks to sign in again.
    await user.getByRole('link', { name: '项目库' }).click();
    await seeText(user.getByRole('dialog'), '登录已过期，请重新登录');
    await user.getByRole('dialog').getByLabel('密码').fill('Managed2026x');
    await user.getByRole('dialog').getByRole('button', { name: /重新登录/ }).click();
    await seeText(user.locator('.ant-message'), '账户已停用，请联系管理员');

    await row.getByRole('button', { name: '启用' }).click();
    await seeText(row, '正常');
    await row.getByRole('button', { name: '重置密码' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('临时密码').fill('Linshi2026b');
    await dialog.getByRole('button', { name: /重\s*置/ }).click();
    await seeText(admin.locator('.ant-message'), `已重置 ${name} 的密码`);
    await seeText(row, '待修改密码');

    await admin.getByRole('link', { name: '管理日志' }).click();
    await admin.getByLabel('对象').fill(name);
    await admin.getByRole('button', { name: /查\s*询/ }).click();
    for (const action of ['重置密码', '启用用户', '停用用户', '解除锁定']) await seeText(admin.locator('tr', { hasText: action }), name);
    expect(consoleErrors(admin)).toEqual([]);
  });

  it("朔城区's county administrator lands on 用户管理, sees only its county's accounts and offers only the roles of its offices", async () => {
    const suffix = randomUUID().slice(0, 6);
    const admin = await login(b.stack, 'admin');
    await managedUser(b.stack, admin, { username: `browser-ca-${suffix}`, role: 'county_admin', regionCode: SHUOCHENG, displayName: '朔城区县级管理员' });
    await managedUser(b.stack, admin, { username: `browser-pl-${suffix}`, role: 'township', regionCode: PINGLU_TOWNSHIP, displayName: '平鲁浏览器测试镇人民政府' });
    const { page } = await b.newPage({ width: 1280, height: 900 });
    await signIn(page, `browser-ca-${suffix}`, 'Managed2026x');
    await page.waitForURL('**/users');
    await page.getByLabel('用户名或名称').fill('browser-');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await seeText(page.locator('tr', { hasText: `browser-ca-${suffix}` }), '—');
    await tableSettled(page);
    expect(await page.locator('tbody').innerText()).not.toContain(`browser-pl-${suffix}`);
    expect(await page.locator('aside, .ant-layout-sider').first().innerText()).not.toContain('资金批次');
    await screenshot(page, 'users-county-admin');

    await page.getByRole('button', { name: /新建用户/ }).click();
    await page.getByRole('dialog').getByLabel('角色', { exact: true }).click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await options.first().waitFor();
    // The dropdown is still opening when its first option appears: read the list once it has settled.
    let offered: string[] = [];
    for (const until = Date.now() + 5_000; Date.now() < until; ) {
      offered = await options.allInnerTexts();
      if (offered.length >= 5) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(offered).toEqual(['村级/项目单位', '乡镇', '行业主管部门', '县级', '财政']);
    expect(consoleErrors(page)).toEqual([]);
  });
});
