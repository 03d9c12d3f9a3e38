import { randomUUID } from 'node:crypto';
import { ensureUser, waitForStage, type Headers } from './fixtures';
import { login, type TestStack } from './test-stack';

export interface Reviewers {
  village: Headers;
  township: Headers;
  department: Headers;
  county: Headers;
}

/** Submits a draft, has every level approve it, and waits until its publicity ends (a short policy period is assumed). */
export async function approveIntoLibrary(stack: TestStack, id: string, who: Reviewers, meetingRef?: string, timeoutMs?: number): Promise<void> {
  await stack.http().post(`/projects/${id}/submit`).set(who.village).expect(200);
  await stack.http().post(`/projects/${id}/review`).set(who.township).send({ decision: 'approve' }).expect(200);
  await stack.http().post(`/projects/${id}/review`).set(who.department).send({ decision: 'approve' }).expect(200);
  await stack.http().post(`/projects/${id}/review`).set(who.county).send({ decision: 'approve', ...(meetingRef ? { meetingRef } : {}) }).expect(200);
  await waitForStage(stack, id, who.county, 'implementation', timeoutMs);
}

/**
 * Brings a new project into the county's library over HTTP: a village of its own under 贾庄乡 (so
 * its short publicity policy touches no other test), submitted and approved at every level.
 */
export async function libraryProject(
  stack: TestStack,
  villageCode: string,
  overrides: Record<string, unknown> = {},
  meetingRef?: string,
): Promise<{ id: string; village: Headers }> {
  await stack.db.query(`INSERT INTO regions (code, name, level, parent_code) VALUES ($1, $2, 'village', '140602205000') ON CONFLICT DO NOTHING`, [
    villageCode,
    `测试村${villageCode.slice(-3)}`,
  ]);
  const admin = await login(stack, 'admin');
  await stack.http().put(`/policies/${villageCode}`).set(admin).send({ publicityPeriod: 'PT1S' }).expect(200);
  const village = await ensureUser(stack, { username: `village-${villageCode}`, role: 'village', regionCode: villageCode, displayName: `测试村${villageCode.slice(-3)}村委会` });
  const [township, department, county] = await Promise.all(['township1', 'department1', 'county1'].map((n) => login(stack, n)));
  const body = {
    name: `到户产业补助-${randomUUID().slice(0, 6)}`,
    type: 'industry',
    villageCode,
    place: '贾庄乡',
    content: '庭院经济到户奖补',
    totalBudget: '100000.00',
    fundingSources: [{ source: '市级衔接资金', amount: '100000.00' }],
    beneficiaries: { householdsLifted: 20, householdsMonitored: 5, people: 60 },
    farmerLink: '直接补助到户',
    departmentCode: 'agriculture',
    ...overrides,
  };
  const id = (await stack.http().post('/projects').set(village).send(body).expect(201)).body.id as string;
  await approveIntoLibrary(stack, id, { village, township, department, county }, meetingRef);
  return { id, village };
}

/** Issues a batch to 朔城区, confirms receipt and matches `amount` to the project. */
export async function fundProject(stack: TestStack, projectId: string, amount: string): Promise<{ batchId: string; matchId: string }> {
  const [admin, county] = await Promise.all(['admin', 'county1'].map((n) => login(stack, n)));
  const batch = await stack
    .http()
    .post('/batches')
    .set(admin)
    .send({ docNumber: `测试批次-${randomUUID()}`, title: '测试', level: 'city', year: 2024, batchNo: 2, issuedAt: '2024-03-01', allocations: [{ regionCode: '140602000000', amount }] })
    .expect(201);
  const base = `/batches/${batch.body.id}/allocations/140602000000`;
  await stack.http().post(`${base}/receipt`).set(county).send({ receivedAt: new Date().toISOString() }).expect(200);
  const match = await stack.http().post(`${base}/matches`).set(county).send({ projectId, amount }).expect(201);
  return { batchId: batch.body.id, matchId: match.body.matchId };
}
