import { jointReviewFor, jointReviewPassed, minutesLeft, pendingDepartments, stepAfter, urgeWaitMs, type JointReviewPolicy } from './approval-operations';
import { DEFAULT_POLICY, validatePolicyPatch } from './policy';

const irrigation: JointReviewPolicy = {
  name: '灌溉项目',
  projectTypes: ['infrastructure', 'industry'],
  keywords: ['灌溉', '水渠'],
  departments: ['agriculture', 'water'],
  rule: 'all',
  ratio: null,
};

const project = (over: Partial<{ type: string; name: string; content: string; departmentCode: string }> = {}) => ({
  type: 'infrastructure',
  name: '北曹村高效节水灌溉工程',
  content: '铺设管道 3 公里',
  departmentCode: 'agriculture',
  ...over,
});

describe('会签 joint review', () => {
  it('is not needed under the default policy', () => {
    expect(DEFAULT_POLICY.jointReview).toEqual([]);
    expect(jointReviewFor(DEFAULT_POLICY.jointReview, project())).toBeNull();
    expect(jointReviewFor(undefined, project())).toBeNull();
  });

  it('names the project department first, then the others, for a matching type and word', () => {
    const joint = jointReviewFor([irrigation], project({ departmentCode: 'water' }));
    expect(joint).toEqual({ policyName: '灌溉项目', departments: ['water', 'agriculture'], rule: 'all', ratio: null, approvals: [] });
  });

  it('passes a project whose type or words the policy does not name', () => {
    expect(jointReviewFor([irrigation], project({ type: 'livelihood' }))).toBeNull();
    expect(jointReviewFor([irrigation], project({ name: '村道硬化', content: '硬化 2 公里' }))).toBeNull();
    // Words match as the negative list does: spaces do not hide them.
    expect(jointReviewFor([irrigation], project({ name: '村道', content: '修 水 渠 1 公里' }))).not.toBeNull();
  });

  it('decides by all, any and ratio', () => {
    const base = { policyName: 'x', departments: ['agriculture', 'water', 'forestry'], ratio: null, approvals: [] as never[] };
    const approve = (d: string) => ({ department: d, by: d, at: '2026-01-01T00:00:00Z', comment: null });
    const one = [approve('water')];
    const two = [approve('water'), approve('agriculture')];
    expect(jointReviewPassed({ ...base, rule: 'all', approvals: two })).toBe(false);
    expect(jointReviewPassed({ ...base, rule: 'all', approvals: [...two, approve('forestry')] })).toBe(true);
    expect(jointReviewPassed({ ...base, rule: 'any', approvals: [] })).toBe(false);
    expect(jointReviewPassed({ ...base, rule: 'any', approvals: one })).toBe(true);
    expect(jointReviewPassed({ ...base, rule: 'ratio', ratio: '0.66', approvals: one })).toBe(false);
    expect(jointReviewPassed({ ...base, rule: 'ratio', ratio: '0.66', approvals: two })).toBe(true);
    // Exact: two of three is 0.666…, short of 0.67.
    expect(jointReviewPassed({ ...base, rule: 'ratio', ratio: '0.67', approvals: two })).toBe(false);
    expect(pendingDepartments({ ...base, rule: 'all', approvals: one })).toEqual(['agriculture', 'forestry']);
  });

  it('is validated in a policy patch with Chinese messages', () => {
    expect(validatePolicyPatch({ jointReview: [irrigation], urgeInterval: 'PT30M' })).toEqual({ ok: true, value: { jointReview: [irrigation], urgeInterval: 'PT30M' } });
    const bad = validatePolicyPatch({
      jointReview: [{ name: '', projectTypes: ['road'], keywords: [], departments: ['water', 'water'], rule: 'most', ratio: '2' }],
      urgeInterval: 'PT0S',
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => e.field).sort()).toEqual(
      ['jointReview[0].departments', 'jointReview[0].name', 'jointReview[0].projectTypes[0]', 'jointReview[0].ratio', 'jointReview[0].rule', 'urgeInterval'].sort(),
    );
    expect(bad.errors.every((e) => /[\u4e00-\u9fa5]/.test(e.message))).toBe(true);
  });
});

describe('催办 urge interval', () => {
  const at = Date.parse('2026-03-01T02:00:00Z');
  it('allows the first urge at once and the next after the interval', () => {
    expect(urgeWaitMs(null, at, 'PT1H')).toBe(0);
    expect(urgeWaitMs('2026-03-01T01:30:00Z', at, 'PT1H')).toBe(30 * 60_000);
    expect(urgeWaitMs('2026-03-01T01:00:00Z', at, 'PT1H')).toBe(0);
    expect(minutesLeft(30 * 60_000 - 1)).toBe(30);
    expect(minutesLeft(1)).toBe(1);
  });
});

describe('办理预告 who acts after the present step', () => {
  it('follows the approval path and sends a resubmission back to who returned it', () => {
    expect(stepAfter('township_review', null)).toEqual({ stage: 'department_review', role: 'department' });
    expect(stepAfter('county_review', null)).toEqual({ stage: 'publicity', role: 'system' });
    expect(stepAfter('returned', 'county_review')).toEqual({ stage: 'county_review', role: 'county' });
    expect(stepAfter('returned', 'publicity')).toEqual({ stage: 'county_review', role: 'county' });
    expect(stepAfter('completed', null)).toBeNull();
  });
});
