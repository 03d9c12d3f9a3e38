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

  // 市级资金 of a county: 2,000,000 issued, 1,000,000 matched of which 600,000 to industry.
  const year = { level: 'city' as const, issued: '2000000.00', matched: '1000000.00', industryMatched: '600000.00', required: '0.65', minSource: 'default', minBasis: '各级资金' };
  const brief = (v: ReturnType<typeof shareAfter>) => v && { share: v.share, max: v.maxReachable, status: v.status };

  it('moves the share only with industry matches, and the most it can reach only with the others', () => {
    expect(brief(shareAfter(year, 100_000_00n, true))).toEqual({ share: '0.3500', max: '0.8000', status: 'below' });
    expect(brief(shareAfter(year, 700_000_00n, true))).toEqual({ share: '0.6500', max: '0.8000', status: 'met' });
    expect(brief(shareAfter(year, 500_000_00n, false))).toEqual({ share: '0.3000', max: '0.5500', status: 'unreachable' });
  });

  it("shows today's share while no amount is typed, and nothing before the figures arrive", () => {
    expect(brief(shareAfter(year, null, true))).toEqual({ share: '0.3000', max: '0.8000', status: 'below' });
    expect(shareAfter(null, 1n, true)).toBeNull();
  });

  it('is exact at the boundary where floats would wobble', () => {
    const tiny = { ...year, issued: '1.00', matched: '0.35', industryMatched: '0.00' };
    expect(shareAfter(tiny, 65n, true)).toMatchObject({ share: '0.6500', ok: true });
    expect(shareAfter(tiny, 64n, true)).toMatchObject({ share: '0.6400', ok: false, status: 'below', maxReachable: '0.6500' });
    expect(shareAfter(tiny, 64n, false)).toMatchObject({ share: '0.0000', maxReachable: '0.0100', status: 'unreachable', statusLabel: '已无法达到' });
  });
});
