import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { login, startTestStack, type TestStack } from './support/test-stack';

const csv = readFileSync(join(__dirname, 'fixtures/shanxi-2023-allocations.csv'));

describe('importing the Shanxi 2023 provincial allocation table', () => {
  let stack: TestStack;
  let admin: { Authorization: string };
  beforeAll(async () => {
    stack = await startTestStack();
    admin = await login(stack, 'admin');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const header = (docNumber: string) => ({ docNumber, title: '2023年省级财政衔接推进乡村振兴补助资金计划', level: 'province', year: '2023', batchNo: '1', issuedAt: '2023-03-01' });
  const upload = (fields: Record<string, string>, file: Buffer, name = 'shanxi-2023.csv') => {
    const request = stack.http().post('/batches/import').set(admin);
    for (const [k, v] of Object.entries(fields)) request.field(k, v);
    return request.attach('file', file, name);
  };
  const batchCount = async (docNumber: string) => Number((await stack.db.query(`SELECT count(*) AS n FROM fund_batches WHERE doc_number = $1`, [docNumber]))[0].n);

  it('gives 105 allocations totalling 172,220万元 with 14,000万元 earmarked', async () => {
    const docNumber = `晋乡振发〔2023〕8号-${randomUUID().slice(0, 6)}`;
    const response = await upload(header(docNumber), csv).expect(201);
    expect(response.body.total).toBe('1722200000.00');
    expect(response.body.allocations).toHaveLength(105);
    const earmarked = response.body.allocations.flatMap((a: { earmarks: { amount: string }[] }) => a.earmarks).reduce((s: bigint, e: { amount: string }) => s + BigInt(e.amount.replace('.', '')), 0n);
    expect(earmarked).toBe(14_000n * 10_000n * 100n);
    expect(response.body.allocations.find((a: { countyName: string }) => a.countyName === '盂县')).toBeDefined();
    const [{ n, total }] = await stack.db.query(
      `SELECT count(*)::int AS n, sum(e.amount_fen)::text AS total FROM ledger_entries e JOIN fund_batches b ON b.id = e.batch_id WHERE b.doc_number = $1 AND e.kind = 'allocation'`,
      [docNumber],
    );
    expect({ n, total }).toEqual({ n: 105, total: '172220000000' });
  });

  it('refuses a copy with one wrong city subtotal, naming the row, and writes nothing', async () => {
    const docNumber = `晋乡振发〔2023〕8号-bad-${randomUUID().slice(0, 6)}`;
    const altered = Buffer.from(csv.toString('utf8').replace('太原市小计,4659', '太原市小计,4660'));
    const response = await upload(header(docNumber), altered).expect(422);
    expect(response.body.code).toBe('IMPORT_INVALID');
    expect(response.body.details).toHaveLength(1);
    expect(response.body.details[0].message).toMatch(/太原市小计/);
    expect(response.body.message).toMatch(/未导入任何数据/);
    expect(await batchCount(docNumber)).toBe(0);
  });

  it('answers a missing file and a bad header with 400, a file it cannot read with 422', async () => {
    await stack.http().post('/batches/import').set(admin).field('docNumber', 'x').expect(400);
    const pdf = await upload(header(`x-${randomUUID()}`), Buffer.from('%PDF-1.4'), 'table.pdf').expect(422);
    expect(pdf.body.code).toBe('UNREADABLE_FILE');
    await upload({ ...header(`x-${randomUUID()}`), level: 'galactic' }, csv).expect(400);
  });

  it('lets only admin and county users import', async () => {
    await stack.http().post('/batches/import').set(await login(stack, 'monitor1')).attach('file', csv, 'a.csv').expect(403);
  });
});
