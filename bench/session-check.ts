import 'reflect-metadata';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { SESSION_STATE_FRESH_MS, SessionStates } from '../apps/api/src/auth/session-states';
import { dataSourceOptions, runMigrations } from '../libs/persistence/src/data-source';
import { startEmbeddedPostgres } from '../libs/persistence/src/embedded/embedded-postgres';
import { freePort } from '../libs/process/src/ports';

/**
 * What checking a token's session costs the auth guard, on a throwaway embedded PostgreSQL with
 * `users` accounts: the primary-key lookup the guard would make on every request without a cache,
 * against the guard's cached state, each as 16 requests at a time on a pool of 20 connections for
 * `requests` requests spread over the accounts. Prints one JSON line (times per request).
 *
 *   npx ts-node --transpile-only bench/session-check.ts [users=2000] [requests=20000]
 */
async function main(): Promise<void> {
  const users = Number(process.argv[2] ?? 2000);
  const requests = Number(process.argv[3] ?? 20000);
  const concurrency = 16;
  const dir = mkdtempSync(join(tmpdir(), 'session-check-bench-'));
  chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), port: await freePort(), log: () => undefined });
  try {
    await runMigrations(pg.url);
    const db = await new DataSource({ ...dataSourceOptions(pg.url), extra: { max: 20 } }).initialize();
    await db.query(`INSERT INTO regions (code, name, level) VALUES ('140602000000', '朔城区', 'county') ON CONFLICT DO NOTHING`);
    const rows: Array<{ id: string }> = await db.query(
      `INSERT INTO users (username, display_name, password_hash, role, region_code)
       SELECT 'bench-' || g, '测试用户', 'scrypt$x$y', 'county', '140602000000' FROM generate_series(1, $1) g RETURNING id`,
      [users],
    );
    const ids = rows.map((r) => r.id);

    /** Runs `requests` checks, `concurrency` at a time, as requests of random accounts; answers each one's time in ms. */
    const drive = async (check: (id: string) => Promise<unknown>): Promise<number[]> => {
      const times: number[] = [];
      let next = 0;
      const lane = async () => {
        while (next < requests) {
          next += 1;
          const id = ids[Math.floor(Math.random() * ids.length)];
          const start = process.hrtime.bigint();
          await check(id);
          times.push(Number(process.hrtime.bigint() - start) / 1e6);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, lane));
      return times;
    };
    const summary = (times: number[], wallMs: number) => {
      const sorted = [...times].sort((a, b) => a - b);
      const at = (q: number) => +sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(4);
      return { p50: at(0.5), p95: at(0.95), p99: at(0.99), perSecond: Math.round((times.length / wallMs) * 1000) };
    };
    const timed = async (check: (id: string) => Promise<unknown>) => {
      const start = Date.now();
      const times = await drive(check);
      return summary(times, Date.now() - start);
    };

    const lookup = (id: string) => db.query(`SELECT session_version, disabled, must_change_password FROM users WHERE id = $1`, [id]);
    await drive(lookup);
    const pkLookupMs = await timed(lookup);

    const sessions = new SessionStates(db);
    // Warm: every account looked up once, as after the first requests of a working day.
    for (const id of ids) await sessions.current(id);
    const cachedMs = await timed((id) => sessions.current(id));

    console.log(JSON.stringify({ users, requests, concurrency, freshForMs: SESSION_STATE_FRESH_MS, pkLookupMs, cachedMs }));
    await db.destroy();
  } finally {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
