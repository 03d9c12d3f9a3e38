import { percent, shareAfter } from '../../apps/web/src/pages/batches/detail/share-outlook';

describe('the industry share a match would leave', () => {
  it('writes a share as a percent digit for digit', () => {
    expect(percent('0.6523')).toBe('65.23%');
    expect(percent('0.65')).toBe('65.00%');
    expect(percent('1.0000')).toBe('100.00%');
    expect(percent('0.0000')).toBe('0.00%');
    expect(percent('0.06')).toBe('6.00%');
    expect(percent('0.652399')).toBe('65.23%');
  });

  const year = { matched: '1000000.00', industryMatched: '600000.00', industryShareRequired: '0.65' };

  it('counts an industry project on both sides and any other project only in the total', () => {
    expect(shareAfter(year, 100_000_00n, true)).toEqual({ share: '0.6363', required: '0.65', ok: false });
    expect(shareAfter(year, 500_000_00n, true)).toEqual({ share: '0.7333', required: '0.65', ok: true });
    expect(shareAfter(year, 500_000_00n, false)).toEqual({ share: '0.4000', required: '0.65', ok: false });
  });

  it('shows today\'s share while no amount is typed, and nothing before the figures arrive', () => {
    expect(shareAfter(year, null, true)).toEqual({ share: '0.6000', required: '0.65', ok: false });
    expect(shareAfter(null, 1n, true)).toBeNull();
  });

  it('is exact at the boundary where floats would wobble', () => {
    expect(shareAfter({ matched: '0.00', industryMatched: '0.00', industryShareRequired: '0.65' }, 65n, true)?.ok).toBe(true);
    expect(shareAfter({ matched: '0.35', industryMatched: '0.00', industryShareRequired: '0.65' }, 65n, true)).toEqual({ share: '0.6500', required: '0.65', ok: true });
  });
});
