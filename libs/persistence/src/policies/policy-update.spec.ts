import { describePolicyUpdate, parsePolicyUpdate } from './policy-update';

describe('parsePolicyUpdate', () => {
  it('splits values to set from keys sent as null (removals)', () => {
    expect(parsePolicyUpdate({ publicityPeriod: 'PT30S', matchingDeadline: null })).toEqual({
      ok: true,
      value: { set: { publicityPeriod: 'PT30S' }, remove: ['matchingDeadline'] },
    });
  });

  it('accepts an empty object as a change of nothing', () => {
    expect(parsePolicyUpdate({})).toEqual({ ok: true, value: { set: {}, remove: [] } });
  });

  it('stores money with two decimals', () => {
    const parsed = parsePolicyUpdate({ meetingRequiredAbove: '1000000' });
    expect(parsed).toEqual({ ok: true, value: { set: { meetingRequiredAbove: '1000000.00' }, remove: [] } });
  });

  it('refuses unknown keys, also when sent as null', () => {
    const parsed = parsePolicyUpdate({ foo: 1, bar: null });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => e.field).sort()).toEqual(['bar', 'foo']);
    expect(parsed.errors.every((e) => /未知的策略项/.test(e.message))).toBe(true);
  });

  it('lists every bad value with its field and a Chinese message', () => {
    const parsed = parsePolicyUpdate({ publicityPeriod: '10 days', industryShareMin: '1.5', retentionRate: null });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => e.field)).toEqual(['publicityPeriod', 'industryShareMin']);
    for (const e of parsed.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each([[null], [[]], ['PT30S'], [42]])('refuses a body that is not an object: %p', (body) => {
    expect(parsePolicyUpdate(body)).toEqual({ ok: false, errors: [{ field: '', message: '政策参数须为对象' }] });
  });

  it('returns copies: changing the input later does not change the parsed value', () => {
    const input = { matchingWarnings: ['P5D'] };
    const parsed = parsePolicyUpdate(input);
    input.matchingWarnings.push('P1D');
    expect(parsed).toEqual({ ok: true, value: { set: { matchingWarnings: ['P5D'] }, remove: [] } });
  });
});

describe('describePolicyUpdate', () => {
  it('records removals as null beside the values set', () => {
    expect(describePolicyUpdate({ set: { retentionRate: '0.05' }, remove: ['warrantyPeriod'] })).toEqual({
      retentionRate: '0.05',
      warrantyPeriod: null,
    });
  });
});
