import { shanghaiDate } from '../../libs/domain/src/calendar';
import { ensureDayRootsClock } from '../../apps/worker/src/day-roots-clock';
import { dayRootsWorkflowId } from '../../workflows/audit/day-roots.definitions';
import { createDraft } from '../support/fixtures';
import { login } from '../support/test-stack';
import { consoleErrors, screenshot, seeText, signIn, startBrowserStack, type BrowserStack } from '../support/browser';

const COUNTY = '140602000000';

/**
 * 今日存证根 on the public board and in the self-evaluation: the midnight clock seals the day when it
 * starts, and anyone reads the county's root without an account.
 */
describe('console: the day root of each county is public and closes the self-evaluation', () => {
  let b: BrowserStack;
  let rootHash: string;
  let projectId: string;
  const today = shanghaiDate(new Date());

  beforeAll(async () => {
    b = await startBrowserStack();
    // A record of 朔城区 before the day is sealed, so the county has a chain whatever ran before.
    projectId = await createDraft(b.stack, await login(b.stack, 'village1'), { name: `存证页测试-${Date.now()}` });
    await ensureDayRootsClock(b.stack.temporal, b.stack.taskQueue);
    for (const deadline = Date.now() + 30_000; ; ) {
      const body = (await b.stack.http().get(`/public/audit-roots?regionCode=${COUNTY}`).expect(200)).body;
      if (body.day === today && body.roots.length === 1) {
        rootHash = body.roots[0].rootHash;
        break;
      }
      if (Date.now() > deadline) throw new Error(`no root sealed for ${today}: ${JSON.stringify(body)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });
  afterAll(async () => {
    await b?.stack.temporal.workflow.getHandle(dayRootsWorkflowId(b.stack.taskQueue)).terminate('test over').catch(() => undefined);
    await b?.stop();
  });

  it('shows the public each county with records, its day and its root', async () => {
    const { page } = await b.newPage({ width: 1280, height: 900 });
    await page.goto('/public');
    const card = page.getByLabel('今日存证根');
    await seeText(card, `存证日 ${today}`);
    // Every county with records has a row; a full run has more than one page of them.
    await card.getByLabel('按县（区）名称查找').fill('朔城区');
    await card.getByLabel('按县（区）名称查找').press('Enter');
    const row = card.locator('tr', { hasText: '朔城区' });
    await seeText(row, rootHash);
    await seeText(row, today);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'public-board-day-roots');
    expect(consoleErrors(page)).toEqual([]);
  });

  it('ends the county self-evaluation with the root its figures can be checked against', async () => {
    const { page } = await b.newPage({ width: 1280, height: 900 });
    await signIn(page, 'county1');
    await page.goto(`/reports/self-evaluation?county=${COUNTY}&year=${Number(today.slice(0, 4))}`);
    const section = page.getByLabel('存证', { exact: true });
    await seeText(section, `${today} 零时封存的本县存证根`);
    await seeText(section, rootHash);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'self-evaluation-day-root');
    expect(consoleErrors(page)).toEqual([]);
  });

  it('checks a project chain from its 流转记录 and names a row changed behind the application', async () => {
    const { page } = await b.newPage({ width: 1280, height: 900 });
    await signIn(page, 'county1');
    await page.goto(`/projects/${projectId}`);
    await page.getByRole('tab', { name: '流转记录' }).click();
    await page.getByRole('button', { name: '存证核验' }).click();
    await seeText(page.locator('.chain-check'), '存证核验通过：1 条记录（审计记录 1 条、资金台账 0 条）与写入时一致');

    await b.stack.db.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(`UPDATE project_events SET comment = '（事后补记）' WHERE project_id = $1 AND seq = 1`, [projectId]);
    });
    await page.getByRole('button', { name: '存证核验' }).click();
    await seeText(page.locator('.chain-check'), '存证核验未通过');
    await seeText(page.locator('.chain-check'), '审计记录第 1 步（链上第 1 条）的内容与写入时的哈希不符');
    await screenshot(page, 'project-chain-check');
    expect(consoleErrors(page)).toEqual([]);
  });
});
