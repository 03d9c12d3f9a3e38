import { DEFAULT_POLICY, mergePolicies, validatePolicyPatch } from './policy';

describe('attachment policy', () => {
  it('requires no attachment by default and allows every known type', () => {
    expect(Object.values(DEFAULT_POLICY.requiredAttachments).flat()).toEqual([]);
    expect(DEFAULT_POLICY.attachmentTypes).toContain('pdf');
  });

  it('takes a size in whole megabytes within the upload limit', () => {
    expect(validatePolicyPatch({ attachmentMaxMb: 5 })).toEqual({ ok: true, value: { attachmentMaxMb: 5 } });
    for (const bad of [0, 51, 2.5, '5', null]) {
      expect(validatePolicyPatch({ attachmentMaxMb: bad })).toEqual({ ok: false, errors: [{ field: 'attachmentMaxMb', message: '须为 1 到 50 之间的整数（MB）' }] });
    }
  });

  it('takes only known file types, once each', () => {
    expect(validatePolicyPatch({ attachmentTypes: ['pdf', 'png'] })).toEqual({ ok: true, value: { attachmentTypes: ['pdf', 'png'] } });
    const result = validatePolicyPatch({ attachmentTypes: ['pdf', 'exe', 'pdf'] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.field)).toEqual(['attachmentTypes[1]', 'attachmentTypes']);
    expect(validatePolicyPatch({ attachmentTypes: [] }).ok).toBe(false);
  });

  it('takes the required kinds of every gate, known kinds only', () => {
    const required = { submit: ['villagers_resolution'], countyMeeting: ['county_meeting_minutes'], procurement: ['contract'], acceptance: [] };
    expect(validatePolicyPatch({ requiredAttachments: required })).toEqual({ ok: true, value: { requiredAttachments: required } });
    const partial = validatePolicyPatch({ requiredAttachments: { submit: ['村民代表大会决议'], payment: [] } });
    expect(!partial.ok && partial.errors.map((e) => e.field)).toEqual([
      'requiredAttachments.payment',
      'requiredAttachments.submit[0]',
      'requiredAttachments.countyMeeting',
      'requiredAttachments.procurement',
      'requiredAttachments.acceptance',
    ]);
  });

  it('lets a county require papers while the defaults stay untouched', () => {
    const { policy, sources } = mergePolicies([{ regionCode: '140623000000', patch: { requiredAttachments: { submit: ['villagers_resolution'], countyMeeting: [], procurement: [], acceptance: [] } } }]);
    expect(policy.requiredAttachments.submit).toEqual(['villagers_resolution']);
    expect(sources.requiredAttachments).toBe('140623000000');
    policy.requiredAttachments.submit.push('photo');
    expect(DEFAULT_POLICY.requiredAttachments.submit).toEqual([]);
  });
});
