import type { Page } from 'playwright-core';
import { ensureUser } from '../support/fixtures';
import { consoleErrors, screenshot, seeText, signIn, startBrowserStack, type BrowserStack } from '../support/browser';
import { stageIs } from '../support/project-page';
import { samplePdf } from '../support/sample-files';
import { login } from '../support/test-stack';

// A village of 怀仁市 of this file's own, whose policy asks for the villagers' resolution before submission.
const HUAIREN = '140681000000';
const TOWNSHIP = '140681996000';
const VILLAGE = '140681996901';

/** The pictures show the page, not the passing notices and a tab's sliding underline. */
async function settled(page: Page) {
  const until = Date.now() + 10_000;
  while ((await page.locator('.ant-message-notice').count()) > 0 && Date.now() < until) await page.waitForTimeout(200);
  await page.waitForTimeout(300);
}

async function choose(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page.keyboard.type(option);
  await page.keyboard.press('Enter');
}

describe('console: a village uploads the villagers’ resolution in its application and submits', () => {
  let b: BrowserStack;
  beforeAll(async () => {
    b = await startBrowserStack();
    const { stack } = b;
    await stack.db.query(`INSERT INTO regions (code, name, level, parent_code) VALUES ($1, '附件镇', 'township', $2) ON CONFLICT DO NOTHING`, [TOWNSHIP, HUAIREN]);
    await stack.db.query(`INSERT INTO regions (code, name, level, parent_code) VALUES ($1, '附件村', 'village', $2) ON CONFLICT DO NOTHING`, [VILLAGE, TOWNSHIP]);
    await ensureUser(stack, { username: 'browser-attachments-village', role: 'village', regionCode: VILLAGE, displayName: '附件村村委会' });
    await stack
      .http()
      .put(`/policies/${VILLAGE}`)
      .set(await login(stack, 'admin'))
      // The village's own size limit, so what 怀仁市's policy says in other files does not reach it.
      .send({ requiredAttachments: { submit: ['villagers_resolution'], countyMeeting: [], procurement: [], acceptance: [] }, attachmentMaxMb: 20 })
      .expect(200);
  });
  afterAll(async () => {
    await b?.stop();
  });

  it('is told the resolution is missing, drops it in, submits, and finds it on the project page', async () => {
    const { page } = await b.newPage();
    await signIn(page, 'browser-attachments-village');
    await page.goto('/apply');
    await page.getByLabel('项目名称').fill(`附件村道路硬化-${Date.now()}`);
    await choose(page, '项目类型', '基础设施');
    await choose(page, '行业主管部门', '交通运输局');
    await page.getByLabel('实施地点').fill('附件村村内');
    await page.getByLabel('建设内容').fill('硬化村内道路 1.2 公里');
    await page.getByLabel('总投资（元）').fill('300000.00');
    await page.getByLabel('资金来源', { exact: true }).fill('县级衔接资金');
    await page.getByLabel('金额（元）').fill('300000.00');
    await page.getByLabel('带动脱贫户（户）').fill('8');
    await page.getByLabel('带动监测户（户）').fill('2');
    await page.getByLabel('受益人数（人）').fill('120');
    await page.getByLabel('联农带农机制').fill('吸纳脱贫户参与道路建设务工');
    const uploads = page.locator('.apply-uploads');
    await seeText(uploads, '保存草稿后即可在此上传附件');

    await page.getByRole('button', { name: /保存草稿/ }).click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}\/edit$/);
    await seeText(uploads, '必传 · 村民代表大会决议（提交申报） ✗ 未上传');
    await seeText(uploads, '尚缺必传附件：村民代表大会决议（提交申报前）');

    // Submitting without it is refused with the paper named.
    await page.getByRole('button', { name: /提交申报/ }).click();
    await seeText(page.locator('.apply-problem'), '提交申报前须上传附件：村民代表大会决议');

    // The missing paper's kind is chosen already; the file goes in through the drop zone's chooser.
    await seeText(uploads.locator('.attachment-kind'), '村民代表大会决议（必传）');
    await uploads.locator('input[type=file]').setInputFiles({ name: '村民代表大会决议（2026年第2次）.pdf', mimeType: 'application/pdf', buffer: samplePdf() });
    await seeText(uploads.locator('.attachment-table'), '村民代表大会决议（2026年第2次）.pdf');
    await seeText(uploads, '必传 · 村民代表大会决议（提交申报） ✓ 已上传');
    expect(await uploads.getByText('尚缺必传附件').count()).toBe(0);
    await uploads.scrollIntoViewIfNeeded();
    await settled(page);
    await screenshot(page, 'attachments-apply');

    await page.getByRole('button', { name: /提交申报/ }).click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    await stageIs(page, '乡镇审核');
    await page.getByRole('tab', { name: '附件' }).click();
    const tab = page.locator('.attachments-panel');
    await seeText(tab.locator('.attachment-table'), '村民代表大会决议（2026年第2次）.pdf');
    await seeText(tab.locator('.attachment-table'), '附件村村委会');
    // Submitted: the village no longer adds papers; the township will.
    expect(await tab.locator('input[type=file]').count()).toBe(0);
    await settled(page);
    await screenshot(page, 'attachments-tab');
    expect(consoleErrors(page).filter((e) => !/deprecated/.test(e))).toEqual([]);
  });

  it('政策设置: the administrator also asks for the meeting minutes at the county’s approval and lowers the size limit', async () => {
    const { page } = await b.newPage({ width: 1280, height: 1400 });
    await signIn(page, 'admin');
    await page.goto(`/policies?region=${VILLAGE}`);
    await seeText(page.locator('main'), '修改附件村的政策');
    const row = page.locator('tr.policy-row-requiredAttachments');
    await seeText(row, '提交申报前：村民代表大会决议');
    await seeText(row, '本级设置');
    await seeText(page.locator('tr.policy-row-attachmentMaxMb'), '单个文件不超过 20 MB');

    await page.getByText(/^附件（必传附件/).click();
    await page.locator('#requiredAttachments_countyMeeting').click();
    await page.locator('.ant-select-item-option', { hasText: '县政府常务会议纪要' }).click();
    await page.keyboard.press('Escape');
    await page.locator('#attachmentMaxMb').fill('10');
    await page.getByRole('button', { name: /保存修改/ }).click();
    await seeText(page.locator('.ant-message'), '已保存附件村的附件大小上限、必传附件');
    await seeText(row, '县级审定（须上会的项目）前：县政府常务会议纪要');
    await seeText(page.locator('tr.policy-row-attachmentMaxMb'), '单个文件不超过 10 MB');
    await settled(page);
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'policies-attachments');

    const stored = await b.stack.http().get(`/policies/${VILLAGE}`).set(await login(b.stack, 'admin')).expect(200);
    expect(stored.body.policy).toMatchObject({
      attachmentMaxMb: 10,
      requiredAttachments: { submit: ['villagers_resolution'], countyMeeting: ['county_meeting_minutes'], procurement: [], acceptance: [] },
    });
    expect(consoleErrors(page).filter((e) => !/deprecated/.test(e))).toEqual([]);
  });
});
