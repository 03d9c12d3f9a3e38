import { DEFAULT_NEGATIVE_LIST } from './negative-list';
import { DEFAULT_POLICY, mergePolicies, type Policy, POLICY_KEYS, validatePolicyPatch } from './policy';

function errorsOf(patch: unknown): Array<{ field: string; message: string }> {
  const result = validatePolicyPatch(patch);
  return result.ok ? [] : result.errors;
}

function fieldsOf(patch: unknown): string[] {
  return errorsOf(patch).map((e) => e.field);
}

describe('DEFAULT_POLICY', () => {
  it('holds the documented defaults', () => {
    expect(DEFAULT_POLICY).toEqual({
      publicityPeriod: 'P10D',
      matchingDeadline: 'P15D',
      matchingWarnings: ['P5D', 'P2D'],
      taskDue: { township: 'P5D', department: 'P7D', county: 'P10D', village: 'P15D' },
      industryShareMin: '0.65',
      industryShareMinByLevel: [],
      retentionRate: '0.03',
      warrantyPeriod: 'P1Y',
      meetingRequiredAbove: '500000.00',
      negativeList: DEFAULT_NEGATIVE_LIST,
      performanceTargetsRequired: false,
      attachmentMaxMb: 20,
      attachmentTypes: ['pdf', 'jpeg', 'png', 'docx', 'xlsx', 'doc', 'xls', 'ofd'],
      requiredAttachments: { submit: [], countyMeeting: [], procurement: [], acceptance: [] },
      jointReview: [],
      urgeInterval: 'PT1H',
    });
    expect(Object.keys(DEFAULT_POLICY).sort()).toEqual([...POLICY_KEYS].sort());
  });

  it('passes its own validation', () => {
    expect(validatePolicyPatch(DEFAULT_POLICY)).toEqual({ ok: true, value: DEFAULT_POLICY });
  });

  it('is frozen', () => {
    expect(() => {
      (DEFAULT_POLICY.matchingWarnings as string[]).push('P1D');
    }).toThrow(TypeError);
  });
});

