import { randomUUID } from 'node:crypto';
import { ensureUser, waitForStage, type Headers } from './fixtures';
import { login, type TestStack } from './test-stack';
import fc from 'fast-check';
import { HUGE_ASCII, multipart, sampleCases, type MalformedCase } from './malformed';
import { sampleDocx, sampleExecutable, samplePdf } from './sample-files';

/**
 * Targets of the abuse and authorization tests: villages, users and projects of their own, brought
 * to a given stage over HTTP, so a test can aim malformed or unauthorized requests at a real target
 * in the right stage and then check that nothing of it changed.
 */

export const SHUOCHENG = '140602000000';
export const JIAZHUANG = '140602205000';
export const PINGLU = '140603000000';

/** Adds a village (and, if given, its township) to the region tree; harmless when it exists. */
export async function ensureVillage(stack: TestStack, code: string, parentCode = JIAZHUANG, name = `测试村${code.slice(-3)}`): Promise<void> {
  await stack.db.query(`INSERT INTO regions (code, name, level, parent_code) VALUES ($1, $2, 'village', $3) ON CONFLICT DO NOTHING`, [code, name, parentCode]);
}

export async function ensureTownship(stack: TestStack, code: string, countyCode: string, name = `测试镇${code.slice(6, 9)}`): Promise<void> {
  await stack.db.query(`INSERT INTO regions (code, name, level, parent_code) VALUES ($1, $2, 'township', $3) ON CONFLICT DO NOTHING`, [code, name, countyCode]);
}

/** A village user of its own for a test village (`<prefix>-<code>`). */
export function villageUser(stack: TestStack, code: string, prefix: string): Promise<Headers> {
  return ensureUser(stack, { username: `${prefix}-${code}`, role: 'village', regionCode: code, displayName: `测试村${code.slice(-3)}村委会` });
}

/**
 * An account made through the users API (as an administrator would) and past its first password
 * change; answers its id and a bearer header. Its password is `Managed2026x`.
 */
export async function managedUser(stack: TestStack, admin: Headers, user: { username: string; role: string; regionCode: string; displayName: string; department?: string }): Promise<{ id: string; headers: Headers }> {
  const created = await stack.http().post('/users').set(admin).send({ ...user, password: 'Initial2026x' });
  await expectStatus(created, 201, `user ${user.username}`);
  const first = await stack.http().post('/auth/login').send({ username: user.username, password: 'Initial2026x' });
  await expectStatus(first, 200, `first sign-in of ${user.username}`);
  const changed = await stack
    .http()
    .post('/auth/change-password')
    .set({ Authorization: `Bearer ${first.body.accessToken}` })
    .send({ oldPassword: 'Initial2026x', newPassword: 'Managed2026x' });
  await expectStatus(changed, 200, `password change of ${user.username}`);
  return { id: created.body.id as string, headers: { Authorization: `Bearer ${changed.body.accessToken}` } };
}

export async function userId(stack: TestStack, username: string): Promise<string> {
  const [row] = await stack.db.query(`SELECT id FROM users WHERE username = $1`, [username]);
  return row.id as string;
}

/** An application body for `villageCode`; small and not an industry project, so no meeting reference is needed. */
export function applicationFor(villageCode: string, overrides: Record<string, unknown> = {}) {
  return {
    name: `村内道路硬化-${randomUUID().slice(0, 8)}`,
    type: 'infrastructure',
    villageCode,
    place: '村内主街',
    content: '硬化村内主街道路 1.2 公里',
    scale: '1.2 公里',
    totalBudget: '100000.00',
    fundingSources: [{ source: '市级衔接资金', amount: '100000.00' }],
    beneficiaries: { householdsLifted: 20, householdsMonitored: 5, people: 60 },
    farmerLink: '吸纳脱贫户务工',
    departmentCode: 'agriculture',
    ...overrides,
  };
}

/** Content that hits the default negative list (修建楼堂馆所, 交通工具), so the department must clear it. */
export const NEGATIVE_LIST_CONTENT = '修建村委会办公楼一栋，配套购置公务用车';

export type Stage = 'draft' | 'township_review' | 'department_review' | 'county_review' | 'publicity' | 'implementation' | 'acceptance' | 'disbursement';

export interface Reviewers {
  township: Headers;
  department: Headers;
  county: Headers;
}

export async function reviewers(stack: TestStack, township = 'township1'): Promise<Reviewers> {
  const [t, d, c] = await Promise.all([township, 'department1', 'county1'].map((n) => login(stack, n)));
  return { township: t, department: d, county: c };
}

async function expectStatus(response: { status: number; body: unknown }, status: number, what: string) {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
}

