import { randomUUID } from 'node:crypto';
import type { Headers } from './support/fixtures';
import { libraryProject } from './support/library-project';
import { login, startTestStack, type TestStack } from './support/test-stack';

const SHUOCHENG = '140602000000';

/** What the console's batch pages read: each allocation's active matches, and the list's filters. */
describe('batches as the console reads them', () => {
  let stack: TestStack;
  let admin: Headers, county: Headers;
  const run = randomUUID().slice(0, 8);

  beforeAll(async () => {
    stack = await startTestStack();
    [admin, county] = await Promise.all(['admin', 'county1'].map((n) => login(stack, n)));
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const issue = async (docNumber: string, level: string, year: number) =>
    (
      await stack
        .http()
        .post('/batches')
        .set(admin)
        .send({ docNumber, title: `测试批次 ${run}`, level, year, batchNo: 1, issuedAt: `${year}-01-05`, allocations: [{ regionCode: SHUOCHENG, amount: '300000.00', earmarks: [{ purpose: '庭院经济', amount: '100000.00' }] }] })
        .expect(201)
    ).body.id as string;

  it('lists each allocation’s active matches with the project, and drops a cancelled one', async () => {
    const { id: projectId } = await libraryProject(stack, '140602205931');
    const batchId = await issue(`测试〔2024〕${run}-1`, 'city', 2024);
    const base = `/batches/${batchId}/allocations/${SHUOCHENG}`;
    await stack.http().post(`${base}/receipt`).set(county).send({ receivedAt: new Date().toISOString() }).expect(200);
    const matched = await stack.http().post(`${base}/matches`).set(county).send({ projectId, amount: '60000.00', purpose: '庭院经济' }).expect(201);
    const [allocation] = matched.body.batch.allocations;
    expect(allocation).toMatchObject({ matched: '60000.00', unmatched: '240000.00' });
    expect(allocation.matches).toEqual([
      expect.objectContaining({ id: matched.body.matchId, projectId, projectType: 'industry', amount: '60000.00', purpose: '庭院经济', matchedAt: expect.any(String) }),
    ]);
    expect(allocation.matches[0].projectName).toMatch(/^到户产业补助-/);
    expect(matched.body.industryShare).toMatchObject({ industryMatched: expect.any(String), share: expect.any(String) });

    const read = await stack.http().get(`/batches/${batchId}`).set(county).expect(200);
    expect(read.body.allocations[0].matches).toHaveLength(1);

    await stack.http().delete(`${base}/matches/${matched.body.matchId}`).set(county).send({ reason: '项目调整' }).expect(200);
    const after = await stack.http().get(`/batches/${batchId}`).set(county).expect(200);
    expect(after.body.allocations[0]).toMatchObject({ matched: '0.00', unmatched: '300000.00', matches: [] });
  });

  it('filters the list by year, level and a piece of the document number or title', async () => {
    const a = await issue(`测试〔2031〕${run}-a`, 'province', 2031);
    const b = await issue(`测试〔2031〕${run}-b`, 'county', 2031);
    const ids = async (query: string) => ((await stack.http().get(`/batches?${query}`).set(county).expect(200)).body.items as Array<{ id: string }>).map((i) => i.id);
    expect((await ids(`year=2031&q=${encodeURIComponent(run)}`)).sort()).toEqual([a, b].sort());
    expect(await ids(`year=2031&level=county&q=${encodeURIComponent(run)}`)).toEqual([b]);
    expect(await ids(`q=${encodeURIComponent(`${run}-a`)}`)).toEqual([a]);
    // A % is searched for as text.
    expect(await ids(`q=${encodeURIComponent('%')}`)).toEqual([]);
    await stack.http().get('/batches?level=galactic').set(county).expect(400);
  });
});
