import { randomUUID } from 'node:crypto';
import { writeGatedMatch } from '../libs/persistence/src/fund-match-rows';
import { allocationStatusQuery, allocationWorkflowId } from '../workflows/funds/allocation.definitions';
import type { MatchStep } from '../workflows/funds/allocation.types';
import type { Headers } from './support/fixtures';
import { libraryProject } from './support/library-project';
import { login, startTestStack, type TestStack } from './support/test-stack';

const SHUOCHENG = '140602000000';
/** A year no other test gives 朔城区 money, so the county's industry share of other tests is untouched. */
const YEAR = 2046;

/**
 * Many clerks matching one county allocation at the same moment over HTTP: PostgreSQL decides each
 * under the allocation's row lock, so exactly as many as fit get 201, the rest 422, and the rows,
 * the allocation's sum and the ledger agree to the fen, while the allocation's workflow, which
 * keeps only the clock, sees none of it.
 */
describe('concurrent matches on one allocation', () => {
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

  it('lets through exactly what fits the pool and the earmark, and records every match it answered', async () => {
    const projects = [await libraryProject(stack, '140602205961'), await libraryProject(stack, '140602205962')];
    const batch = await stack
      .http()
      .post('/batches')
      .set(admin)
      .send({
        docNumber: `并发匹配〔${YEAR}〕${run}`,
        title: '并发匹配测试',
        level: 'city',
        year: YEAR,
        batchNo: 1,
        issuedAt: '2026-01-05',
        allocations: [{ regionCode: SHUOCHENG, amount: '30000.00', earmarks: [{ purpose: '庭院经济', amount: '10000.00' }] }],
      })
      .expect(201);
    const base = `/batches/${batch.body.id}/allocations/${SHUOCHENG}`;
    await stack.http().post(`${base}/receipt`).set(county).send({ receivedAt: new Date().toISOString() }).expect(200);

    // 20,000.00 of general money takes 13 matches of 1,500.00; the 10,000.00 earmark takes 6.
    const requests = [
      ...Array.from({ length: 24 }, (_, i) => ({ projectId: projects[i % 2].id, amount: '1500.00' })),
      ...Array.from({ length: 8 }, (_, i) => ({ projectId: projects[i % 2].id, amount: '1500.00', purpose: '庭院经济' })),
    ];
    const answers = await Promise.all(requests.map((body) => stack.http().post(`${base}/matches`).set(county).send(body)));

    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(19);
    expect(statuses.filter((s) => s === 422)).toHaveLength(13);
    for (const refused of answers.filter((a) => a.status === 422)) expect(refused.body.code).toBe('RULE_BROKEN');

    // Every 201 was recorded before it was answered, once; nothing refused was.
    const allocationId = (await stack.db.query(`SELECT id FROM allocations WHERE batch_id = $1`, [batch.body.id]))[0].id as string;
    const rows: { id: string; amount_fen: string; purpose: string | null }[] = await stack.db.query(
      `SELECT id, amount_fen::text AS amount_fen, purpose FROM fund_matches WHERE allocation_id = $1 AND removed_at IS NULL`,
      [allocationId],
    );
    expect(rows.map((r) => r.id).sort()).toEqual(answers.filter((a) => a.status === 201).map((a) => a.body.matchId as string).sort());
    expect(rows.filter((r) => r.purpose === '庭院经济')).toHaveLength(6);
    const [row] = await stack.db.query(`SELECT matched_fen::text AS matched, status FROM allocations WHERE id = $1`, [allocationId]);
    expect(row).toEqual({ matched: '2850000', status: 'received' });
    const [ledger] = await stack.db.query(`SELECT count(*)::int AS n, sum(amount_fen)::text AS fen FROM ledger_entries WHERE allocation_id = $1 AND kind = 'match'`, [
      allocationId,
    ]);
    expect(ledger).toEqual({ n: 19, fen: '2850000' });

    // The workflow took the receipt and no match; what is left is exactly 500.00 of general money and 1,000.00 earmarked.
    const status = await stack.temporal.workflow.getHandle(allocationWorkflowId(batch.body.id, SHUOCHENG)).query(allocationStatusQuery);
    expect(status).toMatchObject({ matchGate: 'database', version: 1 });
    await stack.http().post(`${base}/matches`).set(county).send({ projectId: projects[0].id, amount: '500.01' }).expect(422);
    await stack.http().post(`${base}/matches`).set(county).send({ projectId: projects[0].id, amount: '500.00' }).expect(201);
    const last = await stack.http().post(`${base}/matches`).set(county).send({ projectId: projects[1].id, amount: '1000.00', purpose: '庭院经济' }).expect(201);
    expect(last.body.batch.allocations[0]).toMatchObject({ matched: '30000.00', unmatched: '0.00', status: 'done' });
  });

  it('takes 5,000 matches on one allocation, 16 writers at a time, to the fen, and the workflow history does not grow', async () => {
    const MATCHES = 5_000;
    const projects = await Promise.all(['140602205963', '140602205964'].map((v) => libraryProject(stack, v, { totalBudget: '100000.00' })));
    const batch = await stack
      .http()
      .post('/batches')
      .set(admin)
      .send({
        docNumber: `五千次匹配〔${YEAR}〕${run}`,
        title: '同一分配五千次匹配',
        level: 'city',
        year: YEAR,
        batchNo: 2,
        issuedAt: '2026-01-05',
        allocations: [{ regionCode: SHUOCHENG, amount: '120000.00', earmarks: [{ purpose: '庭院经济', amount: '20000.00' }] }],
      })
      .expect(201);
    const base = `/batches/${batch.body.id}/allocations/${SHUOCHENG}`;
    await stack.http().post(`${base}/receipt`).set(county).send({ receivedAt: new Date().toISOString() }).expect(200);
    const allocationId = (await stack.db.query(`SELECT id FROM allocations WHERE batch_id = $1`, [batch.body.id]))[0].id as string;
    const handle = stack.temporal.workflow.getHandle(allocationWorkflowId(batch.body.id, SHUOCHENG));
    const eventsBefore = ((await handle.fetchHistory()).events ?? []).length;

    // 5,000 matches of 40.00 ask for 200,000.00 of an allocation of 120,000.00: its 100,000.00 of
    // general and 20,000.00 of earmarked money each let through only what fits.
    const actor = { userId: 'u-county1', name: '朔城区', role: 'county' as const, regionCode: SHUOCHENG };
    let next = 0;
    const outcomes: (string | null)[] = [];
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < MATCHES) {
          const i = next++;
          const step: MatchStep = {
            allocationId,
            batchId: batch.body.id,
            countyCode: SHUOCHENG,
            version: 0,
            at: new Date().toISOString(),
            actor,
            match: { id: randomUUID(), projectId: projects[i % 2].id, amountFen: '4000', purpose: i % 5 === 0 ? '庭院经济' : null },
          };
          outcomes.push(await stack.db.transaction((m) => writeGatedMatch(m, step)));
        }
      }),
    );

    // 20,000.00 earmarked takes 500 matches, the 100,000.00 general money 2,500; then every fen is matched.
    expect(outcomes.filter((o) => o === null)).toHaveLength(3_000);
    const [row] = await stack.db.query(
      `SELECT a.matched_fen::text AS matched, a.status,
         (SELECT sum(amount_fen)::text FROM fund_matches WHERE allocation_id = a.id AND removed_at IS NULL) AS rows,
         (SELECT sum(amount_fen)::text FROM fund_matches WHERE allocation_id = a.id AND purpose = '庭院经济') AS earmarked,
         (SELECT sum(amount_fen)::text FROM ledger_entries WHERE allocation_id = a.id AND kind = 'match') AS ledger
       FROM allocations a WHERE a.id = $1`,
      [allocationId],
    );
    expect(row).toEqual({ matched: '12000000', status: 'done', rows: '12000000', earmarked: '2000000', ledger: '12000000' });
    const perProject: { project_id: string; fen: string }[] = await stack.db.query(
      `SELECT project_id, sum(amount_fen)::text AS fen FROM fund_matches WHERE allocation_id = $1 GROUP BY project_id`,
      [allocationId],
    );
    for (const p of perProject) expect(BigInt(p.fen)).toBeLessThanOrEqual(10_000_000n);
    expect(((await handle.fetchHistory()).events ?? []).length).toBe(eventsBefore);

    // The answer over HTTP agrees: nothing is left to match.
    await stack.http().post(`${base}/matches`).set(county).send({ projectId: projects[0].id, amount: '0.01' }).expect(422);
  }, 240_000);
});
