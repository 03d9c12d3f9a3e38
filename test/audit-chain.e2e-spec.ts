import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { chainHash, countyDayRoot } from '../libs/domain/src/audit-chain';
import { HISTORY_COLUMNS, historyCanonical, loadChainRows } from '../libs/persistence/src/audit-chain-rows';
import { appendLedgerEntry } from '../libs/persistence/src/ledger';
import { AuditChain1763901800000 } from '../libs/persistence/src/migrations/1763901800000-audit-chain';
import { shanghaiDate } from '../libs/domain/src/calendar';
import { ensureDayRootsClock } from '../apps/worker/src/day-roots-clock';
import { dayRootsWorkflowId } from '../workflows/audit/day-roots.definitions';
import { fundProject, libraryProject } from './support/library-project';
import { ownDatabase, type OwnDatabase } from './support/own-database';
import { login, startTestStack, type TestStack } from './support/test-stack';

/** `npm run audit:verify` without the build step, against one database. */
function auditVerify(databaseUrl: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '..', 'apps', 'local', 'src', 'audit-verify.ts')], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/**
 * The chain over a project's history and ledger rows, on a database of this file's own: it edits a
 * booked amount as a superuser past the append-only guard, which no other file should ever see.
 */
describe('audit chain: a rewrite of a booked row is found and named', () => {
  const VILLAGE = '140602205886';
  let own: OwnDatabase;
  let stack: TestStack;
  let county: { Authorization: string };
  let projectId: string;
  let paymentRowId: string;

  beforeAll(async () => {
    own = await ownDatabase('audit_chain');
    stack = await startTestStack({ databaseUrl: own.url });
    county = await login(stack, 'county1');
    projectId = (await libraryProject(stack, VILLAGE)).id;
    await fundProject(stack, projectId, '60000.00');
    const finance = await login(stack, 'finance1');
    // Three payments at once: each appends to the same project's chain under its head's lock.
    const households = ['AC-001', 'AC-002', 'AC-003'].map((id, i) => ({ householdId: id, name: `农户${i + 1}`, account: `62284800000000${i}`, item: '庭院经济奖补', amount: '1000.00' }));
    await Promise.all(
      households.map((h) =>
        stack.http().post(`/projects/${projectId}/payments`).set(finance).send({ kind: 'household', amount: '1000.00', paidAt: '2024-06-01', households: [h] }).expect(201),
      ),
    );
    [{ id: paymentRowId }] = await stack.db.query(`SELECT id::text AS id FROM ledger_entries WHERE project_id = $1 AND kind = 'payment' ORDER BY id LIMIT 1`, [projectId]);
  });

  afterAll(async () => {
    await stack?.temporal.workflow.getHandle(dayRootsWorkflowId(stack.taskQueue)).terminate('test over').catch(() => undefined);
    await stack?.stop();
    await own?.drop();
  });

  it('links every history and ledger row of the project, in order, and verifies it whole', async () => {
    const res = await stack.http().get(`/projects/${projectId}/verify`).set(county).expect(200);
    const [{ events }] = await stack.db.query(`SELECT count(*)::int AS events FROM project_events WHERE project_id = $1`, [projectId]);
    const [{ ledger }] = await stack.db.query(`SELECT count(*)::int AS ledger FROM ledger_entries WHERE project_id = $1`, [projectId]);
    expect(res.body).toMatchObject({ projectId, ok: true, broken: null, historyRows: events, ledgerRows: ledger, length: events + ledger });
    // submit, three reviews, publicity, library; a match and three payments.
    expect(events).toBeGreaterThanOrEqual(6);
    expect(ledger).toBe(4);
    const positions = await stack.db.query(
      `SELECT chain_pos FROM project_events WHERE project_id = $1 UNION ALL SELECT chain_pos FROM ledger_entries WHERE chain_id = $1 ORDER BY 1`,
      [projectId],
    );
    expect(positions.map((p: { chain_pos: number }) => p.chain_pos)).toEqual(Array.from({ length: events + ledger }, (_, i) => i + 1));
    const [head] = await stack.db.query(`SELECT length, head_hash FROM audit_chains WHERE chain_id = $1`, [projectId]);
    expect(head).toEqual({ length: events + ledger, head_hash: res.body.headHash });
  });

  it('answers only those who may see the project', async () => {
    await stack.http().get(`/projects/${projectId}/verify`).set(await login(stack, 'village2')).expect(404);
    await stack.http().get(`/projects/${projectId}/verify`).expect(401);
    await stack.http().get(`/projects/00000000-0000-4000-8000-000000000000/verify`).set(county).expect(404);
    const malformed = await stack.http().get(`/projects/not-a-uuid/verify`).set(county).expect(404);
    expect(malformed.body.message).toBe('项目不存在');
    await stack.http().get(`/projects/${projectId}/verify`).set(await login(stack, 'finance1')).expect(200);
  });

  it('seals the county root of the day over its chain heads, shown on the public board', async () => {
    await ensureDayRootsClock(stack.temporal, stack.taskQueue);
    // Starting it again joins the running clock rather than failing or starting a second one.
    await ensureDayRootsClock(stack.temporal, stack.taskQueue);
    const today = shanghaiDate(new Date());
    let body: { day: string | null; roots: Array<Record<string, unknown>> } = { day: null, roots: [] };
    for (const deadline = Date.now() + 30_000; Date.now() < deadline && body.day !== today; ) {
      body = (await stack.http().get('/public/audit-roots?regionCode=140602000000').expect(200)).body;
      if (body.day !== today) await new Promise((r) => setTimeout(r, 250));
    }
    expect(body.day).toBe(today);
    const heads = await stack.db.query(`SELECT chain_id::text AS "chainId", length, head_hash AS "headHash" FROM audit_chains WHERE county_code = '140602000000' AND length > 0`);
    expect(body.roots).toEqual([
      expect.objectContaining({
        countyCode: '140602000000',
        countyName: '朔城区',
        day: today,
        rootHash: countyDayRoot('140602000000', today, heads),
        chains: heads.length,
      }),
    ]);
    const handle = stack.temporal.workflow.getHandle(dayRootsWorkflowId(stack.taskQueue));
    expect((await handle.describe()).status.name).toBe('RUNNING');
    const nationwide = (await stack.http().get(`/public/audit-roots?day=${today}`).expect(200)).body;
    expect(nationwide.roots.length).toBeGreaterThan(1);
    await stack.http().get('/public/audit-roots?day=2026-02-30').expect(400);
    expect((await stack.http().get('/public/audit-roots?day=1999-01-01').expect(200)).body).toEqual({ day: '1999-01-01', roots: [] });
  });

  it('audit:verify passes the whole database while nothing was touched', async () => {
    const { code, output } = await auditVerify(own.url);
    expect(output).toContain(`✓ 项目 ${projectId}（140602000000）`);
    expect(output).toMatch(/存证核验通过：\d+ 条链/);
    expect(code).toBe(0);
  });

  it('appends concurrent writers of one chain one after the other, and a retried row once', async () => {
    const before = (await stack.http().get(`/projects/${projectId}/verify`).set(county).expect(200)).body.length;
    // Eight writers at once, two of them carrying the same row (as the API and an activity retry do).
    const sources = ['c-1', 'c-2', 'c-3', 'c-4', 'c-5', 'c-6', 'c-7', 'c-7'];
    await Promise.all(
      sources.map((source) =>
        stack.db.transaction((m) =>
          appendLedgerEntry(m, { source: `concurrency-${source}-${projectId}`, at: new Date().toISOString(), kind: 'retention_held', amountFen: '1', countyCode: '140602000000', projectId, actor: '测试', note: source }),
        ),
      ),
    );
    const res = (await stack.http().get(`/projects/${projectId}/verify`).set(county).expect(200)).body;
    expect(res).toMatchObject({ ok: true, length: before + 7 });
  });

  it('the migration links rows written before it existed, in order, when it runs over them', async () => {
    const migration = new AuditChain1763901800000();
    const runner = stack.db.createQueryRunner();
    try {
      await runner.startTransaction();
      await migration.down(runner);
      await migration.up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    const res = (await stack.http().get(`/projects/${projectId}/verify`).set(county).expect(200)).body;
    expect(res).toMatchObject({ ok: true, broken: null });
    const [{ unlinked }] = await stack.db.query(`SELECT count(*)::int AS unlinked FROM ledger_entries WHERE row_hash IS NULL OR chain_pos IS NULL`);
    expect(unlinked).toBe(0);
    // Writing goes on through the recreated functions.
    await stack.db.transaction((m) =>
      appendLedgerEntry(m, { source: `after-backfill-${projectId}`, at: new Date().toISOString(), kind: 'retention_held', amountFen: '1', countyCode: '140602000000', projectId, actor: '测试' }),
    );
    expect((await stack.http().get(`/projects/${projectId}/verify`).set(county).expect(200)).body).toMatchObject({ ok: true, length: res.length + 1 });
  });

  it('finds an amount edited in PostgreSQL past the append-only guard, names the row, and audit:verify fails', async () => {
    // As a superuser, with triggers (the append-only guard) off for this transaction only.
    await stack.db.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(`UPDATE ledger_entries SET amount_fen = amount_fen + 100 WHERE id = $1`, [paymentRowId]);
    });
    const [{ position }] = await stack.db.query(`SELECT chain_pos AS position FROM ledger_entries WHERE id = $1`, [paymentRowId]);

    const res = await stack.http().get(`/projects/${projectId}/verify`).set(county).expect(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.broken).toMatchObject({ table: 'ledger_entries', ref: paymentRowId, position, problem: 'content' });
    expect(res.body.broken.message).toBe(`资金台账 ${paymentRowId} 号记录（链上第 ${position} 条）的内容与写入时的哈希不符：该记录写入后被改动过`);
    expect(res.body.broken.expectedHash).not.toBe(res.body.broken.storedHash);

    const { code, output } = await auditVerify(own.url);
    expect(output).toContain(`✗ 项目 ${projectId}（140602000000）：资金台账 ${paymentRowId} 号记录`);
    expect(output).toMatch(/存证核验失败：\d+ 条链中 1 条/);
    expect(code).toBe(1);

    // Putting the amount back makes the chain whole again: the hash depends on the content, nothing else.
    await stack.db.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(`UPDATE ledger_entries SET amount_fen = amount_fen - 100 WHERE id = $1`, [paymentRowId]);
    });
    expect((await stack.http().get(`/projects/${projectId}/verify`).set(county).expect(200)).body.ok).toBe(true);
  });

  it('finds a history row rewritten together with its own hash at the row after it', async () => {
    const rows = await loadChainRows(stack.db, projectId);
    const [first, second, third] = [...rows].sort((a, b) => a.position! - b.position!);
    expect(second.table).toBe('project_events');
    const [record] = await stack.db.query(`SELECT ${HISTORY_COLUMNS} FROM project_events e WHERE e.project_id = $1 AND e.seq = $2`, [projectId, Number(second.ref)]);
    // A forger who knows the scheme rewrites the comment and that row's hash, but cannot rewrite every later one unseen.
    const forgedHash = chainHash(first.storedHash!, historyCanonical({ ...record, comment: '同意（补记）' }));
    await stack.db.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(`UPDATE project_events SET comment = '同意（补记）', row_hash = $3 WHERE project_id = $1 AND seq = $2`, [projectId, Number(second.ref), forgedHash]);
    });
    const res = await stack.http().get(`/projects/${projectId}/verify`).set(county).expect(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.broken).toMatchObject({ table: third.table, ref: third.ref, position: 3, problem: 'content' });
  });
});
