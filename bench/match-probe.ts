import { prepareOneAllocation } from './one-allocation';
import { pool, summarise } from './stats';
import { apiClient, application, withSystem, type Json } from './system';

/**
 * Matches on one allocation against township approvals, both at the same concurrency, in
 * alternating rounds: the bench's matchOneAllocation figure alone, in a minute or two.
 */
async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 160);
  const concurrency = Number(process.argv[3] ?? 16);
  await withSystem('match-probe', async (system) => {
    const api = apiClient(system.port);
    const call = (_action: string, method: string, path: string, token: string | null, body?: unknown): Promise<Json> =>
      api.call(method, path, token, body);
    const t: Record<string, string> = {};
    for (const u of ['village1', 'township1', 'department1', 'county1', 'admin']) t[u] = await api.login(u);
    const ids: string[] = [];
    await pool(count, concurrency, async (i) => {
      const p = await call('setup', 'POST', '/projects', t.village1, application(`探针-${i}`));
      await call('setup', 'POST', `/projects/${p.id}/submit`, t.village1, {});
      ids.push(p.id);
    });
    const one = await prepareOneAllocation(call, t, concurrency, count);
    const approvals: number[] = [];
    const matches: number[] = [];
    const round = Math.max(concurrency, 20);
    for (let from = 0; from < ids.length; from += round) {
      const slice = ids.slice(from, from + round);
      await pool(slice.length, concurrency, async (i) => {
        const started = performance.now();
        await call('approve', 'POST', `/projects/${slice[i]}/review`, t.township1, { decision: 'approve' });
        approvals.push(performance.now() - started);
      });
      await pool(slice.length, concurrency, () => one.matchOne(matches));
    }
    const a = summarise(approvals);
    const m = summarise(matches);
    console.log(JSON.stringify({ approve: a, match: m, ratioP50: Math.round((m.p50 / a.p50) * 100) / 100 }));
    // With PROBE_HISTORY=1: each allocation workflow's events by type, and how long its workflow tasks waited to start.
    if (process.env.PROBE_HISTORY) {
      const { Client, Connection } = await import('@temporalio/client');
      const connection = await Connection.connect({ address: `127.0.0.1:${system.temporalPort}` });
      const client = new Client({ connection });
      for await (const wf of client.workflow.list({ query: `WorkflowType = 'allocationWorkflow'` })) {
        const history = await client.workflow.getHandle(wf.workflowId).fetchHistory();
        const kinds = new Map<string, number>();
        let scheduledAt = 0;
        const waits: number[] = [];
        for (const e of history.events ?? []) {
          const kind =
            Object.keys(e).find((k) => k.endsWith('EventAttributes') && (e as Record<string, unknown>)[k]) ?? String(e.eventType);
          kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
          const at = Number(e.eventTime?.seconds ?? 0) * 1000 + Number(e.eventTime?.nanos ?? 0) / 1e6;
          if (e.workflowTaskScheduledEventAttributes) scheduledAt = at;
          if (e.workflowTaskStartedEventAttributes && scheduledAt) waits.push(at - scheduledAt);
        }
        console.log(
          wf.workflowId,
          JSON.stringify(Object.fromEntries(kinds)),
          'workflow task scheduled → started (ms)',
          JSON.stringify(summarise(waits)),
        );
      }
      await connection.close();
    }
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
