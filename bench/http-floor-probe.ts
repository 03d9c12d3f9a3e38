import { startHttpFloorFor } from './http-floor';
import { measureHttpFloorRatio } from './http-floor-ratio';
import { apiClient, submittedProjects, withSystem } from './system';

/** The bench's HTTP floor ratio alone, at concurrency 1 and 16: `node dist/bench/http-floor-probe.js [count]`. */
async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100);
  await withSystem('floor-probe', async (system) => {
    const api = apiClient(system.port);
    const [village, township] = [await api.login('village1'), await api.login('township1')];
    const floor = await startHttpFloorFor(system);
    for (const concurrency of [1, 16]) {
      const ids = await submittedProjects(api, village, count, `地板探针-${concurrency}`);
      const r = await measureHttpFloorRatio(api.base, township, ids, floor, concurrency);
      console.log(
        `c${concurrency}: approve p50 ${r.approveMs.p50} p95 ${r.approveMs.p95}; floor p50 ${r.floorMs.p50} p95 ${r.floorMs.p95}; ×${r.ratioP50} (p95 ×${r.ratioP95})`,
      );
    }
    await floor.stop();
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
