import { randomUUID } from 'node:crypto';
import { ensureUser, type Headers } from './support/fixtures';
import { libraryProject } from './support/library-project';
import { login, startTestStack, type TestStack } from './support/test-stack';

/**
 * 绩效目标表 over HTTP, in villages of its own under 贾庄乡: structured rows at application, the
 * county's achieved values at acceptance and the score they give, that score in the self-evaluation
 * of the year, and a county policy that wants every category before submit.
 */
const COUNTY = '140602000000';
const TABLE = [
  { category: 'output', subCategory: 'quantity', indicator: '改造蔬菜大棚', comparison: '>=', targetValue: '20', unit: '座' },
  { category: 'output', subCategory: 'cost', indicator: '每座改造成本', comparison: '<=', targetValue: '8', unit: '万元' },
  { category: 'benefit', subCategory: 'economic', indicator: '带动脱贫户增收', comparison: '>=', targetValue: '1500', unit: '元/户' },
  { category: 'satisfaction', subCategory: 'beneficiary', indicator: '受益群众满意度', comparison: '>=', targetValue: '90', unit: '%' },
];

describe('performance targets from application to acceptance', () => {
  let stack: TestStack;
  let admin: Headers, county: Headers;

  beforeAll(async () => {
    stack = await startTestStack();
    [admin, county] = await Promise.all([login(stack, 'admin'), login(stack, 'county1')]);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const figures = async (year: number) => {
    const report = (await stack.http().get(`/reports/self-evaluation/${COUNTY}/${year}`).set(county).expect(200)).body;
    const all = report.sections.flatMap((s: { figures: Array<{ key: string; value: string | null }> }) => s.figures);
    const value = (key: string) => all.find((f: { key: string }) => f.key === key).value as string | null;
    return { projects: Number(value('targetsScoredProjects')), rows: Number(value('targetsScored')), met: Number(value('targetsMet')), text: report.sections.find((s: { key: string }) => s.key === 'management').text as string };
  };

  it('judges the achieved values at acceptance, scores the project and counts it in the self-evaluation', async () => {
    const { id, village } = await libraryProject(stack, '140602205945', { name: `蔬菜大棚改造-${randomUUID().slice(0, 6)}`, type: 'infrastructure', performanceTargets: TABLE });
    const project = (await stack.http().get(`/projects/${id}`).set(county).expect(200)).body;
    expect(project.performanceTargets).toEqual(TABLE.map((t) => ({ ...t, target: `${{ '>=': '≥', '<=': '≤', '=': '=' }[t.comparison]} ${t.targetValue} ${t.unit}` })));
    expect(project.targetScore).toBeNull();

    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    const before = await figures(year);

    await stack.http().post(`/projects/${id}/progress`).set(village).send({ percent: 100, note: '大棚改造全部完工', reportedAt: '2024-09-30' }).expect(200);
    await stack.http().post(`/projects/${id}/acceptance/request`).set(village).expect(200);
    const acceptance = { result: 'pass', findings: '工程质量合格', acceptedAt: '2024-10-15', assets: [] };
    const missing = await stack.http().post(`/projects/${id}/acceptance`).set(county).send(acceptance).expect(422);
    expect(missing.body).toMatchObject({ code: 'RULE_BROKEN', message: '绩效目标表有 4 项指标，须逐项填写完成值（收到 0 项）', details: { field: 'targets' } });
    const notNumber = await stack
      .http()
      .post(`/projects/${id}/acceptance`)
      .set(county)
      .send({ ...acceptance, targets: [{ achieved: '二十座' }, { achieved: '8' }, { achieved: '1600' }, { achieved: '95' }] })
      .expect(422);
    expect(notNumber.body.message).toContain('第 1 项指标「改造蔬菜大棚」的完成值须为非负数字');
    const contradicted = await stack
      .http()
      .post(`/projects/${id}/acceptance`)
      .set(county)
      .send({ ...acceptance, targets: [{ achieved: '20' }, { achieved: '8.5', met: true }, { achieved: '1600' }, { achieved: '95' }] })
      .expect(422);
    expect(contradicted.body.message).toContain('与填写的判断不一致');
    expect((await stack.http().get(`/projects/${id}`).set(county).expect(200)).body.stage).toBe('acceptance');

    const accepted = (
      await stack
        .http()
        .post(`/projects/${id}/acceptance`)
        .set(county)
        .send({ ...acceptance, targets: [{ achieved: '20' }, { achieved: '8.5' }, { achieved: '1600' }, { achieved: '88.5' }] })
        .expect(200)
    ).body;
    expect(accepted.stage).toBe('disbursement');
    expect(accepted.targetScore).toEqual({ met: 2, total: 4, unmet: ['每座改造成本', '受益群众满意度'], acceptedAt: '2024-10-15' });
    expect(accepted.process.acceptances.at(-1).targets).toEqual([
      { category: 'output', indicator: '改造蔬菜大棚', target: '≥ 20 座', achieved: '20', met: true },
      { category: 'output', indicator: '每座改造成本', target: '≤ 8 万元', achieved: '8.5', met: false },
      { category: 'benefit', indicator: '带动脱贫户增收', target: '≥ 1500 元/户', achieved: '1600', met: true },
      { category: 'satisfaction', indicator: '受益群众满意度', target: '≥ 90 %', achieved: '88.5', met: false },
    ]);
    // The applicant sees the same score on its own project.
    expect((await stack.http().get(`/projects/${id}`).set(village).expect(200)).body.targetScore).toMatchObject({ met: 2, total: 4 });

    const after = await figures(year);
    expect(after.projects - before.projects).toBe(1);
    expect(after.rows - before.rows).toBe(4);
    expect(after.met - before.met).toBe(2);
    expect(after.text).toContain(`${after.rows}项指标中${after.met}项达到目标`);
  });

  it('refuses rows that are not a measurable target, in Chinese, and changes nothing', async () => {
    const village = await villageUser('140602205947');
    const body = application('140602205947');
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...TABLE[0], subCategory: 'sideways' }, /二级指标须为 quantity、quality/],
      [{ ...TABLE[0], targetValue: '二十' }, /目标值须为非负数字/],
      [{ ...TABLE[0], comparison: '>' }, /比较方式须为/],
      [{ ...TABLE[0], unit: '' }, /计量单位长度须为 1–20/],
      [{ category: 'output', indicator: '硬化道路长度', target: '≥1.2 公里' }, /不允许的字段|二级指标须为/],
    ];
    const before = await stack.db.query(`SELECT count(*)::int AS n FROM projects WHERE village_code = '140602205947'`);
    for (const [row, message] of cases) {
      const res = await stack.http().post('/projects').set(village).send({ ...body, performanceTargets: [row] }).expect(400);
      expect(res.body.message).toMatch(message);
    }
    // Each part well formed, but a benefit group under an output row: the content cannot be taken.
    const misplaced = await stack.http().post('/projects').set(village).send({ ...body, performanceTargets: [TABLE[1], { ...TABLE[0], subCategory: 'economic' }] }).expect(422);
    expect(misplaced.body).toMatchObject({
      code: 'TARGET_SUBCATEGORY_MISMATCH',
      message: '第 2 项绩效目标「改造蔬菜大棚」的二级指标须为产出指标下的 数量指标、质量指标、时效指标、成本指标 之一',
      details: { field: 'performanceTargets[1].subCategory' },
    });
    expect(await stack.db.query(`SELECT count(*)::int AS n FROM projects WHERE village_code = '140602205947'`)).toEqual(before);
  });

  it('refuses a submit missing a category when the policy asks for all three, naming the missing ones', async () => {
    const village = await villageUser('140602205946');
    await stack.http().put('/policies/140602205946').set(admin).send({ performanceTargetsRequired: true }).expect(200);
    const created = (await stack.http().post('/projects').set(village).send({ ...application('140602205946'), performanceTargets: TABLE.slice(0, 2) }).expect(201)).body;
    expect(created.targetsRequired).toBe(true);
    const refused = await stack.http().post(`/projects/${created.id}/submit`).set(village).expect(422);
    expect(refused.body).toMatchObject({ code: 'RULE_BROKEN', message: '绩效目标表缺少效益指标、满意度指标：提交前须填写产出、效益、满意度指标各至少一项', details: { missingCategories: ['benefit', 'satisfaction'] } });
    expect((await stack.http().get(`/projects/${created.id}`).set(village).expect(200)).body.stage).toBe('draft');

    await stack.http().patch(`/projects/${created.id}`).set(village).send({ performanceTargets: TABLE }).expect(200);
    expect((await stack.http().post(`/projects/${created.id}/submit`).set(village).expect(200)).body.stage).toBe('township_review');
    // Elsewhere the policy is off by default: a project with no targets submits.
    const elsewhere = await villageUser('140602205947');
    const free = (await stack.http().post('/projects').set(elsewhere).send(application('140602205947')).expect(201)).body;
    expect(free.targetsRequired).toBe(false);
    await stack.http().post(`/projects/${free.id}/submit`).set(elsewhere).expect(200);
  });

  it('reads the free-text rows of projects applied before the table was structured', async () => {
    const village = await villageUser('140602205947');
    const { id } = (await stack.http().post('/projects').set(village).send(application('140602205947')).expect(201)).body;
    await stack.db.query(`UPDATE projects SET performance_targets = $2 WHERE id = $1`, [
      id,
      JSON.stringify([
        { category: 'output', indicator: '硬化道路长度', target: '≥1.2 公里' },
        { category: 'benefit', indicator: '村容村貌', target: '明显改善' },
      ]),
    ]);
    const read = (await stack.http().get(`/projects/${id}`).set(village).expect(200)).body;
    expect(read.performanceTargets).toEqual([
      { category: 'output', subCategory: null, indicator: '硬化道路长度', comparison: '>=', targetValue: '1.2', unit: '公里', target: '≥1.2 公里' },
      { category: 'benefit', subCategory: null, indicator: '村容村貌', comparison: null, targetValue: null, unit: null, target: '明显改善' },
    ]);
  });

  async function villageUser(code: string): Promise<Headers> {
    await stack.db.query(`INSERT INTO regions (code, name, level, parent_code) VALUES ($1, $2, 'village', '140602205000') ON CONFLICT DO NOTHING`, [code, `测试村${code.slice(-3)}`]);
    return ensureUser(stack, { username: `village-${code}`, role: 'village', regionCode: code, displayName: `测试村${code.slice(-3)}村委会` });
  }

  function application(villageCode: string) {
    return {
      name: `村内道路硬化-${randomUUID().slice(0, 6)}`,
      type: 'infrastructure',
      villageCode,
      place: '贾庄乡',
      content: '硬化村内道路 1.2 公里',
      totalBudget: '300000.00',
      fundingSources: [{ source: '市级衔接资金', amount: '300000.00' }],
      beneficiaries: { householdsLifted: 12, householdsMonitored: 3, people: 40 },
      farmerLink: '吸纳脱贫户务工',
      departmentCode: 'agriculture',
    };
  }
});
