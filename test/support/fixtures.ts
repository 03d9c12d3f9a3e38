import { randomUUID } from 'node:crypto';
import type { TestStack } from './test-stack';

/** An application of 北曹村 (village1) like those of the Shuocheng 2024 plan; names are unique per call. */
export function application(overrides: Record<string, unknown> = {}) {
  return {
    name: `蔬菜大棚改造工程-${randomUUID().slice(0, 8)}`,
    type: 'industry',
    villageCode: '140602205901',
    place: '贾庄乡北曹村',
    content: '改造蔬菜大棚 20 座，配套滴灌设施',
    scale: '20 座',
    totalBudget: '1600000.00',
    fundingSources: [{ source: '市级衔接资金', amount: '1600000.00' }],
    beneficiaries: { householdsLifted: 12, householdsMonitored: 3, people: 45 },
    farmerLink: '吸纳脱贫户务工，村集体收益按股分红',
    departmentCode: 'agriculture',
    ...overrides,
  };
}

export type Headers = { Authorization: string };

export async function createDraft(stack: TestStack, village: Headers, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await stack.http().post('/projects').set(village).send(application(overrides)).expect(201);
  return response.body.id as string;
}

/** Polls the read model until the project reaches a stage moved by a timer, not by a request. */
export async function waitForStage(stack: TestStack, id: string, headers: Headers, stage: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await stack.http().get(`/projects/${id}`).set(headers).expect(200);
    if (response.body.stage === stage) return response.body;
    if (Date.now() > deadline) throw new Error(`project ${id} stayed in ${response.body.stage}, expected ${stage}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function inbox(stack: TestStack, headers: Headers, status: 'open' | 'done' = 'open') {
  const response = await stack.http().get(`/tasks?status=${status}&pageSize=200`).set(headers).expect(200);
  return response.body.items as Array<Record<string, unknown>>;
}

/** Adds a user for a test (the demo set has users for two villages only); returns the bearer header. */
export async function ensureUser(stack: TestStack, user: { username: string; role: string; regionCode: string; displayName: string; department?: string }): Promise<Headers> {
  const { hashPassword } = await import('../../libs/auth/src/password');
  await stack.db.query(
    `INSERT INTO users (username, display_name, password_hash, role, region_code, department) VALUES ($1,$2,$3,$4,$5,$6)
     ON CONFLICT (username) DO NOTHING`,
    [user.username, user.displayName, await hashPassword('demo123'), user.role, user.regionCode, user.department ?? null],
  );
  const response = await stack.http().post('/auth/login').send({ username: user.username, password: 'demo123' });
  return { Authorization: `Bearer ${response.body.accessToken}` };
}

/** supertest keeps binary bodies (XLSX, files) only with an explicit parser. */
export function binary(res: unknown, done: (err: Error | null, body: Buffer) => void) {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
