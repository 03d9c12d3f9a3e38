import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { DEPARTMENTS, PROJECT_TYPES } from '../libs/domain/src/project-types';
import { LOGIN_ROLES } from '../libs/domain/src/stages';
import { ensureUser, type Headers } from './support/fixtures';
import {
  NEGATIVE_LIST_CONTENT,
  SHUOCHENG,
  applicationFor,
  batchFor,
  clearPolicy,
  ensureTownship,
  ensureVillage,
  managedUser,
  matchTo,
  projectAt,
  reviewers,
  shortPublicity,
  userId,
  villageUser,
  type Reviewers,
  attachmentUploadCases,
} from './support/abuse-targets';
import { fingerprint, type OwnedRows } from './support/db-fingerprint';
import { FUZZ_SEED, HUGE_ASCII, malformedBodies, multipart, sampleCases, unparseableBodies, type BodySpec, type MalformedCase } from './support/malformed';
import { errorShapeProblems, listenOnLoopback, mapLimit, RawClient, type RawResponse } from './support/raw-http';
import { login, startTestStack, type TestStack } from './support/test-stack';

/**
 * Bounded fuzz of every mutating endpoint: about 200 malformed bodies each (fast-check, fixed seed),
 * sent by the right role to a real target in the stage where the action is allowed, so that a
 * refusal is about the input and not the stage. Every answer must be a 4xx with exactly
 * `{ code, message, details }` and a Chinese message, and the rows tied to our targets must be the
 * same afterwards.
 *
 * Kinds of input that showed bugs have regression tests of their own below (each with the bug
 * it shows), and are kept out of the general fuzz so that each bug is reported once and the other
 * checks keep running: NUL characters, ISO-8601 forms PostgreSQL cannot store, JSON nested deeper
 * than a few thousand levels, compressed bodies, `__proto__` keys, empty or non-JSON bodies on
 * endpoints whose fields are all optional, and any body on `submit`.
 */

const RUNS = 200;
const CONCURRENCY = 8;
/** Every request normally answers in well under a second; a hang is a finding, not a wait. */
const REQUEST_TIMEOUT_MS = 10_000;
const HANG_TIMEOUT_MS = 3_000;

/** Our own villages under 贾庄乡: A keeps the default publicity period (P10D), B has PT1S so its projects reach implementation. */
const VILLAGE_A = '140602205971';
const VILLAGE_B = '140602205972';
/** A village for the policy tests that change a policy (restored afterwards). */
const VILLAGE_C = '140602205973';
/** Our own township under 朔城区 for the accounts the users endpoints are fuzzed on. */
const USERS_TOWNSHIP = '140602242000';

interface Targets {
  draft: string;
  draftForSubmit: string;
  township: string;
  department: string;
  publicity: string;
  objectionId: string;
  implementation: string;
  implementationWithChange: string;
  changeId: string;
  acceptance: string;
  unreceivedBatch: string;
  receivedBatch: string;
  matchId: string;
}

interface FuzzEndpoint {
  name: string;
  method: string;
  path: () => string;
  auth: () => Headers | Record<string, never>;
  cases: () => MalformedCase[];
  /** Sent from a fresh loopback address each (the public objection endpoint is rate-limited per address). */
  rotateSource?: boolean;
}

