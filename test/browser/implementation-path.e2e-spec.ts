import type { Page } from 'playwright-core';
import { fundProject, libraryProject } from '../support/library-project';
import { consoleErrors, screenshot, seeText, signIn, startBrowserStack, type BrowserStack } from '../support/browser';
import { openAction, stageIs } from '../support/project-page';

/** A village of this file's own under 贾庄乡, so its short publicity policy touches no other test. */
const VILLAGE = '140602205955';

describe('console: a project in the library is built, accepted and paid on its page', () => {
  let b: BrowserStack;
  let id: string;
  let name: string;
  beforeAll(async () => {
    b = await startBrowserStack();
    name = `村级蔬菜冷库建设-${Date.now()}`;
    ({ id } = await libraryProject(b.stack, VILLAGE, {
      name,
      type: 'infrastructure',
      content: '新建蔬菜保鲜冷库 1 座',
      totalBudget: '100000.00',
    }));
  });
  afterAll(async () => {
    await b?.stop();
  });

  async function open(username: string, viewport?: { width: number; height: number }): Promise<Page> {
    const { page } = await b.newPage(viewport);
    await signIn(page, username);
    await page.goto(`/projects/${id}`);
    await page.locator('.project-title').waitFor();
    // What the workbench said on the way in is its own test's business; from here on it is this page's.
    consoleErrors(page).length = 0;
    return page;
  }

  it("at a phone's width the village records procurement, progress and a change of place from the bottom bar, and is told why acceptance must wait", async () => {
    const page = await open(`village-${VILLAGE}`, { width: 390, height: 844 });
    await stageIs(page, '实施中');
    const bar = page.locator('.project-action-bar');
    await seeText(bar, '申请验收');
    const box = await bar.boundingBox();
    expect(box!.y + box!.height).toBeGreaterThanOrEqual(843);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(page, 'project-detail-phone');

    let dialog = await openAction(page, '申请验收', '申请竣工验收');
    await dialog.getByRole('button', { name: '提交验收申请' }).click();
    await seeText(dialog.getByRole('alert'), '达到 100% 后方可申请验收');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    dialog = await openAction(page, '登记采购', '登记采购与合同');
    await dialog.getByLabel('采购方式').fill('竞争性磋商');
    await dialog.getByLabel('中标（成交）单位').fill('朔州市朔城区宏达建筑有限公司');
    await dialog.getByLabel('合同金额（元）').fill('98000.005');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await seeText(dialog, '金额格式不正确');
    await dialog.getByLabel('合同金额（元）').fill('98000.00');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await seeText(page.getByTestId('implementation-facts'), '98,000.00 元');

    dialog = await openAction(page, '报告进度', '报告实施进度');
    await dialog.getByLabel('完成进度（%）').fill('100');
    await dialog.getByLabel('进度说明').fill('冷库主体及制冷设备安装完成');
    await dialog.getByRole('button', { name: /报\s*告/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await seeText(page.getByTestId('implementation-facts'), '完成 100%：冷库主体及制冷设备安装完成');

    dialog = await openAction(page, '申请变更', '申请项目变更');
    await dialog.getByLabel('实施地点').check();
    await dialog.getByRole('button', { name: '提交变更申请' }).click();
    await seeText(dialog, '请填写变更理由');
    await dialog.getByLabel('变更理由').fill('原址地势低洼易积水，经村民代表会议同意移至村北');
    await dialog.getByLabel('变更后实施地点').fill('贾庄乡测试村村北');
    await dialog.getByRole('button', { name: '提交变更申请' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await seeText(page.locator('.process-section', { hasText: '变更申请' }), '待审批');
    // One pending request at a time: the API stops offering another until the county decides.
    await page.getByRole('button', { name: /更多/ }).click();
    await page.getByRole('menuitem', { name: '更正采购' }).waitFor();
    expect(await page.getByRole('menuitem', { name: '申请变更' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    expect(consoleErrors(page)).toEqual([]);
  });

  it('the county reads the change beside what it replaces and approves it with a comment', async () => {
    const page = await open('county1');
    const dialog = await openAction(page, '审批变更', '审批变更申请');
    await seeText(dialog.locator('tr', { hasText: '变更前' }), '实施地点 贾庄乡');
    await seeText(dialog, '实施地点 贾庄乡测试村村北');
    await dialog.getByRole('button', { name: /确\s*认/ }).click();
    await seeText(dialog, '请选择同意或不同意');
    await dialog.getByLabel('同意变更').check();
    await dialog.getByLabel('审批意见').fill('新址经现场踏勘可行，同意');
    await dialog.getByRole('button', { name: /确\s*认/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await seeText(page.locator('.process-section', { hasText: '变更申请' }), '已同意');
    expect(consoleErrors(page)).toEqual([]);
  });

  it('the village, works done and the change settled, requests acceptance', async () => {
    const page = await open(`village-${VILLAGE}`, { width: 390, height: 844 });
    const dialog = await openAction(page, '申请验收', '申请竣工验收');
    await dialog.getByRole('button', { name: '提交验收申请' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await stageIs(page, '验收中');
    expect(consoleErrors(page)).toEqual([]);
  });

  it('the county records the acceptance with the asset it formed, its kind chosen by its Chinese name', async () => {
    const page = await open('county1');
    await stageIs(page, '验收中');
    const dialog = await openAction(page, '竣工验收');
    await dialog.getByRole('button', { name: '保存验收结论' }).click();
    await seeText(dialog, '请选择验收结论');
    await dialog.getByLabel('合格（进入拨付）').check();
    await dialog.getByLabel('验收意见').fill('工程质量合格，资料齐全，同意验收');
    await dialog.getByRole('button', { name: '添加资产' }).click();
    const asset = dialog.getByRole('group', { name: '资产 1' });
    await asset.getByLabel('资产名称').fill('蔬菜保鲜冷库 1 座');
    await asset.getByLabel('资产类别').click();
    await page.keyboard.type('经营性');
    await page.keyboard.press('Enter');
    await asset.getByLabel('资产价值（元）').fill('98000.00');
    await asset.getByLabel('产权归属').fill('测试村股份经济合作社');
    await asset.getByLabel('管护主体').fill('测试村村委会');
    await dialog.getByRole('button', { name: '保存验收结论' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await stageIs(page, '拨付中');
    const accepted = page.getByTestId('acceptance-facts');
    await seeText(accepted, '合格');
    await seeText(accepted, '经营性');
    await seeText(accepted, '测试村股份经济合作社');
    expect(consoleErrors(page)).toEqual([]);
  });

  it("finance sees what the ledger allows, is refused an amount beyond the matched funds with the API's reason, then pays and sees the ledger row", async () => {
    // The county matches the project's funds; the batch screens have their own tests.
    await fundProject(b.stack, id, '98000.00');
    const page = await open('finance1');
    let dialog = await openAction(page, '资金拨付');
    await seeText(dialog.locator('.payment-caps'), '98,000.00 元');
    await seeText(dialog.getByTestId('payment-headroom'), '98,000.00 元');
    await dialog.getByRole('button', { name: '确认拨付' }).click();
    await seeText(dialog, '请选择拨付类型');
    await dialog.getByLabel('拨付类型').click();
    await page.keyboard.type('尾款');
    await page.keyboard.press('Enter');
    await dialog.getByLabel('拨付金额（元）').fill('120000.00');
    await dialog.getByRole('button', { name: '确认拨付' }).click();
    await seeText(dialog.getByRole('alert'), '将超过匹配资金');
    await seeText(dialog.locator('.ant-form-item-explain-error'), '将超过匹配资金');
    // The form is enabled again at once, but antd fades its colours back in; the picture waits for them.
    await page.waitForTimeout(800);
    await screenshot(page, 'project-actions-payment');

    await dialog.getByLabel('拨付金额（元）').fill('50000.00');
    await dialog.getByRole('button', { name: '确认拨付' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('tab', { name: '资金台账' }).click();
    const row = page.locator('.ledger-table tr', { hasText: '资金拨付' });
    await seeText(row, '50,000.00');
    await seeText(row, '尾款');
    await seeText(page.locator('.ledger-summary'), '48,000.00 元');

    // 到户补助 goes to the households' 一卡通: the dialog asks for the rows before sending.
    dialog = await openAction(page, '资金拨付');
    await seeText(dialog.getByTestId('payment-headroom'), '48,000.00 元');
    await dialog.getByLabel('拨付类型').click();
    await page.keyboard.type('到户补助');
    await page.keyboard.press('Enter');
    await dialog.getByLabel('拨付金额（元）').fill('2000.00');
    await dialog.getByRole('button', { name: '确认拨付' }).click();
    await seeText(dialog, '到户补助须列出受益户');
    await dialog.getByRole('button', { name: '添加受益户' }).click();
    const household = dialog.getByRole('group', { name: '受益户 1' });
    await household.getByLabel('户编号').fill(`${VILLAGE}-017`);
    await household.getByLabel('户主姓名').fill('张三');
    await household.getByLabel('一卡通账号').fill('6228480000000000017');
    await household.getByLabel('补助事项').fill('冷库务工补助');
    await household.getByLabel('金额（元）').fill('2000.00');
    await dialog.getByRole('button', { name: '确认拨付' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await seeText(page.locator('.ledger-table tr', { hasText: '到户补助' }), '2,000.00');
    await seeText(page.locator('.ledger-summary'), '46,000.00 元');
    await page.getByRole('tab', { name: '申报内容' }).click();
    // Tall enough for the whole record: a full-page capture would cut the fixed side menu short.
    await page.setViewportSize({ width: 1280, height: 1500 });
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    await screenshot(page, 'project-detail');
    expect(consoleErrors(page)).toEqual([]);
  });
});