/**
 * Creates a project and moves it to `stage` over HTTP. Beyond county review the village needs a
 * short publicity policy of its own (see `shortPublicity`), else the project waits in publicity.
 * With `negativeList`, the department clears the flag before approving (and a project left at
 * department review keeps its flag).
 */
export async function projectAt(
  stack: TestStack,
  village: Headers,
  villageCode: string,
  stage: Stage,
  r: Reviewers,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const http = () => stack.http();
  const created = await http().post('/projects').set(village).send(applicationFor(villageCode, overrides));
  await expectStatus(created, 201, 'create');
  const id = created.body.id as string;
  const steps: Array<[Stage, () => Promise<void>]> = [
    ['township_review', async () => expectStatus(await http().post(`/projects/${id}/submit`).set(village), 200, 'submit')],
    ['department_review', async () => expectStatus(await http().post(`/projects/${id}/review`).set(r.township).send({ decision: 'approve' }), 200, 'township approve')],
    [
      'county_review',
      async () => {
        const current = await http().get(`/projects/${id}`).set(r.department);
        if ((current.body.process?.negativeList?.hits ?? []).length > 0) {
          await expectStatus(await http().post(`/projects/${id}/negative-list/clear`).set(r.department).send({ comment: '经核实符合规定' }), 200, 'clear flag');
        }
        await expectStatus(await http().post(`/projects/${id}/review`).set(r.department).send({ decision: 'approve' }), 200, 'department approve');
      },
    ],
    ['publicity', async () => expectStatus(await http().post(`/projects/${id}/review`).set(r.county).send({ decision: 'approve', meetingRef: '测试会议纪要〔2024〕1号' }), 200, 'county approve')],
    ['implementation', async () => void (await waitForStage(stack, id, r.county, 'implementation'))],
    [
      'acceptance',
      async () => {
        await expectStatus(await http().post(`/projects/${id}/progress`).set(village).send({ percent: 100, note: '完工', reportedAt: '2024-06-30' }), 200, 'progress');
        await expectStatus(await http().post(`/projects/${id}/acceptance/request`).set(village).send({}), 200, 'request acceptance');
      },
    ],
    [
      'disbursement',
      async () =>
        expectStatus(
          await http().post(`/projects/${id}/acceptance`).set(r.county).send({ result: 'pass', findings: '合格', acceptedAt: '2024-07-01', assets: [] }),
          200,
          'accept',
        ),
    ],
  ];
  if (stage === 'draft') return id;
  for (const [reached, step] of steps) {
    await step();
    if (reached === stage) return id;
  }
  throw new Error(`unknown stage ${stage}`);
}

/** Sets the village's own publicity period (PT1S by default) so its projects reach implementation within a test. */
export async function shortPublicity(stack: TestStack, villageCode: string, period = 'PT1S'): Promise<void> {
  const admin = await login(stack, 'admin');
  const response = await stack.http().put(`/policies/${villageCode}`).set(admin).send({ publicityPeriod: period });
  await expectStatus(response, 200, `policy of ${villageCode}`);
}

export async function clearPolicy(stack: TestStack, regionCode: string): Promise<void> {
  const admin = await login(stack, 'admin');
  await stack.http().put(`/policies/${regionCode}`).set(admin).send({ publicityPeriod: null });
}

/** Issues a batch with one allocation to `countyCode` as `issuer` (admin by default); optionally confirms receipt. */
export async function batchFor(
  stack: TestStack,
  countyCode: string,
  amount: string,
  options: { issuer?: Headers; receiver?: Headers; docPrefix?: string } = {},
): Promise<{ batchId: string }> {
  const issuer = options.issuer ?? (await login(stack, 'admin'));
  const batch = await stack
    .http()
    .post('/batches')
    .set(issuer)
    .send({
      docNumber: `${options.docPrefix ?? '测试批次'}-${randomUUID()}`,
      title: '测试批次',
      level: 'city',
      year: 2024,
      batchNo: 3,
      issuedAt: '2024-03-01',
      allocations: [{ regionCode: countyCode, amount }],
    });
  await expectStatus(batch, 201, 'batch');
  const batchId = batch.body.id as string;
  if (options.receiver) {
    const received = await stack.http().post(`/batches/${batchId}/allocations/${countyCode}/receipt`).set(options.receiver).send({ receivedAt: new Date().toISOString() });
    await expectStatus(received, 200, 'receipt');
  }
  return { batchId };
}

export async function matchTo(stack: TestStack, county: Headers, batchId: string, countyCode: string, projectId: string, amount: string): Promise<string> {
  const match = await stack.http().post(`/batches/${batchId}/allocations/${countyCode}/matches`).set(county).send({ projectId, amount });
  await expectStatus(match, 201, 'match');
  return match.body.matchId as string;
}