describe('abuse: malformed input on every mutating endpoint', () => {
  let stack: TestStack;
  let raw: RawClient;
  let t: Targets;
  let u: { villageA: Headers; villageB: Headers; fuzzAdmin: Headers; finance: Headers } & Reviewers;
  let owned: OwnedRows;
  /** An account the users endpoints act on, and one whose owner changes its password. */
  let accounts: { managed: { id: string; headers: Headers }; self: { id: string; headers: Headers } };
  /** Project workflows a test may leave stuck (an activity retrying forever); terminated before the worker stops. */
  const stuck = new Set<string>();
  let attachmentCases: MalformedCase[] = [];
  const started = Date.now();

  beforeAll(async () => {
    stack = await startTestStack();
    raw = new RawClient(await listenOnLoopback(stack));
    attachmentCases = await attachmentUploadCases(RUNS);
    await Promise.all([VILLAGE_A, VILLAGE_B, VILLAGE_C].map((code) => ensureVillage(stack, code)));
    await shortPublicity(stack, VILLAGE_B);
    const [villageA, villageB, fuzzAdmin, finance, r] = await Promise.all([
      villageUser(stack, VILLAGE_A, 'abuse'),
      villageUser(stack, VILLAGE_B, 'abuse'),
      ensureUser(stack, { username: 'abuse-admin', role: 'admin', regionCode: '000000000000', displayName: '模糊测试管理员' }),
      login(stack, 'finance1'),
      reviewers(stack),
    ]);
    u = { villageA, villageB, fuzzAdmin, finance, ...r };
    await ensureTownship(stack, USERS_TOWNSHIP, SHUOCHENG);
    accounts = {
      managed: await managedUser(stack, fuzzAdmin, { username: 'abuse-managed', role: 'township', regionCode: USERS_TOWNSHIP, displayName: '模糊测试乡镇用户' }),
      self: await managedUser(stack, fuzzAdmin, { username: 'abuse-self', role: 'township', regionCode: USERS_TOWNSHIP, displayName: '模糊测试改密用户' }),
    };

    const at = (village: Headers, code: string, stage: Parameters<typeof projectAt>[3], overrides: Record<string, unknown> = {}) => projectAt(stack, village, code, stage, r, overrides);
    const [draft, draftForSubmit, township, department, publicity, implementation, implementationWithChange, acceptance] = await Promise.all([
      at(villageA, VILLAGE_A, 'draft'),
      at(villageA, VILLAGE_A, 'draft'),
      at(villageA, VILLAGE_A, 'township_review'),
      at(villageA, VILLAGE_A, 'department_review', { content: NEGATIVE_LIST_CONTENT }),
      at(villageA, VILLAGE_A, 'publicity'),
      at(villageB, VILLAGE_B, 'implementation'),
      at(villageB, VILLAGE_B, 'implementation'),
      at(villageB, VILLAGE_B, 'acceptance'),
    ]);
    const objection = await raw.send({
      method: 'POST',
      path: `/projects/${publicity}/objections`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '张三', contact: '13800000000', content: '选址有异议' }),
      localAddress: raw.freshSource(),
    }, 'setup');
    expect(objection.status).toBe(201);
    const change = await stack.http().post(`/projects/${implementationWithChange}/changes`).set(villageB).send({ kind: 'scope', reason: '群众要求延长', content: '硬化道路 1.5 公里' }).expect(200);
    await stack.http().post(`/projects/${implementation}/procurement`).set(villageB).send({ method: '询价', winner: '朔州市某建筑公司', contractAmount: '100000.00', contractDate: '2024-05-20' }).expect(200);
    await stack.http().post(`/projects/${implementation}/progress`).set(villageB).send({ percent: 50, note: '路基完成', reportedAt: '2024-06-01' }).expect(200);
    const [{ batchId: receivedBatch }, { batchId: unreceivedBatch }] = await Promise.all([
      batchFor(stack, SHUOCHENG, '50000.00', { issuer: fuzzAdmin, receiver: r.county, docPrefix: '模糊测试批次' }),
      batchFor(stack, SHUOCHENG, '50000.00', { issuer: fuzzAdmin, docPrefix: '模糊测试批次' }),
    ]);
    const matchId = await matchTo(stack, r.county, receivedBatch, SHUOCHENG, implementation, '50000.00');
    t = {
      draft,
      draftForSubmit,
      township,
      department,
      publicity,
      objectionId: (objection.json as { objectionId: string }).objectionId,
      implementation,
      implementationWithChange,
      changeId: change.body.process.changes[0].id,
      acceptance,
      unreceivedBatch,
      receivedBatch,
      matchId,
    };
    owned = {
      projectIds: Object.values(t),
      villageCodes: [VILLAGE_A, VILLAGE_B],
      batchIssuers: [await userId(stack, 'abuse-admin')],
      policyRegions: [VILLAGE_A, VILLAGE_B],
      userRegions: [USERS_TOWNSHIP],
    };
  });

  afterAll(async () => {
    if (!stack) return;
    for (const id of stuck) await stack.temporal.workflow.getHandle(`project-${id}`).terminate('abuse test cleanup: activity retrying forever').catch(() => undefined);
    await Promise.all([VILLAGE_B, VILLAGE_C].map((code) => clearPolicy(stack, code)));
    const counts = [...raw.counts.entries()].map(([k, v]) => `${k}=${v}`).join(', ');
    console.log(`abuse-fuzz: ${raw.total} raw requests in ${Math.round((Date.now() - started) / 1000)} s (${counts})`);
    await stack.stop();
  });

  const JSON_CT = { 'content-type': 'application/json' };
  const send = (method: string, path: string, headers: Record<string, string>, body: string | Buffer | undefined, label: string, timeoutMs = REQUEST_TIMEOUT_MS) =>
    raw.send({ method, path, headers, body, timeoutMs }, label);

  // ───────────────────────────── the endpoints and their bodies ─────────────────────────────

  const str = (path: Array<string | number>, required = true, minLength = 1) => ({ path, kind: 'string' as const, required, minLength });
  const application = (village: string): BodySpec['valid'] => () =>
    applicationFor(village, {
      performanceTargets: [{ category: 'output', subCategory: 'quantity', indicator: '硬化道路长度', comparison: '>=', targetValue: '1.2', unit: '公里' }],
      attachments: [{ name: '实施方案.pdf', url: 'files/plan.pdf' }],
    });
  const applicationFields = (topRequired: boolean): BodySpec['fields'] => [
    str(['name'], topRequired),
    { path: ['type'], kind: 'enum', required: topRequired },
    { path: ['villageCode'], kind: 'regionCode', required: topRequired },
    str(['place'], topRequired),
    str(['content'], topRequired),
    str(['scale'], false, 0),
    { path: ['totalBudget'], kind: 'yuan', required: topRequired },
    { path: ['fundingSources'], kind: 'array', required: topRequired },
    str(['fundingSources', 0, 'source']),
    { path: ['fundingSources', 0, 'amount'], kind: 'yuan', required: true },
    { path: ['beneficiaries'], kind: 'object', required: topRequired },
    { path: ['beneficiaries', 'householdsLifted'], kind: 'int', required: true },
    { path: ['beneficiaries', 'householdsMonitored'], kind: 'int', required: true },
    { path: ['beneficiaries', 'people'], kind: 'int', required: true },
    str(['farmerLink'], topRequired),
    { path: ['departmentCode'], kind: 'enum', required: topRequired },
    { path: ['performanceTargets'], kind: 'array', required: false, emptyArrayOk: true },
    { path: ['performanceTargets', 0, 'category'], kind: 'enum', required: true },
    { path: ['performanceTargets', 0, 'subCategory'], kind: 'enum', required: true },
    str(['performanceTargets', 0, 'indicator']),
    { path: ['performanceTargets', 0, 'comparison'], kind: 'enum', required: true },
    str(['performanceTargets', 0, 'targetValue']),
    str(['performanceTargets', 0, 'unit']),
    { path: ['attachments'], kind: 'array', required: false, emptyArrayOk: true },
    str(['attachments', 0, 'name']),
    str(['attachments', 0, 'url']),
  ];
  const applicationKnown = ['name', 'type', 'villageCode', 'place', 'content', 'scale', 'totalBudget', 'fundingSources', 'beneficiaries', 'farmerLink', 'departmentCode', 'performanceTargets', 'attachments'];
  const applicationEnums = { type: PROJECT_TYPES, departmentCode: Object.keys(DEPARTMENTS), 'performanceTargets.0.category': ['output', 'benefit', 'satisfaction'], 'performanceTargets.0.subCategory': ['quantity'], 'performanceTargets.0.comparison': ['>=', '<=', '='] };

  const USER_FIELDS = ['username', 'displayName', 'role', 'regionCode', 'department', 'password'];
  const USER_ENUMS = { role: LOGIN_ROLES, department: Object.keys(DEPARTMENTS) };

  const policySpec: BodySpec = {
    valid: () => ({
      publicityPeriod: 'P9D',
      matchingDeadline: 'P20D',
      matchingWarnings: ['P5D'],
      taskDue: { township: 'P5D', department: 'P7D', county: 'P10D', village: 'P15D' },
      industryShareMin: '0.60',
      retentionRate: '0.05',
      warrantyPeriod: 'P2Y',
      meetingRequiredAbove: '2000000.00',
    }),
    fields: [
      { path: ['publicityPeriod'], kind: 'duration', required: false },
      { path: ['matchingDeadline'], kind: 'duration', required: false },
      { path: ['matchingWarnings'], kind: 'durationList', required: false },
      { path: ['taskDue'], kind: 'taskDue', required: false },
      { path: ['industryShareMin'], kind: 'ratio', required: false },
      { path: ['retentionRate'], kind: 'ratio', required: false },
      // A zero warranty is accepted (P0D): plausible policy, not treated as malformed.
      { path: ['warrantyPeriod'], kind: 'durationOrZero', required: false },
      { path: ['meetingRequiredAbove'], kind: 'yuan', required: false },
      { path: ['negativeList'], kind: 'negativeList', required: false },
    ],
    emptyOk: false,
    known: ['publicityPeriod', 'matchingDeadline', 'matchingWarnings', 'taskDue', 'industryShareMin', 'retentionRate', 'warrantyPeriod', 'meetingRequiredAbove', 'negativeList'],
  };

  const batchSpec: BodySpec = {
    valid: () => ({
      docNumber: `模糊测试〔2024〕${randomUUID().slice(0, 8)}号`,
      title: '关于下达测试资金的通知',
      level: 'city',
      year: 2024,
      batchNo: 1,
      issuedAt: '2024-03-01',
      allocations: [{ regionCode: SHUOCHENG, amount: '1.00', earmarks: [{ purpose: '健康乡村示范创建', amount: '0.50' }], category: '重点帮扶县' }],
    }),
    fields: [
      str(['docNumber']),
      str(['title']),
      { path: ['level'], kind: 'enum', required: true },
      { path: ['year'], kind: 'coercedInt', required: true },
      { path: ['batchNo'], kind: 'coercedInt', required: true },
      { path: ['issuedAt'], kind: 'date', required: true },
      { path: ['allocations'], kind: 'array', required: true },
      { path: ['allocations', 0, 'regionCode'], kind: 'regionCode', required: true },
      { path: ['allocations', 0, 'amount'], kind: 'yuan', required: true },
      { path: ['allocations', 0, 'earmarks'], kind: 'array', required: false, emptyArrayOk: true },
      str(['allocations', 0, 'earmarks', 0, 'purpose']),
      { path: ['allocations', 0, 'earmarks', 0, 'amount'], kind: 'yuan', required: true },
      { path: ['allocations', 0, 'category'], kind: 'string', required: false, minLength: 0 },
    ],
    emptyOk: false,
    known: ['docNumber', 'title', 'level', 'year', 'batchNo', 'issuedAt', 'allocations'],
  };

  /** Multipart uploads for the import: a good header with a bad file, a bad header with a good file, broken multipart, no file. */
  function importCases(): MalformedCase[] {
    const header = () => ({ docNumber: `模糊导入〔2024〕${randomUUID().slice(0, 8)}号`, title: '测试导入', level: 'city', year: '2024', batchNo: '1', issuedAt: '2024-03-01' });
    const goodCsv = Buffer.from('市县名,金额\n朔州市小计,1\n朔城区,1\n');
    const badFiles: Array<{ label: string; filename: string; type: string; content: Buffer }> = [
      { label: 'empty csv', filename: 'a.csv', type: 'text/csv', content: Buffer.alloc(0) },
      { label: 'csv without header', filename: 'a.csv', type: 'text/csv', content: Buffer.from('朔城区,1\n') },
      { label: 'unknown county', filename: 'a.csv', type: 'text/csv', content: Buffer.from('市县名,金额\n不存在县,1\n') },
      { label: 'exponent amount', filename: 'a.csv', type: 'text/csv', content: Buffer.from('市县名,金额\n朔城区,1e3\n') },
      { label: 'negative amount', filename: 'a.csv', type: 'text/csv', content: Buffer.from('市县名,金额\n朔城区,-5\n') },
      { label: 'full-width amount', filename: 'a.csv', type: 'text/csv', content: Buffer.from('市县名,金额\n朔城区,１２\n') },
      { label: 'over-precise amount', filename: 'a.csv', type: 'text/csv', content: Buffer.from('市县名,金额\n朔城区,1.0000001\n') },
      { label: 'wrong subtotal', filename: 'a.csv', type: 'text/csv', content: Buffer.from('市县名,金额\n朔州市小计,2\n朔城区,1\n') },
      { label: 'duplicate county', filename: 'a.csv', type: 'text/csv', content: Buffer.from('市县名,金额\n朔城区,1\n朔城区,1\n') },
      { label: 'binary noise as csv', filename: 'a.csv', type: 'text/csv', content: Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37) % 256)) },
      { label: 'zip noise as xlsx', filename: 'a.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]) },
      { label: 'csv named xlsx', filename: 'a.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: goodCsv },
      { label: 'pdf', filename: 'a.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4\n%%EOF') },
      { label: 'no extension', filename: 'table', type: 'application/octet-stream', content: goodCsv },
      { label: 'huge cell', filename: 'a.csv', type: 'text/csv', content: Buffer.from(`市县名,金额\n${HUGE_ASCII},1\n`) },
      { label: 'unbalanced quotes', filename: 'a.csv', type: 'text/csv', content: Buffer.from('市县名,金额\n"朔城区,1\n') },
    ];
    const badHeaders: Array<[string, Record<string, string>]> = [
      ['missing docNumber', (({ docNumber: _d, ...rest }) => rest)(header())],
      ['empty title', { ...header(), title: '' }],
      ['level galactic', { ...header(), level: 'galactic' }],
      ['year 1999', { ...header(), year: '1999' }],
      ['year full-width', { ...header(), year: '２０２４' }],
      ['year with unit', { ...header(), year: '2024年' }],
      ['batchNo 0', { ...header(), batchNo: '0' }],
      ['batchNo 1.5', { ...header(), batchNo: '1.5' }],
      ['issuedAt 2024-02-30', { ...header(), issuedAt: '2024-02-30' }],
      ['issuedAt words', { ...header(), issuedAt: 'yesterday' }],
      ['unknown field', { ...header(), approvedBy: 'me' }],
      ['huge docNumber', { ...header(), docNumber: HUGE_ASCII.slice(0, 5000) }],
    ];
    const csv = { field: 'file', filename: 'a.csv', type: 'text/csv', content: goodCsv };
    const mp = 'multipart/form-data; boundary=fuzzboundary7MA4YWxk';
    const arb = fc.oneof(
      { arbitrary: fc.constantFrom(...badFiles).map((f): MalformedCase => ({ label: `file: ${f.label}`, body: multipart(header(), [{ field: 'file', ...f }]), contentType: mp })), weight: 8 },
      { arbitrary: fc.constantFrom(...badHeaders).map(([label, h]): MalformedCase => ({ label: `header: ${label}`, body: multipart(h, [csv]), contentType: mp })), weight: 6 },
      {
        arbitrary: fc.constantFrom<MalformedCase>(
          { label: 'no file', body: multipart(header(), []), contentType: mp },
          { label: 'file under another name', body: multipart(header(), [{ ...csv, field: 'table' }]), contentType: mp },
          { label: 'two files', body: multipart(header(), [csv, csv]), contentType: mp },
          { label: 'no closing boundary', body: multipart(header(), [csv]).subarray(0, -30), contentType: mp },
          { label: 'multipart without boundary', body: multipart(header(), [csv]), contentType: 'multipart/form-data' },
          { label: 'wrong boundary', body: multipart(header(), [csv], 'other'), contentType: mp },
          { label: 'JSON header, no file', body: JSON.stringify(header()), contentType: 'application/json' },
          { label: 'JSON with file as text', body: JSON.stringify({ ...header(), file: goodCsv.toString() }), contentType: 'application/json' },
          { label: 'csv as body', body: goodCsv, contentType: 'text/csv' },
          { label: 'empty body', body: undefined, contentType: undefined },
        ),
        weight: 4,
      },
      { arbitrary: fc.constantFrom(...sampleCases(malformedBodies({ valid: header, fields: [str(['docNumber']), str(['title'])], emptyOk: false, known: Object.keys(header()) }), 40)), weight: 2 },
    );
    return sampleCases(arb, RUNS);
  }

  const endpoints = (): FuzzEndpoint[] => {
    const spec = (valid: BodySpec['valid'], fields: BodySpec['fields'], known: string[], emptyOk = false): BodySpec => ({ valid, fields, known, emptyOk });
    const cases = (s: BodySpec, enums: Record<string, readonly string[]> = {}) => () => sampleCases(malformedBodies(s, enums), RUNS);
    const base = (id: () => string) => `/projects/${id()}`;
    const alloc = (batch: () => string) => `/batches/${batch()}/allocations/${SHUOCHENG}`;
    return [
      {
        name: 'POST /auth/login',
        method: 'POST',
        path: () => '/auth/login',
        auth: () => ({}),
        cases: cases(spec(() => ({ username: 'abuse-nobody', password: 'wrong-password' }), [str(['username']), str(['password'])], ['username', 'password'])),
      },
      {
        name: 'POST /projects',
        method: 'POST',
        path: () => '/projects',
        auth: () => u.villageA,
        cases: cases(spec(application(VILLAGE_A), applicationFields(true), applicationKnown), applicationEnums),
      },
      {
        name: 'PATCH /projects/:id',
        method: 'PATCH',
        path: () => base(() => t.draft),
        auth: () => u.villageA,
        cases: cases(spec(application(VILLAGE_A), applicationFields(false), applicationKnown, true), applicationEnums),
      },
      {
        name: 'POST /projects/:id/submit',
        method: 'POST',
        path: () => `${base(() => t.draftForSubmit)}/submit`,
        auth: () => u.villageA,
        // The handler reads no body: only what fails before it can be refused (see the failing test below).
        cases: () => sampleCases(unparseableBodies(() => ({ comment: '提交' })), RUNS),
      },
      {
        name: 'POST /projects/:id/withdraw',
        method: 'POST',
        path: () => `${base(() => t.draft)}/withdraw`,
        auth: () => u.villageA,
        cases: cases(spec(() => ({ comment: '重新规划' }), [str(['comment'], false, 0)], ['comment'], true)),
      },
      {
        name: 'POST /projects/:id/review',
        method: 'POST',
        path: () => `${base(() => t.township)}/review`,
        auth: () => u.township,
        cases: cases(spec(() => ({ decision: 'return', comment: '材料不全', meetingRef: '纪要〔2024〕1号' }), [{ path: ['decision'], kind: 'enum', required: true }, str(['comment']), str(['meetingRef'], false)], ['decision', 'comment', 'meetingRef']), {
          decision: ['approve', 'return', 'reject'],
        }),
      },
      {
        name: 'POST /projects/:id/negative-list/clear',
        method: 'POST',
        path: () => `${base(() => t.department)}/negative-list/clear`,
        auth: () => u.department,
        cases: cases(spec(() => ({ comment: '经核实为党群服务中心改造' }), [str(['comment'])], ['comment'])),
      },
      {
        name: 'POST /projects/:id/objections',
        method: 'POST',
        path: () => `${base(() => t.publicity)}/objections`,
        auth: () => ({}),
        rotateSource: true,
        cases: cases(spec(() => ({ name: '李四', contact: '13800000000', content: '大棚选址离河道太近' }), [str(['name']), str(['contact']), str(['content'])], ['name', 'contact', 'content'])),
      },
      {
        name: 'POST /projects/:id/objections/:oid/resolve',
        method: 'POST',
        path: () => `${base(() => t.publicity)}/objections/${t.objectionId}/resolve`,
        auth: () => u.county,
        cases: cases(spec(() => ({ decision: 'dismiss', comment: '经核实不成立' }), [{ path: ['decision'], kind: 'enum', required: true }, str(['comment'])], ['decision', 'comment']), { decision: ['uphold', 'dismiss'] }),
      },
      {
        name: 'POST /projects/:id/procurement',
        method: 'POST',
        path: () => `${base(() => t.implementation)}/procurement`,
        auth: () => u.villageB,
        cases: cases(
          spec(
            () => ({ method: '公开招标', winner: '朔州市某建筑公司', contractAmount: '90000.00', contractDate: '2024-05-20' }),
            [str(['method']), str(['winner']), { path: ['contractAmount'], kind: 'yuan', required: true }, { path: ['contractDate'], kind: 'date', required: true }],
            ['method', 'winner', 'contractAmount', 'contractDate'],
          ),
        ),
      },
      {
        name: 'POST /projects/:id/progress',
        method: 'POST',
        path: () => `${base(() => t.implementation)}/progress`,
        auth: () => u.villageB,
        cases: cases(
          spec(
            () => ({ percent: 60, note: '面层铺设', reportedAt: '2024-07-01' }),
            [{ path: ['percent'], kind: 'percent', required: true }, str(['note'], true, 0), { path: ['reportedAt'], kind: 'date', required: true }],
            ['percent', 'note', 'reportedAt'],
          ),
        ),
      },
      {
        name: 'POST /projects/:id/changes',
        method: 'POST',
        path: () => `${base(() => t.implementation)}/changes`,
        auth: () => u.villageB,
        cases: cases(
          spec(
            () => ({ kind: 'scope', reason: '群众要求', content: '硬化道路 1.5 公里', scale: '1.5 公里', place: '村东' }),
            [{ path: ['kind'], kind: 'enum', required: true }, str(['reason']), str(['content']), str(['scale'], false, 0), str(['place'], false)],
            ['kind', 'reason', 'content', 'scale', 'place', 'totalBudget', 'fundingSources'],
          ),
          { kind: ['budget', 'scope', 'place'] },
        ),
      },
      {
        name: 'POST /projects/:id/changes/:cid/review',
        method: 'POST',
        path: () => `${base(() => t.implementationWithChange)}/changes/${t.changeId}/review`,
        auth: () => u.county,
        cases: cases(spec(() => ({ decision: 'refuse', comment: '理由不充分' }), [{ path: ['decision'], kind: 'enum', required: true }, str(['comment'])], ['decision', 'comment']), { decision: ['approve', 'refuse'] }),
      },
      {
        name: 'POST /projects/:id/acceptance/request',
        method: 'POST',
        path: () => `${base(() => t.implementation)}/acceptance/request`,
        auth: () => u.villageB,
        cases: cases(spec(() => ({ comment: '申请验收' }), [str(['comment'], false, 0)], ['comment'], true)),
      },
      {
        name: 'POST /projects/:id/acceptance',
        method: 'POST',
        path: () => `${base(() => t.acceptance)}/acceptance`,
        auth: () => u.county,
        cases: cases(
          spec(
            () => ({ result: 'fail', findings: '路面平整度不达标', acceptedAt: '2024-07-01', assets: [{ name: '村内道路', kind: 'public_welfare', value: '100000.00', owner: '村集体', caretaker: '村委会' }] }),
            [
              { path: ['result'], kind: 'enum', required: true },
              str(['findings']),
              { path: ['acceptedAt'], kind: 'date', required: true },
              { path: ['assets'], kind: 'array', required: true, emptyArrayOk: true },
              str(['assets', 0, 'name']),
              { path: ['assets', 0, 'kind'], kind: 'enum', required: true },
              { path: ['assets', 0, 'value'], kind: 'yuan', required: true },
              str(['assets', 0, 'owner']),
              str(['assets', 0, 'caretaker']),
            ],
            ['result', 'findings', 'acceptedAt', 'assets'],
          ),
          { result: ['pass', 'fail'], 'assets.0.kind': ['operating', 'public_welfare', 'household', '经营性', '公益性', '到户'] },
        ),
      },
      {
        name: 'POST /projects/:id/payments',
        method: 'POST',
        path: () => `${base(() => t.implementation)}/payments`,
        auth: () => u.finance,
        cases: cases(
          spec(
            () => ({ kind: 'household', amount: '2000.00', paidAt: '2024-07-01', households: [{ householdId: 'BC-001', name: '张三', account: '6228480000000000001', item: '庭院经济奖补', amount: '2000.00' }] }),
            [
              { path: ['amount'], kind: 'yuan', required: true },
              { path: ['kind'], kind: 'enum', required: true },
              { path: ['paidAt'], kind: 'date', required: true },
              { path: ['households'], kind: 'array', required: false, emptyArrayOk: true },
              str(['households', 0, 'householdId']),
              str(['households', 0, 'name']),
              { path: ['households', 0, 'account'], kind: 'account', required: true },
              str(['households', 0, 'item']),
              { path: ['households', 0, 'amount'], kind: 'yuan', required: true },
            ],
            ['amount', 'kind', 'paidAt', 'households'],
          ),
          { kind: ['progress', 'final', 'retention', 'household'] },
        ),
      },
      {
        name: 'PUT /policies/:regionCode',
        method: 'PUT',
        path: () => `/policies/${VILLAGE_A}`,
        auth: () => u.fuzzAdmin,
        cases: cases(policySpec),
      },
      {
        name: 'POST /batches',
        method: 'POST',
        path: () => '/batches',
        auth: () => u.fuzzAdmin,
        cases: cases(batchSpec, { level: ['central', 'province', 'city', 'county'] }),
      },
      { name: 'POST /batches/import', method: 'POST', path: () => '/batches/import', auth: () => u.fuzzAdmin, cases: importCases },
      {
        name: 'POST /batches/:id/allocations/:county/receipt',
        method: 'POST',
        path: () => `${alloc(() => t.unreceivedBatch)}/receipt`,
        auth: () => u.county,
        cases: cases(spec(() => ({ receivedAt: new Date().toISOString() }), [{ path: ['receivedAt'], kind: 'date', required: true }], ['receivedAt'])),
      },
      {
        name: 'POST /batches/:id/allocations/:county/matches',
        method: 'POST',
        path: () => `${alloc(() => t.receivedBatch)}/matches`,
        auth: () => u.county,
        cases: cases(
          spec(() => ({ projectId: t.implementation, amount: '1.00', purpose: '健康乡村示范创建' }), [{ path: ['projectId'], kind: 'uuid', required: true }, { path: ['amount'], kind: 'yuan', required: true }, str(['purpose'], false)], [
            'projectId',
            'amount',
            'purpose',
          ]),
        ),
      },
      {
        name: 'DELETE /batches/:id/allocations/:county/matches/:mid',
        method: 'DELETE',
        path: () => `${alloc(() => t.receivedBatch)}/matches/${t.matchId}`,
        auth: () => u.county,
        cases: cases(spec(() => ({ reason: '录入错误' }), [str(['reason'])], ['reason'])),
      },
      {
        name: 'POST /projects/:id/attachments',
        method: 'POST',
        path: () => `${base(() => t.draft)}/attachments`,
        auth: () => u.villageA,
        cases: () => attachmentCases,
      },
      {
        name: 'POST /users',
        method: 'POST',
        path: () => '/users',
        auth: () => u.fuzzAdmin,
        cases: cases(
          spec(
            () => ({ username: `abuse-new-${randomUUID().slice(0, 8)}`, displayName: '模糊测试新用户', role: 'township', regionCode: USERS_TOWNSHIP, password: 'Fuzz2026abc' }),
            [str(['username']), str(['displayName']), { path: ['role'], kind: 'enum', required: true }, { path: ['regionCode'], kind: 'regionCode', required: true }, { path: ['department'], kind: 'enum', required: false, nullOk: true }, str(['password'])],
            USER_FIELDS,
          ),
          USER_ENUMS,
        ),
      },
      {
        name: 'PATCH /users/:id',
        method: 'PATCH',
        path: () => `/users/${accounts.managed.id}`,
        auth: () => u.fuzzAdmin,
        cases: cases(
          spec(
            () => ({ displayName: '模糊测试乡镇用户' }),
            [str(['displayName'], false), { path: ['role'], kind: 'enum', required: false }, { path: ['regionCode'], kind: 'regionCode', required: false }, { path: ['department'], kind: 'enum', required: false, nullOk: true }],
            [...USER_FIELDS.filter((f) => f !== 'username' && f !== 'password'), 'disabled'],
          ),
          USER_ENUMS,
        ),
      },
      {
        name: 'POST /users/:id/reset-password',
        method: 'POST',
        path: () => `/users/${accounts.managed.id}/reset-password`,
        auth: () => u.fuzzAdmin,
        cases: cases(spec(() => ({ password: 'Reset2026abc' }), [str(['password'])], ['password'])),
      },
      {
        name: 'POST /auth/change-password',
        method: 'POST',
        path: () => '/auth/change-password',
        auth: () => accounts.self.headers,
        cases: cases(spec(() => ({ oldPassword: 'Managed2026x', newPassword: 'Changed2026x' }), [str(['oldPassword']), str(['newPassword'])], ['oldPassword', 'newPassword'])),
      },
      ...(['transfer', 'delegate'] as const).map((op) => ({
        name: `POST /projects/:id/${op}`,
        method: 'POST',
        path: () => `${base(() => t.township)}/${op}`,
        auth: () => u.township,
        cases: cases(spec(() => ({ userId: randomUUID(), comment: '请李干事办理' }), [{ path: ['userId'], kind: 'uuid', required: true }, str(['comment'])], ['userId', 'comment'])),
      })),
      {
        name: 'POST /projects/:id/delegate-opinion',
        method: 'POST',
        path: () => `${base(() => t.township)}/delegate-opinion`,
        auth: () => u.township,
        cases: cases(spec(() => ({ opinion: '建议通过' }), [str(['opinion'])], ['opinion'])),
      },
      {
        name: 'POST /projects/:id/cc',
        method: 'POST',
        path: () => `${base(() => t.township)}/cc`,
        auth: () => u.township,
        cases: cases(
          spec(() => ({ userIds: [randomUUID()], comment: '请知悉' }), [{ path: ['userIds'], kind: 'array', required: true }, { path: ['userIds', 0], kind: 'uuid', required: true }, str(['comment'], false, 0)], ['userIds', 'comment']),
        ),
      },
      {
        name: 'POST /projects/:id/urge',
        method: 'POST',
        path: () => `${base(() => t.township)}/urge`,
        auth: () => u.villageA,
        cases: cases(spec(() => ({ comment: '请尽快审核' }), [str(['comment'], false, 0)], ['comment'], true)),
      },
      {
        name: 'POST /projects/:id/terminate',
        method: 'POST',
        path: () => `${base(() => t.draft)}/terminate`,
        auth: () => u.fuzzAdmin,
        cases: cases(spec(() => ({ reason: '村民代表大会决议放弃' }), [str(['reason'])], ['reason'])),
      },
      {
        name: 'POST /admin/tasks/reassign',
        method: 'POST',
        path: () => '/admin/tasks/reassign',
        auth: () => u.fuzzAdmin,
        cases: cases(
          spec(
            () => ({ fromUserId: randomUUID(), projectIds: [t.township], toUserId: randomUUID(), comment: '人员调整' }),
            [
              { path: ['fromUserId'], kind: 'uuid', required: false },
              { path: ['projectIds'], kind: 'array', required: false, emptyArrayOk: true },
              { path: ['projectIds', 0], kind: 'uuid', required: true },
              { path: ['toUserId'], kind: 'uuid', required: true },
              str(['comment']),
            ],
            ['fromUserId', 'projectIds', 'toUserId', 'comment'],
          ),
        ),
      },
    ];
  };

  const ENDPOINT_NAMES = [
    'POST /auth/login',
    'POST /projects',
    'PATCH /projects/:id',
    'POST /projects/:id/submit',
    'POST /projects/:id/withdraw',
    'POST /projects/:id/review',
    'POST /projects/:id/negative-list/clear',
    'POST /projects/:id/objections',
    'POST /projects/:id/objections/:oid/resolve',
    'POST /projects/:id/procurement',
    'POST /projects/:id/progress',
    'POST /projects/:id/changes',
    'POST /projects/:id/changes/:cid/review',
    'POST /projects/:id/acceptance/request',
    'POST /projects/:id/acceptance',
    'POST /projects/:id/payments',
    'PUT /policies/:regionCode',
    'POST /batches',
    'POST /batches/import',
    'POST /batches/:id/allocations/:county/receipt',
    'POST /batches/:id/allocations/:county/matches',
    'DELETE /batches/:id/allocations/:county/matches/:mid',
    'POST /projects/:id/attachments',
    'POST /users',
    'PATCH /users/:id',
    'POST /users/:id/reset-password',
    'POST /auth/change-password',
    'POST /projects/:id/transfer',
    'POST /projects/:id/delegate',
    'POST /projects/:id/delegate-opinion',
    'POST /projects/:id/cc',
    'POST /projects/:id/urge',
    'POST /projects/:id/terminate',
    'POST /admin/tasks/reassign',
  ];

  describe(`bounded fuzz (seed ${FUZZ_SEED}, ${RUNS} bodies per endpoint)`, () => {
    it.each(ENDPOINT_NAMES)('%s: every malformed body gets a 4xx { code, message, details } in Chinese and changes nothing', async (name) => {
      const endpoint = endpoints().find((e) => e.name === name)!;
      const cases = endpoint.cases();
      expect(cases.length).toBeGreaterThanOrEqual(150);
      const before = await fingerprint(stack.db, owned);
      const problems: string[] = [];
      await mapLimit(cases, CONCURRENCY, async (c) => {
        const headers: Record<string, string> = { ...(endpoint.auth() as Record<string, string>) };
        if (c.contentType) headers['content-type'] = c.contentType;
        let response: RawResponse;
        try {
          response = await raw.send(
            { method: endpoint.method, path: endpoint.path(), headers, body: c.body, timeoutMs: REQUEST_TIMEOUT_MS, localAddress: endpoint.rotateSource ? raw.freshSource() : undefined },
            name,
          );
        } catch (error) {
          problems.push(`${c.label}: ${(error as Error).message}`);
          return;
        }
        const wrong = errorShapeProblems(response);
        if (wrong.length > 0) problems.push(`${c.label} → ${response.status}: ${wrong.join('; ')} ${response.text.slice(0, 160)}`);
      });
      const after = await fingerprint(stack.db, owned);
      expect(problems).toEqual([]);
      expect(after).toEqual(before);
    });
  });

  // ───────────────────────────── bugs the fuzz found, one test each ─────────────────────────────

  it('POST /projects/:id/attachments: no refused upload left a row behind', async () => {
    const rows = await stack.db.query(`SELECT count(*)::int AS n FROM project_attachments WHERE project_id = $1`, [t.draft]);
    expect(rows[0].n).toBe(0);
  });

  describe('inputs that once broke the API (regressions)', () => {
    /**
     * BUG: JSON nested 20,000 levels deep (120 kB, below the 256 kB limit) answers 500: class-transformer's
     * plainToInstance recurses once per level (RangeError: Maximum call stack size exceeded in
     * TransformOperationExecutor.transform) inside the global ValidationPipe (apps/api/src/common/validation.ts),
     * and the error filter (apps/api/src/common/error.filter.ts) maps the RangeError to 500. Expected 400.
     */
    it('answers 400, not 500, to deeply nested JSON on DTO endpoints', async () => {
      const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
      const before = await fingerprint(stack.db, owned);
      const answers = [
        await send('POST', '/projects', { ...u.villageA, ...JSON_CT }, `{"name":${deep(20_000)}}`, 'bug: deep nesting'),
        await send('PATCH', `/projects/${t.draft}`, { ...u.villageA, ...JSON_CT }, deep(20_000), 'bug: deep nesting'),
        await send('POST', `/projects/${t.township}/review`, { ...u.township, ...JSON_CT }, `[${deep(20_000)}]`, 'bug: deep nesting'),
        await send('POST', '/batches', { ...u.fuzzAdmin, ...JSON_CT }, `{"allocations":[${deep(20_000)}]}`, 'bug: deep nesting'),
      ];
      expect(await fingerprint(stack.db, owned)).toEqual(before);
      expect(answers.map((a) => [a.status, errorShapeProblems(a)])).toEqual(answers.map(() => [400, []]));
    });

    /**
     * BUG: a body declared `Content-Encoding: gzip` (or deflate, br) that is not compressed answers 500. body-parser
     * raises an http-errors 400 without a `type` the filter knows; describeError (apps/api/src/common/error.filter.ts)
     * only honours HttpException and known body-parser types, so it falls through to INTERNAL_ERROR. Expected 400.
     */
    it('answers 400, not 500, to a body whose Content-Encoding does not match it', async () => {
      const answers = [];
      for (const encoding of ['gzip', 'deflate', 'br']) {
        answers.push(await send('POST', '/auth/login', { ...JSON_CT, 'content-encoding': encoding }, '{"username":"admin","password":"x"}', 'bug: content-encoding'));
        answers.push(await send('PATCH', `/projects/${t.draft}`, { ...u.villageA, ...JSON_CT, 'content-encoding': encoding }, '{"name":"x"}', 'bug: content-encoding'));
      }
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 400));
    });

    /**
     * BUG: nested DTO fields are declared with @ValidateNested/@Type but no @IsObject/@IsDefined, so a nested
     * object that is missing or null, or an array inside an array of objects, passes validation and the
     * service then reads a property of undefined or parses `undefined` as money: 500. Fields: beneficiaries,
     * fundingSources (apps/api/src/projects/dto/project-application.dto.ts, ChangeRequestDto in
     * project-actions.dto.ts), assets (AcceptanceDto), households (apps/api/src/payments/dto/payment.dto.ts),
     * allocations and earmarks (apps/api/src/batches/dto/create-batch.dto.ts). Expected 400 for each.
     */
    it('answers 400, not 500, to nested objects that are missing or arrays nested in arrays of objects', async () => {
      const before = await fingerprint(stack.db, owned);
      const app = application(VILLAGE_A);
      const cases: Array<[string, string, Headers, unknown]> = [
        ['POST', '/projects', u.villageA, (({ beneficiaries: _b, ...rest }) => rest)(app())],
        ['POST', '/projects', u.villageA, { ...app(), fundingSources: [[{ source: '市级衔接资金', amount: '100000.00' }]] }],
        ['PATCH', `/projects/${t.draft}`, u.villageA, { beneficiaries: null }],
        ['PATCH', `/projects/${t.draft}`, u.villageA, { fundingSources: [[]] }],
        ['POST', `/projects/${t.implementation}/changes`, u.villageB, { kind: 'budget', reason: '调整', totalBudget: '1.00', fundingSources: [[]] }],
        ['POST', `/projects/${t.implementation}/payments`, u.finance, { kind: 'household', amount: '1.00', paidAt: '2024-07-01', households: [[]] }],
        ['POST', `/projects/${t.acceptance}/acceptance`, u.county, { result: 'pass', findings: '合格', acceptedAt: '2024-07-01', assets: [[]] }],
        ['POST', '/batches', u.fuzzAdmin, { ...batchSpec.valid(), allocations: [[]] }],
        ['POST', '/batches', u.fuzzAdmin, { ...batchSpec.valid(), allocations: [{ regionCode: SHUOCHENG, amount: '1.00', earmarks: [[]] }] }],
      ];
      const answers: string[] = [];
      for (const [method, path, who, body] of cases) {
        const answer = await send(method, path, { ...(who as Record<string, string>), ...JSON_CT }, JSON.stringify(body), 'bug: nested shape 500');
        answers.push(`${answer.status} ${method} ${path.replace(/[0-9a-f-]{36}/, ':id')} ${JSON.stringify(body).slice(0, 60)}`);
      }
      expect(await fingerprint(stack.db, owned)).toEqual(before);
      expect(answers.filter((a) => !a.startsWith('400 '))).toEqual([]);
    });

    /**
     * BUG: the same missing @IsObject lets malformed shapes through and stores them: beneficiaries [] or
     * [{…}] is saved as {} (the household counts are lost), attachments [[]] as [{}], performanceTargets
     * [[[]]] as [{"0":[]}]; PATCH with beneficiaries [] empties them on an existing draft.
     * (apps/api/src/projects/dto/project-application.dto.ts). Expected 400 and nothing stored.
     */
    it('refuses arrays where a nested object belongs instead of storing them', async () => {
      const id = await projectAt(stack, u.villageA, VILLAGE_A, 'draft', u);
      const before = await fingerprint(stack.db, { ...owned, projectIds: [...owned.projectIds!, id] });
      const app = application(VILLAGE_A);
      const cases: Array<[string, string, unknown]> = [
        ['POST', '/projects', { ...app(), beneficiaries: [] }],
        ['POST', '/projects', { ...app(), beneficiaries: [{ householdsLifted: 20, householdsMonitored: 5, people: 60 }] }],
        ['POST', '/projects', { ...app(), attachments: [[]] }],
        ['POST', '/projects', { ...app(), performanceTargets: [[[]]] }],
        ['PATCH', `/projects/${id}`, { beneficiaries: [] }],
      ];
      const answers: string[] = [];
      for (const [method, path, body] of cases) {
        const answer = await send(method, path, { ...u.villageA, ...JSON_CT }, JSON.stringify(body), 'bug: nested shape stored');
        answers.push(`${answer.status} ${method} ${JSON.stringify(body).slice(-60)}`);
      }
      expect(answers.filter((a) => !a.startsWith('400 '))).toEqual([]);
      expect(await fingerprint(stack.db, { ...owned, projectIds: [...owned.projectIds!, id] })).toEqual(before);
    });

    /**
     * Regression (fixed; was minor): year and batchNo of a batch are converted with @Type(() => Number) (BatchHeaderDto in
     * apps/api/src/batches/dto/create-batch.dto.ts), i.e. Number(): "0x7E8" is taken as 2024 and "2e3" as
     * 2000, in JSON and in the import's multipart fields. Expected 400 (only decimal integers).
     */
    it('refuses a year written in hex or exponent form instead of converting it', async () => {
      const before = await fingerprint(stack.db, owned);
      const json = await send('POST', '/batches', { ...u.fuzzAdmin, ...JSON_CT }, JSON.stringify({ ...batchSpec.valid(), year: '0x7E8' }), 'bug: coerced year');
      const header = { docNumber: `模糊导入〔2024〕${randomUUID().slice(0, 8)}号`, title: '测试导入', level: 'city', year: '2e3', batchNo: '1', issuedAt: '2024-03-01' };
      const upload = await send(
        'POST',
        '/batches/import',
        { ...u.fuzzAdmin, 'content-type': 'multipart/form-data; boundary=fuzzboundary7MA4YWxk' },
        multipart(header, [{ field: 'file', filename: 'a.csv', type: 'text/csv', content: Buffer.from('市县名,金额\n朔州市小计,1\n朔城区,1\n') }]),
        'bug: coerced year',
      );
      expect([json.status, upload.status]).toEqual([400, 400]);
      expect(await fingerprint(stack.db, owned)).toEqual(before);
    });

    /**
     * BUG: a NUL character (valid JSON "\u0000") passes every DTO and reaches PostgreSQL, which refuses it
     * ("invalid byte sequence for encoding UTF8: 0x00"): POST /auth/login answers 500 (AuthService.login's
     * findOne, apps/api/src/auth/auth.service.ts) and POST /batches answers 500 (BatchesService.create's
     * INSERT). Expected 400 from validation.
     */
    it('answers 400, not 500, to a NUL character in a login name or a batch field', async () => {
      const before = await fingerprint(stack.db, owned);
      const answers = [
        await send('POST', '/auth/login', JSON_CT, JSON.stringify({ username: 'admin\u0000', password: 'demo123' }), 'bug: NUL'),
        await send('POST', '/batches', { ...u.fuzzAdmin, ...JSON_CT }, JSON.stringify({ ...batchSpec.valid(), title: '测试\u0000通知' }), 'bug: NUL'),
      ];
      expect(await fingerprint(stack.db, owned)).toEqual(before);
      expect(answers.map((a) => a.status)).toEqual([400, 400]);
    });

    /**
     * BUG: a NUL character in any text the project workflow records (comment, name, content, note, objection…)
     * passes the DTO and the workflow's validator; the workflow moves its in-memory stage, then the
     * step's write (then the API's, later the workflow's own recordProjectSteps) fails on PostgreSQL forever (the activities' retry policy in
     * workflows/project/project.workflow.ts has no maximumAttempts, and activities/project/project-activities.ts
     * does not turn the database's refusal into a non-retryable failure),
     * so the HTTP request never answers and the project is wedged (Temporal says withdrawn, the database says draft).
     * Here: POST /projects/:id/withdraw { comment: "\u0000" } on a fresh draft. Expected 400 at once.
     */
    it('refuses a NUL character in a workflow-recorded comment instead of hanging', async () => {
      const id = await projectAt(stack, u.villageA, VILLAGE_A, 'draft', u);
      stuck.add(id);
      try {
        const answer = await send('POST', `/projects/${id}/withdraw`, { ...u.villageA, ...JSON_CT }, JSON.stringify({ comment: '撤回\u0000' }), 'bug: NUL hang', HANG_TIMEOUT_MS);
        expect(answer.status).toBe(400);
      } finally {
        await stack.temporal.workflow.getHandle(`project-${id}`).terminate('abuse test: NUL comment left the workflow retrying forever').catch(() => undefined);
      }
    });

    /**
     * BUG: class-validator's IsISO8601({ strict: true }) accepts '2024', '2024-05' and ISO week dates
     * ('2024-W21-1'); POST /batches stores issuedAt into a `date` column and PostgreSQL refuses those forms:
     * 500 (apps/api/src/batches/dto/create-batch.dto.ts issuedAt, BatchesService.create INSERT). Expected 400.
     */
    it('answers 400, not 500, to an issuedAt PostgreSQL cannot store', async () => {
      const before = await fingerprint(stack.db, owned);
      const answers = [];
      for (const issuedAt of ['2024', '2024-05', '2024-W21-1']) {
        answers.push(await send('POST', '/batches', { ...u.fuzzAdmin, ...JSON_CT }, JSON.stringify({ ...batchSpec.valid(), issuedAt }), 'bug: ISO date'));
      }
      expect(await fingerprint(stack.db, owned)).toEqual(before);
      expect(answers.map((a) => a.status)).toEqual([400, 400, 400]);
    });

    /**
     * BUG: a body sent with a content type the API does not parse (form-urlencoded, text/plain, multipart) is
     * treated as an empty body: only the JSON parser is installed (apps/api/src/create-api-app.ts,
     * bodyParser: false + useBodyParser('json')), ValidationPipe turns the missing body into {}, and on
     * endpoints whose fields are all optional the action runs. Here a form-encoded withdraw with a comment
     * withdraws the project and loses the comment. Expected 415 (the filter even has a message for it).
     */
    it('refuses a non-JSON body instead of acting as if it were empty', async () => {
      const id = await projectAt(stack, u.villageA, VILLAGE_A, 'draft', u);
      const answer = await send('POST', `/projects/${id}/withdraw`, { ...u.villageA, 'content-type': 'application/x-www-form-urlencoded' }, 'comment=%E9%87%8D%E6%96%B0%E8%A7%84%E5%88%92', 'bug: non-JSON');
      const [{ stage }] = await stack.db.query(`SELECT stage FROM projects WHERE id = $1`, [id]);
      expect({ status: answer.status, stage }).toEqual({ status: 415, stage: 'draft' });
    });

    /**
     * BUG: POST /projects/:id/submit declares no body, so any JSON body is ignored rather than refused
     * (apps/api/src/projects/project-actions.controller.ts submit); everywhere else unknown fields are 400
     * (forbidNonWhitelisted in apps/api/src/common/validation.ts). Here { "comment": … } submits the project
     * and the comment is silently dropped. Expected 400 for the unknown field.
     */
    it('refuses unknown fields on submit instead of ignoring them', async () => {
      const id = await projectAt(stack, u.villageA, VILLAGE_A, 'draft', u);
      const answer = await send('POST', `/projects/${id}/submit`, { ...u.villageA, ...JSON_CT }, JSON.stringify({ comment: '请审核', isAdmin: true }), 'bug: submit body');
      const [{ stage }] = await stack.db.query(`SELECT stage FROM projects WHERE id = $1`, [id]);
      expect({ status: answer.status, stage }).toEqual({ status: 400, stage: 'draft' });
    });

    /**
     * Regression (fixed; was minor): PATCH /projects/:id with an empty object is accepted and writes an `edit` event to the
     * append-only audit trail and a new state version although nothing changed
     * (ProjectsService.update in apps/api/src/projects/projects.service.ts). Expected 400 ("nothing to change"),
     * as PUT /policies answers for {}.
     */
    it('refuses an empty PATCH instead of recording an edit', async () => {
      const id = await projectAt(stack, u.villageA, VILLAGE_A, 'draft', u);
      const answer = await send('PATCH', `/projects/${id}`, { ...u.villageA, ...JSON_CT }, '{}', 'bug: empty patch');
      const [{ n }] = await stack.db.query(`SELECT count(*)::int AS n FROM project_events WHERE project_id = $1`, [id]);
      expect({ status: answer.status, events: n }).toEqual({ status: 400, events: 1 });
    });

    /**
     * BUG: a `__proto__` key smuggles policy values past the unknown-key check. parsePolicyUpdate
     * (libs/persistence/src/policies/policy-update.ts, `rest[key] = value`) assigns the JSON own property
     * "__proto__" to a plain object, which sets its prototype; validatePolicyPatch then reads the inherited
     * keys. { "__proto__": { "publicityPeriod": "P1D" } } answers 200 and stores P1D. Expected 400 (unknown key).
     */
    it('refuses a __proto__ key in a policy change instead of applying what it carries', async () => {
      const answer = await send('PUT', `/policies/${VILLAGE_C}`, { ...u.fuzzAdmin, ...JSON_CT }, '{"__proto__":{"publicityPeriod":"P1D"}}', 'bug: __proto__');
      const rows = await stack.db.query(`SELECT patch FROM policies WHERE region_code = $1`, [VILLAGE_C]);
      expect({ status: answer.status, stored: rows.length }).toEqual({ status: 400, stored: 0 });
    });

    /**
     * Regression (fixed; was minor): the DTO endpoints drop a `__proto__` key silently instead of refusing it as an unknown field
     * (class-transformer assigns it as a prototype, so forbidNonWhitelisted never sees it). Here a review
     * { decision: "return", comment, "__proto__": {…} } is carried out. Expected 400 like any other unknown field.
     */
    it('refuses a __proto__ key on a DTO endpoint like any unknown field', async () => {
      const id = await projectAt(stack, u.villageA, VILLAGE_A, 'township_review', u);
      const answer = await send('POST', `/projects/${id}/review`, { ...u.township, ...JSON_CT }, '{"decision":"return","comment":"材料不全","__proto__":{"x":1}}', 'bug: __proto__');
      expect(answer.status).toBe(400);
    });

    /**
     * BUG: IsISO8601 accepts paidAt '2024' and '2024-W21-1'; the workflow's recordPayment activity inserts it into
     * payments.paid_at (a `date`), PostgreSQL refuses it, and the activity retries forever (pay() in
     * workflows/project/project.workflow.ts only turns ApplicationFailures into refusals): the request never
     * answers. Expected 400 from validation. Runs last: it leaves the funded project's workflow stuck, so it
     * terminates that workflow.
     */
    it('refuses a paidAt PostgreSQL cannot store instead of hanging', async () => {
      stuck.add(t.implementation);
      try {
        const answer = await send('POST', `/projects/${t.implementation}/payments`, { ...u.finance, ...JSON_CT }, JSON.stringify({ kind: 'progress', amount: '1.00', paidAt: '2024-W21-1' }), 'bug: paidAt hang', HANG_TIMEOUT_MS);
        expect(answer.status).toBe(400);
      } finally {
        await stack.temporal.workflow.getHandle(`project-${t.implementation}`).terminate('abuse test: paidAt left the workflow retrying forever').catch(() => undefined);
      }
    });
  });
});
