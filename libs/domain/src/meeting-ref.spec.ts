import { needsMeetingRef } from './meeting-ref';

describe('needsMeetingRef', () => {
  it('asks for the minutes only for an industry project above the policy amount', () => {
    expect(needsMeetingRef('industry', 160_000_000n, '500000.00')).toBe(true);
    expect(needsMeetingRef('industry', 50_000_000n, '500000.00')).toBe(false);
    expect(needsMeetingRef('industry', 50_000_001n, '500000.00')).toBe(true);
    expect(needsMeetingRef('infrastructure', 160_000_000n, '500000.00')).toBe(false);
  });
});
