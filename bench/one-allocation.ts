import { application } from './system';

/** The API call the benchmark times; `expect` lists the statuses that count as success. */
type Call = (action: string, method: string, path: string, token: string | null, body?: unknown, expect?: number[]) => Promise<{ [key: string]: unknown }>;

/**
 * Every client matching the same county allocation at once: the case where one allocation's
 * workflow could become the hot spot. Projects are taken into the library first (untimed); each
 * timed match is 1.00 元, so a handful of projects absorbs thousands of matches within budget.
 */
export async function prepareOneAllocation(call: Call, t: Record<string, string>, projectCount: number, matches: number) {
  const projectIds: string[] = [];
  for (let i = 0; i < projectCount; i += 1) {
    const p = await call('setup', 'POST', '/projects', t.village1, application(`同批匹配基准-${i}`));
    const id = p.id as string;
    await call('setup', 'POST', `/projects/${id}/submit`, t.village1, {});
    for (const reviewer of [t.township1, t.department1, t.county1]) await call('setup', 'POST', `/projects/${id}/review`, reviewer, { decision: 'approve' });
    projectIds.push(id);
  }
  const amount = `${Math.max(1, matches)}.00`;
  const batch = await call('setup', 'POST', '/batches', t.admin, {
    docNumber: `同批匹配基准-${Date.now()}`,
    title: '同一分配并发匹配基准',
    level: 'city',
    year: 2024,
    batchNo: 2,
    issuedAt: '2024-01-01',
    allocations: [{ regionCode: '140602000000', amount }],
  });
  const allocationPath = `/batches/${batch.id as string}/allocations/140602000000`;
  await call('setup', 'POST', `${allocationPath}/receipt`, t.county1, { receivedAt: new Date().toISOString() });
  let next = 0;
  return {
    /** One timed 1.00 元 match on the shared allocation, spread over the prepared projects. */
    async matchOne(times: number[]): Promise<void> {
      const projectId = projectIds[next % projectIds.length];
      next += 1;
      const started = performance.now();
      await call('setup', 'POST', `${allocationPath}/matches`, t.county1, { projectId, amount: '1.00' });
      times.push(performance.now() - started);
    },
  };
}