describe('validatePolicyPatch', () => {
  it('takes the performance-target requirement as a boolean only', () => {
    expect(validatePolicyPatch({ performanceTargetsRequired: true })).toEqual({ ok: true, value: { performanceTargetsRequired: true } });
    expect(errorsOf({ performanceTargetsRequired: 'yes' })).toEqual([{ field: 'performanceTargetsRequired', message: '须为 true 或 false' }]);
  });

  it('accepts a partial patch and returns only the given keys', () => {
    expect(validatePolicyPatch({ matchingDeadline: 'P30D', publicityPeriod: 'PT30S' })).toEqual({
      ok: true,
      value: { matchingDeadline: 'P30D', publicityPeriod: 'PT30S' },
    });
    expect(validatePolicyPatch({})).toEqual({ ok: true, value: {} });
  });

  it('rejects non-objects', () => {
    expect(errorsOf(null)).toEqual([{ field: '', message: '政策参数须为对象' }]);
    expect(fieldsOf([])).toEqual(['']);
    expect(fieldsOf('P10D')).toEqual(['']);
  });

  it('rejects unknown keys', () => {
    expect(errorsOf({ publicityDays: 10 })).toEqual([
      { field: 'publicityDays', message: '未知的策略项：publicityDays' },
    ]);
  });

  it("checks durations with the parser's Chinese message", () => {
    expect(errorsOf({ publicityPeriod: 'PT' })).toEqual([
      { field: 'publicityPeriod', message: expect.stringContaining('时长格式不正确') },
    ]);
    expect(fieldsOf({ matchingDeadline: 15 })).toEqual(['matchingDeadline']);
    expect(errorsOf({ matchingDeadline: 'P0D' })).toEqual([{ field: 'matchingDeadline', message: '时长必须大于零' }]);
    expect(validatePolicyPatch({ warrantyPeriod: 'P0D' }).ok).toBe(true);
  });

  it('checks matching warnings', () => {
    expect(fieldsOf({ matchingWarnings: 'P5D' })).toEqual(['matchingWarnings']);
    expect(fieldsOf({ matchingWarnings: ['P5D', 'five days'] })).toEqual(['matchingWarnings[1]']);
    expect(fieldsOf({ matchingWarnings: ['P5D', 'P5D'] })).toEqual(['matchingWarnings']);
    expect(validatePolicyPatch({ matchingWarnings: [] }).ok).toBe(true);
  });

  it('requires a complete taskDue', () => {
    expect(fieldsOf({ taskDue: { township: 'P3D' } })).toEqual([
      'taskDue.department',
      'taskDue.county',
      'taskDue.village',
    ]);
    expect(fieldsOf({ taskDue: { ...DEFAULT_POLICY.taskDue, finance: 'P3D' } })).toEqual(['taskDue.finance']);
    expect(fieldsOf({ taskDue: { ...DEFAULT_POLICY.taskDue, county: 'P' } })).toEqual(['taskDue.county']);
  });

  it('takes per-level industry minimums per year, one rule per level and year', () => {
    const rules = [
      { level: 'province', year: 2023, min: '0.60' },
      { level: 'city', year: 2024, min: '0.65' },
      { level: 'city', min: '0.62' },
    ];
    expect(validatePolicyPatch({ industryShareMinByLevel: rules })).toEqual({ ok: true, value: { industryShareMinByLevel: rules } });
    expect(validatePolicyPatch({ industryShareMinByLevel: [] }).ok).toBe(true);
    expect(fieldsOf({ industryShareMinByLevel: '0.6' })).toEqual(['industryShareMinByLevel']);
    expect(
      fieldsOf({
        industryShareMinByLevel: [
          { level: 'town', min: '0.6' },
          { level: 'city', year: 2023.5, min: '0.6' },
          { level: 'city', year: 2024, min: '60%' },
          { level: 'city', year: 2024, min: '0.6' },
          { level: 'county', min: '0.6', note: 'x' },
        ],
      }),
    ).toEqual([
      'industryShareMinByLevel[0].level',
      'industryShareMinByLevel[1].year',
      'industryShareMinByLevel[2].min',
      'industryShareMinByLevel[3]',
      'industryShareMinByLevel[4].note',
    ]);
    expect(errorsOf({ industryShareMinByLevel: [{ level: 'city', year: 1999, min: '0.6' }] })[0].message).toContain('年度须为');
  });

  it('checks shares and rates in [0, 1]', () => {
    expect(validatePolicyPatch({ industryShareMin: '0.6', retentionRate: '0' }).ok).toBe(true);
    expect(fieldsOf({ industryShareMin: '65%', retentionRate: 0.03 })).toEqual(['industryShareMin', 'retentionRate']);
    expect(errorsOf({ retentionRate: '1.5' })[0].message).toContain('不能大于 1');
  });

  it('checks the meeting threshold as yuan', () => {
    expect(validatePolicyPatch({ meetingRequiredAbove: '1000000' }).ok).toBe(true);
    expect(errorsOf({ meetingRequiredAbove: '100万' })[0]).toEqual({
      field: 'meetingRequiredAbove',
      message: expect.stringContaining('全角'),
    });
    expect(fieldsOf({ meetingRequiredAbove: '1.001' })).toEqual(['meetingRequiredAbove']);
  });

  it('checks the negative list shape', () => {
    const good = { version: 2, entries: [{ category: '形象工程', keywords: ['雕塑'] }] };
    expect(validatePolicyPatch({ negativeList: good })).toEqual({ ok: true, value: { negativeList: good } });
    expect(fieldsOf({ negativeList: { version: 0, entries: good.entries } })).toEqual(['negativeList.version']);
    expect(fieldsOf({ negativeList: { version: 1, entries: [] } })).toEqual(['negativeList.entries']);
    expect(fieldsOf({ negativeList: { version: 1, entries: [{ category: '', keywords: ['x'] }] } })).toEqual([
      'negativeList.entries[0].category',
    ]);
    expect(fieldsOf({ negativeList: { version: 1, entries: [{ category: 'a', keywords: ['x', ' '] }] } })).toEqual([
      'negativeList.entries[0].keywords[1]',
    ]);
    expect(fieldsOf({ negativeList: { version: 1, entries: [{ category: 'a', keywords: [] }] } })).toEqual([
      'negativeList.entries[0].keywords',
    ]);
    expect(
      fieldsOf({
        negativeList: {
          version: 1,
          entries: [
            { category: 'a', keywords: ['x'] },
            { category: ' a', keywords: ['y'], note: 1 },
          ],
        },
      }),
    ).toEqual(['negativeList.entries[1].note', 'negativeList.entries[1].category']);
    expect(fieldsOf({ negativeList: { version: 1, entries: good.entries, extra: true } })).toEqual([
      'negativeList.extra',
    ]);
  });

  it('collects every error at once', () => {
    expect(fieldsOf({ publicityPeriod: 'x', industryShareMin: 'y', foo: 1 })).toEqual([
      'foo',
      'publicityPeriod',
      'industryShareMin',
    ]);
  });

  it('copies its input', () => {
    const warnings = ['P5D'];
    const result = validatePolicyPatch({ matchingWarnings: warnings });
    warnings.push('P1D');
    expect(result.ok && result.value.matchingWarnings).toEqual(['P5D']);
  });
});

describe('mergePolicies', () => {
  it('returns the defaults with no patches', () => {
    const { policy, sources } = mergePolicies([]);
    expect(policy).toEqual(DEFAULT_POLICY);
    expect(Object.values(sources).every((s) => s === 'default')).toBe(true);
    expect(Object.keys(sources).sort()).toEqual([...POLICY_KEYS].sort());
  });

  it('lets the nearest region win key by key and records the source', () => {
    const { policy, sources } = mergePolicies([
      { regionCode: '650000000000', patch: { matchingDeadline: 'P30D', industryShareMin: '0.6' } },
      { regionCode: '654200000000', patch: { industryShareMin: '0.7' } },
    ]);
    expect(policy.matchingDeadline).toBe('P30D');
    expect(policy.industryShareMin).toBe('0.7');
    expect(policy.publicityPeriod).toBe('P10D');
    expect(sources).toMatchObject({
      matchingDeadline: '650000000000',
      industryShareMin: '654200000000',
      publicityPeriod: 'default',
    });
  });

  it('ignores keys explicitly set to undefined', () => {
    const { sources } = mergePolicies([{ regionCode: '140000000000', patch: { retentionRate: undefined } }]);
    expect(sources.retentionRate).toBe('default');
  });

  it('returns copies that can be edited without touching defaults or patches', () => {
    const patch: Partial<Policy> = { matchingWarnings: ['P3D'] };
    const { policy } = mergePolicies([{ regionCode: '140000000000', patch }]);
    policy.matchingWarnings.push('P1D');
    policy.taskDue.village = 'P1D';
    policy.negativeList.entries[0].keywords.push('x');
    expect(patch.matchingWarnings).toEqual(['P3D']);
    expect(DEFAULT_POLICY.taskDue.village).toBe('P15D');
    expect(DEFAULT_NEGATIVE_LIST.entries[0].keywords).not.toContain('x');
  });
});
