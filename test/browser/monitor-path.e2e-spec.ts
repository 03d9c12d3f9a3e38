import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { consoleErrors, screenshot, seeText, signIn, startBrowserStack, type BrowserStack } from '../support/browser';
import { ensureUser } from '../support/fixtures';
import { login } from '../support/test-stack';

// 平鲁区, a county of monitor1's city that no other test gives money to: its seconds-long matching
// clock cannot reach another test file receiving money at the same time.
const PINGLU = '140603000000';
const THIS_YEAR = new Date().getFullYear();

/**
 * 政策设置 and 监测 on the real stack. The administrator gives 平鲁区 a matching deadline of seconds on
 * the policies page; a batch reaches 平鲁区 and its county user confirms receipt, which starts the clock with
 * that policy. The policy is given back at once (a running clock keeps the policy it started with), so
 * a later receipt there keeps the 15 days.
 */
describe('console: the administrator sets the matching clock, the monitor watches it run out', () => {
  let b: BrowserStack;
  let admin: { Authorization: string };
  const docNumber = `朔财农〔${new Date().getFullYear()}〕监测-${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    b = await startBrowserStack();
    admin = await login(b.stack, 'admin');
  });
  afterAll(async () => {
    await b?.stack.http().put(`/policies/${PINGLU}`).set(admin).send({ matchingDeadline: null, matchingWarnings: null, industryShareMinByLevel: null });
    await b?.stop();
  });

  const item = (page: Page, id: string) => page.locator('.ant-form-item', { has: page.locator(`#${id}`) });

  it('政策设置: the administrator picks 平鲁区, is stopped by bad values, and sees the saved value come from 平鲁区 itself', async () => {
    const { page } = await b.newPage({ width: 1280, height: 1400 });
    await signIn(page, 'admin');
    await page.getByRole('link', { name: '政策设置' }).click();
    await seeText(page.locator('main'), '请选择要查看的地区');
    await page.locator('#policy-region').click();
    for (const name of ['山西省', '朔州市', '平鲁区']) await page.locator('.ant-cascader-menu-item', { hasText: name }).first().click();
    await page.keyboard.press('Escape');
    await page.waitForURL(/region=140603000000/);
    // Each level picked on the way loads its own policy; wait for 平鲁区's before typing into its form.
    await seeText(page.locator('main'), '当前生效的政策 · 平鲁区');
    await seeText(page.locator('main'), '修改平鲁区的政策');
    const deadlineRow = page.locator('tr.policy-row-matchingDeadline');
    await seeText(deadlineRow, 'P15D');
    await seeText(deadlineRow, '默认值');

    // The form applies the domain's own parser before anything is sent.
    await page.locator('#matchingDeadline').fill('P10');
    await page.getByRole('button', { name: /保存修改/ }).click();
    await seeText(item(page, 'matchingDeadline'), '时长格式不正确');
    await page.getByRole('button', { name: /还\s*原/ }).click();

    // A duplicate negative-list category passes the form; the API's field error lands on that field.
    await page.getByText(/^负面清单（第/).click();
    await page.locator('#negativeList_entries_1_category').fill('行政事业单位基本支出');
    await page.getByRole('button', { name: /保存修改/ }).click();
    await seeText(item(page, 'negativeList_entries_1_category'), '类别重复');
    await page.getByRole('button', { name: /还\s*原/ }).click();
    await page.getByText(/^负面清单（第/).click();

    await page.locator('#matchingDeadline').fill('PT40S');
    await page.locator('#matchingWarnings').click();
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('PT10S');
    await page.keyboard.press('Enter');
    await page.locator('#retentionRate').fill('0.05');
    await page.getByRole('button', { name: /保存修改/ }).click();
    await seeText(page.locator('.ant-message'), '已保存平鲁区的资金匹配期限、匹配预警提前量、质保金比例');
    await seeText(deadlineRow, 'PT40S（40秒）');
    await seeText(deadlineRow, '本级设置');
    await seeText(page.locator('tr.policy-row-matchingWarnings'), '本级设置');
    await seeText(page.locator('tr.policy-row-industryShareMin'), '默认值');
    await page.evaluate('window.scrollTo(0, 0)');
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    await screenshot(page, 'policies');

    // Giving a value back: 平鲁区 follows the default retention rate again.
    const retentionRow = page.locator('tr.policy-row-retentionRate');
    await seeText(retentionRow, '0.05（5%）');
    await retentionRow.getByRole('button', { name: '恢复继承' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '恢复继承' }).click();
    await seeText(retentionRow, '0.03（3%）');
    await seeText(retentionRow, '默认值');

    // A minimum for 平鲁区's city money this year, as Shuocheng's city notice sets one.
    const shareRulesRow = page.locator('tr.policy-row-industryShareMinByLevel');
    await seeText(shareRulesRow, '未分级设置');
    await page.getByText(/^分级次产业资金最低占比（/).click();
    await page.getByRole('button', { name: '添加分级次要求' }).click();
    await page.locator('#industryShareMinByLevel_0_level').click();
    await page.locator('.ant-select-item-option', { hasText: '市级资金' }).click();
    await page.locator('#industryShareMinByLevel_0_year').fill(String(THIS_YEAR));
    await page.locator('#industryShareMinByLevel_0_min').fill('60%');
    await page.getByRole('button', { name: /保存修改/ }).click();
    await seeText(item(page, 'industryShareMinByLevel_0_min'), '请写小数');
    await page.locator('#industryShareMinByLevel_0_min').fill('0.60');
    await page.getByRole('button', { name: /保存修改/ }).click();
    await seeText(page.locator('.ant-message'), '已保存平鲁区的分级次产业资金最低占比');
    await seeText(shareRulesRow, `市级资金 ${THIS_YEAR} 年 ≥ 0.60（60%）`);
    await seeText(shareRulesRow, '本级设置');
    // The form starts again from the saved policy, its rule panel folded: open it to show the rule.
    await page.getByText(/^分级次产业资金最低占比（1 条）/).click();
    await page.locator('.share-rule-row').first().scrollIntoViewIfNeeded();
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    await screenshot(page, 'policies-industry-share');

    const stored = await b.stack.http().get(`/policies/${PINGLU}`).set(admin).expect(200);
    expect(stored.body.policy).toMatchObject({ matchingDeadline: 'PT40S', matchingWarnings: ['PT10S'], industryShareMinByLevel: [{ level: 'city', year: THIS_YEAR, min: '0.60' }] });
    // Only what was changed became 平鲁区's own; everything else still follows the defaults.
    expect(stored.body.sources).toMatchObject({ matchingDeadline: PINGLU, matchingWarnings: PINGLU, industryShareMinByLevel: PINGLU, industryShareMin: 'default', taskDue: 'default', publicityPeriod: 'default', negativeList: 'default', retentionRate: 'default' });
    expect(consoleErrors(page)).toEqual([]);
  });

  it('监测: 平鲁区\'s allocation counts down and turns red; the county figures and charts draw; the export downloads', async () => {
    const county = await ensureUser(b.stack, { username: 'county-pinglu', role: 'county', regionCode: PINGLU, displayName: '平鲁区乡村振兴局' });
    const issued = await b.stack
      .http()
      .post('/batches')
      .set(admin)
      .send({
        docNumber,
        title: '监测演示批次',
        level: 'city',
        year: new Date().getFullYear(),
        batchNo: 7,
        issuedAt: new Date().toISOString().slice(0, 10),
        allocations: [{ regionCode: PINGLU, amount: '300000.00' }],
      })
      .expect(201);
    await b.stack.http().post(`/batches/${issued.body.id}/allocations/${PINGLU}/receipt`).set(county).send({ receivedAt: new Date().toISOString() }).expect(200);
    await b.stack.http().put(`/policies/${PINGLU}`).set(admin).send({ matchingDeadline: null, matchingWarnings: null }).expect(200);

    const { page } = await b.newPage({ width: 1280, height: 1440 });
    await signIn(page, 'monitor1');
    await page.waitForURL(/\/monitor/);
    await page.goto(`/monitor?county=${PINGLU}`);
    const row = page.locator('tr', { hasText: docNumber });
    await seeText(row, '平鲁区');
    // Before the deadline the row is amber or green, never red (the 15-day default warns from 5 days before).
    expect(await row.innerText()).toMatch(/即将到期|正常/);
    expect(await row.getAttribute('class')).not.toMatch(/row-overdue/);

    const until = Date.now() + 90_000;
    while (!/已逾期/.test(await row.innerText().catch(() => ''))) {
      if (Date.now() > until) throw new Error(`40 秒的匹配期限过后仍未显示逾期：${await row.innerText()}`);
      await page.waitForTimeout(2_000);
      await page.getByRole('button', { name: /刷\s*新/ }).click();
      await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' }).catch(() => undefined);
    }
    await seeText(row, '300,000.00');
    expect(await row.getAttribute('class')).toMatch(/row-overdue/);
    expect(await row.locator('.ant-tag-red').innerText()).toBe('已逾期');

    const countyCard = page.locator('.ant-card', { hasText: '县级资金监测' });
    await seeText(countyCard.locator('tbody'), '平鲁区');
    await seeText(countyCard, '执行率');
    // 300,000 of city money issued and nothing matched: 0.0% of it, against 平鲁区's own 60% for city money.
    const share = countyCard.locator('tr', { hasText: '平鲁区' }).first().locator('.industry-share-cell');
    await seeText(share, '0.0%');
    await seeText(share, '市级未达标');
    await share.hover();
    await seeText(page.locator('.ant-tooltip'), '市级：0.0%（市级资金 ' + THIS_YEAR + ' 年 ≥ 60.0%；最高可达 100.0%）未达标');
    const chart = page.locator('.industry-share-chart');
    await chart.getByText('市级', { exact: true }).click();
    await chart.locator('canvas').waitFor();
    await page.locator('.monitor-chart canvas').nth(1).waitFor();
    expect(await page.locator('.monitor-chart canvas').count()).toBeGreaterThanOrEqual(2);
    await seeText(page.locator('.ant-card', { hasText: '预警通知' }), docNumber, 30_000);
    await seeText(page.locator('.ant-card', { hasText: '预警通知' }), '未读');
    // The notices read as a clerk writes them: the deadline in Beijing time, the amount grouped, no stored forms.
    const notices = page.locator('.ant-card', { hasText: '预警通知' });
    await seeText(notices, '资金匹配逾期：已超过匹配期限 ');
    await seeText(notices, '尚有 300,000.00 元未落实到项目');
    expect(await notices.innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:|不足 ?P?T?\d+[DHS]/);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.waitForTimeout(1_500);
    await screenshot(page, 'monitor');
    await page.waitForTimeout(500);
    await chart.screenshot({ path: join(__dirname, '..', '..', 'docs', 'screenshots', 'monitor-industry-share.png') });

    const matchingCard = page.locator('.ant-card', { hasText: '资金匹配倒计时' });
    const [download] = await Promise.all([page.waitForEvent('download'), matchingCard.getByRole('button', { name: /导出 CSV/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(docNumber);

    // A download the API refuses answers JSON; the clerk reads the refusal instead of saving it as a file.
    await page.route(/\/monitor\/counties\?.*format=xlsx/, (route) =>
      route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ code: 'VALIDATION_FAILED', message: 'year 须为 2000–2100 的年份', details: null }) }),
    );
    await page.locator('.ant-card', { hasText: '县级资金监测' }).getByRole('button', { name: /导出 XLSX/ }).click();
    await seeText(page.locator('.ant-message'), '导出失败：year 须为 2000–2100 的年份');
    expect(consoleErrors(page)).toEqual([]);
  });

  it('at a phone\'s width the monitor page fits the screen and still draws its charts; a monitor reads policies without a form', async () => {
    const { page } = await b.newPage({ width: 390, height: 844 });
    await signIn(page, 'monitor1');
    await page.goto(`/monitor?county=${PINGLU}`);
    await seeText(page.locator('.countdown-card', { hasText: docNumber }), '已逾期');
    await page.locator('.monitor-chart canvas').nth(1).waitFor();
    const canvasWidth = await page.locator('.monitor-chart canvas').first().evaluate((c) => c.getBoundingClientRect().width);
    expect(canvasWidth).toBeGreaterThan(200);
    expect(canvasWidth).toBeLessThanOrEqual(390);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.evaluate('window.scrollTo(0, 0)');
    // The bars grow in for a second; the picture should show where they end.
    await page.waitForTimeout(1_500);
    await screenshot(page, 'monitor-phone', true);

    await page.goto(`/policies?region=${PINGLU}`);
    await seeText(page.locator('.policy-row-matchingDeadline'), '默认值');
    await seeText(page.locator('main'), '朔州市 / 平鲁区');
    expect(await page.getByRole('button', { name: /保存修改/ }).count()).toBe(0);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(page, 'policies-phone', true);
    expect(consoleErrors(page)).toEqual([]);
  });
});
