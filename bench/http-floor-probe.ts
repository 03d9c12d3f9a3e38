import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../libs/config/src/config';
import { startHttpFloor } from './http-floor';
import { measureHttpFloorRatio } from './http-floor-ratio';
import { pool } from './stats';
import { application, startSystem, stopSystem } from './system';

/** The bench's HTTP floor ratio alone, at concurrency 1 and 16: `node dist/bench/http-floor-probe.js [count]`. */
async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100);
  const dir = mkdtempSync(join(tmpdir(), 'floor-probe-'));
  const system = await startSystem(dir);
  const base = `http://127.0.0.1:${system.port}`;
  const post = async (path: string, token: string | null, body: unknown): Promise<Record<string, string>> => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, string>;
    if (response.status >= 300) throw new Error(`${path} → ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  try {
    const login = async (username: string) => (await post('/auth/login', null, { username, password: 'demo123' })).accessToken as string;
    const [village, township] = [await login('village1'), await login('township1')];
    const floor = await startHttpFloor({
      temporalAddress: `127.0.0.1:${system.temporalPort}`,
      databaseUrl: `postgres://postgres:postgres@127.0.0.1:${system.pgPort}/rural_funds`,
      jwtSecret: loadConfig(process.env, 'local').jwtSecret,
    });
    for (const concurrency of [1, 16]) {
      const ids: string[] = [];
      await pool(count, 16, async (i) => {
        const p = await post('/projects', village, application(`地板探针-${concurrency}-${i}`));
        await post(`/projects/${p.id}/submit`, village, {});
        ids.push(p.id);
      });
      const r = await measureHttpFloorRatio(base, township, ids, floor, concurrency);
      console.log(
        `c${concurrency}: approve p50 ${r.approveMs.p50} p95 ${r.approveMs.p95}; floor p50 ${r.floorMs.p50} p95 ${r.floorMs.p95}; ×${r.ratioP50} (p95 ×${r.ratioP95})`,
      );
    }
    await floor.stop();
  } finally {
    await stopSystem(system.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
