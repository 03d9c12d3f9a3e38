import type { HttpFloor } from './http-floor';
import { pool, summarise, type Summary } from './stats';

export interface HttpFloorFigures {
  concurrency: number;
  approveMs: Summary;
  floorMs: Summary;
  ratioP50: number;
  ratioP95: number;
}

async function timedPost(url: string, token: string, body: unknown): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200 && response.status !== 201) throw new Error(`${url} → ${response.status}`);
  return ms;
}

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

/**
 * Township approvals over HTTP against the HTTP floor at one concurrency, in alternating rounds of
 * the same size so that both meet the same machine. `projectIds` are projects waiting for the
 * township's review; the floor gets as many fresh trivial workflows.
 */
export async function measureHttpFloorRatio(
  base: string,
  token: string,
  projectIds: string[],
  floor: HttpFloor,
  concurrency: number,
): Promise<HttpFloorFigures> {
  await floor.prepare(projectIds.length, Math.min(concurrency, 16));
  const approvals: number[] = [];
  const floors: number[] = [];
  const round = Math.max(concurrency, 20);
  for (let from = 0; from < projectIds.length; from += round) {
    const ids = projectIds.slice(from, from + round);
    await pool(ids.length, concurrency, async (i) => {
      approvals.push(await timedPost(`${base}/projects/${ids[i]}/review`, token, { decision: 'approve' }));
    });
    await pool(ids.length, concurrency, async (i) => {
      floors.push(await timedPost(floor.url, token, { n: i }));
    });
  }
  const approveMs = summarise(approvals);
  const floorMs = summarise(floors);
  return { concurrency, approveMs, floorMs, ratioP50: ratio(approveMs.p50, floorMs.p50), ratioP95: ratio(approveMs.p95, floorMs.p95) };
}