/**
 * Malformed attachment uploads, every one of which must be refused: files that are not what they
 * claim (a program named .pdf, noise named .docx, a ZIP without Word's entries, a truncated Word
 * file, an empty file), a kind outside the list, no file, broken multipart, and bodies that are not
 * multipart at all.
 */
export async function attachmentUploadCases(runs: number): Promise<MalformedCase[]> {
  const docx = await sampleDocx();
  const pdf = samplePdf('模糊测试');
  const mp = 'multipart/form-data; boundary=fuzzboundary7MA4YWxk';
  const badFiles: Array<{ label: string; filename: string; type: string; content: Buffer }> = [
    { label: 'program named pdf', filename: '决议.pdf', type: 'application/pdf', content: sampleExecutable() },
    { label: 'empty file', filename: 'a.pdf', type: 'application/pdf', content: Buffer.alloc(0) },
    { label: 'html named pdf', filename: 'a.pdf', type: 'application/pdf', content: Buffer.from('<html><body>%PDF-1.4</body></html>') },
    { label: 'zip noise named docx', filename: 'a.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', content: Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(300, 7)]) },
    { label: 'truncated docx', filename: 'a.docx', type: 'application/msword', content: docx.subarray(0, docx.length - 40) },
    { label: 'OLE header only', filename: 'a.doc', type: 'application/msword', content: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600, 0xff)]) },
    { label: 'PNG signature only', filename: 'a.png', type: 'image/png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
    { label: 'csv', filename: 'a.csv', type: 'text/csv', content: Buffer.from('市县名,金额\n朔城区,1\n') },
  ];
  const badKinds = ['', '村民代表大会决议', 'CONTRACT', 'contract ', '__proto__', HUGE_ASCII.slice(0, 3000), 'photo\u0000'];
  const arb = fc.oneof(
    { arbitrary: fc.constantFrom(...badFiles).map((f): MalformedCase => ({ label: `file: ${f.label}`, body: multipart({ kind: 'villagers_resolution' }, [{ field: 'files', ...f }]), contentType: mp })), weight: 8 },
    { arbitrary: fc.constantFrom(...badKinds).map((k): MalformedCase => ({ label: `kind: ${k.slice(0, 20)}`, body: multipart({ kind: k }, [{ field: 'files', filename: 'a.pdf', type: 'application/pdf', content: pdf }]), contentType: mp })), weight: 5 },
    {
      arbitrary: fc.constantFrom<MalformedCase>(
        { label: 'no kind', body: multipart({}, [{ field: 'files', filename: 'a.pdf', type: 'application/pdf', content: pdf }]), contentType: mp },
        { label: 'no file', body: multipart({ kind: 'photo' }, []), contentType: mp },
        { label: 'file under another name', body: multipart({ kind: 'photo' }, [{ field: 'file', filename: 'a.pdf', type: 'application/pdf', content: pdf }]), contentType: mp },
        { label: 'eleven files', body: multipart({ kind: 'photo' }, Array.from({ length: 11 }, () => ({ field: 'files', filename: 'a.pdf', type: 'application/pdf', content: pdf }))), contentType: mp },
        { label: 'a good and a bad file', body: multipart({ kind: 'photo' }, [{ field: 'files', filename: 'a.pdf', type: 'application/pdf', content: pdf }, { field: 'files', ...badFiles[0] }]), contentType: mp },
        { label: 'unknown field', body: multipart({ kind: 'photo', uploadedBy: 'me' }, [{ field: 'files', filename: 'a.pdf', type: 'application/pdf', content: pdf }]), contentType: mp },
        { label: 'no closing boundary', body: multipart({ kind: 'photo' }, [{ field: 'files', filename: 'a.pdf', type: 'application/pdf', content: pdf }]).subarray(0, -30), contentType: mp },
        { label: 'multipart without boundary', body: multipart({ kind: 'photo' }, []), contentType: 'multipart/form-data' },
        { label: 'wrong boundary', body: multipart({ kind: 'photo' }, [{ field: 'files', filename: 'a.pdf', type: 'application/pdf', content: pdf }], 'other'), contentType: mp },
        { label: 'JSON', body: JSON.stringify({ kind: 'photo', files: [pdf.toString('base64')] }), contentType: 'application/json' },
        { label: 'pdf as body', body: pdf, contentType: 'application/pdf' },
        { label: 'empty body', body: undefined, contentType: undefined },
      ),
      weight: 4,
    },
  );
  return sampleCases(arb, runs);
}
