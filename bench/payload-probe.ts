import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DEFAULT_POLICY } from '../libs/domain/src/policy';
import { floorWorkflow, pingUpdate } from './floor.workflow';
import { pool, summarise } from './stats';
import { withSystem } from './system';

/**
 * Does the size of an Update's payload matter? Bare Updates on trivial workflows carrying a number,
 * or a 3 KB body the size of the policy an approval carries, at concurrency 1 and 16, alternating:
 * `node dist/bench/payload-probe.js`.
 */
async function main(): Promise<void> {
  await withSystem('payload-probe', async (system) => {
    const address = `127.0.0.1:${system.temporalPort}`;
    const worker = await Worker.create({
      connection: await NativeConnection.connect({ address }),
      taskQueue: 'payload-probe',
      workflowsPath: require.resolve('./floor.workflow'),
    });
    const running = worker.run();
    const client = new Client({ connection: await Connection.connect({ address }) });
    const big = JSON.parse(JSON.stringify({ policy: DEFAULT_POLICY, pad: 'x'.repeat(2000) }));
    console.log('payload bytes', JSON.stringify(big).length);
    for (const concurrency of [1, 16]) {
      for (const kind of ['small', 'big', 'small', 'big']) {
        const handles = await Promise.all(
          Array.from({ length: 100 }, async (_, i) => {
            const h = await client.workflow.start(floorWorkflow, {
              taskQueue: 'payload-probe',
              workflowId: `pp-${kind}-${concurrency}-${Date.now()}-${i}`,
            });
            await h.executeUpdate(pingUpdate, { args: [0] });
            return h;
          }),
        );
        const times: number[] = [];
        await pool(100, concurrency, async (i) => {
          const started = performance.now();
          await handles[i].executeUpdate(pingUpdate, { args: [(kind === 'big' ? big : i) as number] });
          times.push(performance.now() - started);
        });
        console.log(`c${concurrency} ${kind}: ${JSON.stringify(summarise(times))}`);
        await Promise.all(handles.map((h) => h.terminate()));
      }
    }
    worker.shutdown();
    await running;
  });
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
