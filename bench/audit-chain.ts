import 'reflect-metadata';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { canonicalHistoryRow } from '../libs/domain/src/audit-chain';
import { verifyAllChains } from '../libs/persistence/src/audit-chain-verify';
import { sealDayRoots } from '../libs/persistence/src/audit-day-roots';
import { dataSourceOptions, runMigrations } from '../libs/persistence/src/data-source';
import { removeEmbeddedPostgresData, startEmbeddedPostgres } from '../libs/persistence/src/embedded/embedded-postgres';
import { appendLedgerEntry } from '../libs/persistence/src/ledger';
import { freePort } from '../libs/process/src/ports';

/**
 * What the audit chain costs, on a throwaway embedded PostgreSQL: a history row written as before
 * the chain (plain INSERT) against the chained append, in alternating rounds of 200 single-row
 * statements on projects whose chains exist; then `projects` chains of 8 history and 4 ledger rows,
 * verified whole as `npm run audit:verify` does, and sealed into day roots. Prints one JSON line.
 *
 *   npx ts-node --transpile-only bench/audit-chain.ts [projects=1000]
 */
async function main(): Promise<void> {
  const projects = Number(process.argv[2] ?? 1000);
  const dir = mkdtempSync(join(tmpdir(), 'audit-chain-bench-'));
  chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), port: await freePort(), log: () => undefined });
  try {
    await runMigrations(pg.url);
    const db = await new DataSource({ ...dataSourceOptions(pg.url), extra: { max: 4 } }).initialize();
    await db.query(`INSERT INTO regions (code, name, level) VALUES ('140602000000', '朔城区', 'county') ON CONFLICT DO NOTHING`);
    // The rows below name projects that are not there: this database is thrown away.
    for (const c of await db.query(`SELECT conname, conrelid::regclass::text AS t FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text IN ('project_events', 'ledger_entries')`)) {
      await db.query(`ALTER TABLE ${c.t} DROP CONSTRAINT "${c.conname}"`);
    }
    const event = (projectId: string, seq: number) => ({
      projectId, seq, at: new Date().toISOString(), actorId: 'u-1', actorName: '朔城区乡村振兴局', role: 'county', action: 'review',
      fromStage: 'county_review', toStage: 'publicity', comment: '同意', details: { decision: 'approve', seq },
    });
    const plain = (projectId: string, seq: number) => {
      const e = event(projectId, seq);
      return db.query(
        `INSERT INTO project_events (project_id, seq, at, actor_id, actor_name, role, action, from_stage, to_stage, comment, details, chain_pos, row_hash)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$2,repeat('0',64))`,
        [e.projectId, seq, e.at, e.actorId, e.actorName, e.role, e.action, e.fromStage, e.toStage, e.comment, JSON.stringify(e.details)],
      );
    };
    const chained = (projectId: string, seq: number) => {
      const e = event(projectId, seq);
      return db.query(`SELECT record_project_event($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`, [
        e.projectId, '140602000000', seq, e.at, e.actorId, e.actorName, e.role, e.action, e.fromStage, e.toStage, e.comment, JSON.stringify(e.details), canonicalHistoryRow(e),
      ]);
    };
    // Separate projects for each kind, so the plain rows do not sit in chains.
    const plainIds = Array.from({ length: 20 }, () => randomUUID());
    const chainIds = Array.from({ length: 20 }, () => randomUUID());
    let seq = 0;
    const round = async (write: typeof plain, ids: string[]) => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < 200; i += 1) await write(ids[i % ids.length], (seq += 1));
      return Number(process.hrtime.bigint() - start) / 1e6 / 200;
    };
    await round(plain, plainIds);
    await round(chained, chainIds);
    const times = { plain: [] as number[], chained: [] as number[] };
    for (let i = 0; i < 9; i += 1) {
      times.plain.push(await round(plain, plainIds));
      times.chained.push(await round(chained, chainIds));
    }
    const median = (xs: number[]) => +[...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(3);
    // Leave only chained rows for the whole-database check.
    await db.query(`ALTER TABLE project_events DISABLE TRIGGER project_events_append_only`);
    await db.query(`DELETE FROM project_events WHERE project_id = ANY($1::uuid[])`, [plainIds]);
    await db.query(`ALTER TABLE project_events ENABLE TRIGGER project_events_append_only`);

    const fill = process.hrtime.bigint();
    for (let p = 0; p < projects; p += 1) {
      const id = randomUUID();
      for (let s = 1; s <= 8; s += 1) await chained(id, s);
      for (let l = 0; l < 4; l += 1) {
        await db.transaction((m) => appendLedgerEntry(m, { source: `payment-${id}-${l}`, at: new Date().toISOString(), kind: 'payment', amountFen: '100000', countyCode: '140602000000', projectId: id, actor: '朔城区财政局' }));
      }
    }
    const fillMs = Number(process.hrtime.bigint() - fill) / 1e6;

    const verify = process.hrtime.bigint();
    let chains = 0;
    let rows = 0;
    let broken = 0;
    await db.transaction('REPEATABLE READ', async (m) => {
      for await (const c of verifyAllChains(m)) {
        chains += 1;
        rows += c.length;
        if (c.broken) broken += 1;
      }
    });
    const verifyMs = Number(process.hrtime.bigint() - verify) / 1e6;
    const seal = process.hrtime.bigint();
    await db.transaction('REPEATABLE READ', (m) => sealDayRoots(m, '2026-12-05'));
    const sealMs = Number(process.hrtime.bigint() - seal) / 1e6;
    console.log(
      JSON.stringify({
        historyRowMs: { plainInsert: median(times.plain), chainedAppend: median(times.chained) },
        fill: { projects, rowsPerProject: 12, msPerRow: +(fillMs / (projects * 12)).toFixed(3) },
        verifyAll: { chains, rows, broken, ms: Math.round(verifyMs), rowsPerSecond: Math.round(rows / (verifyMs / 1000)) },
        sealDayRootsMs: Math.round(sealMs),
      }),
    );
    await db.destroy();
  } finally {
    await pg.stop();
    removeEmbeddedPostgresData(join(dir, 'postgres'));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
