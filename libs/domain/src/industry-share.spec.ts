import { industryShare, meetsIndustryShare } from './industry-share';
import { parseWan, parseYuan } from './money';

describe('industryShare', () => {
  it('reduces the fraction', () => {
    expect(industryShare(65n, 100n)).toEqual({ numerator: 13n, denominator: 20n });
    expect(industryShare(0n, 100n)).toEqual({ numerator: 0n, denominator: 1n });
    expect(industryShare(7n, 7n)).toEqual({ numerator: 1n, denominator: 1n });
  });

  it('treats nothing matched as a share of zero', () => {
    expect(industryShare(0n, 0n)).toEqual({ numerator: 0n, denominator: 1n });
  });

  it('refuses impossible inputs', () => {
    expect(() => industryShare(-1n, 10n)).toThrow(RangeError);
    expect(() => industryShare(11n, 10n)).toThrow('产业发展资金不能大于资金总额');
  });
});

describe('meetsIndustryShare', () => {
  it('passes exactly at the line and fails a fen below it', () => {
    const total = parseYuan('1000000.00');
    expect(meetsIndustryShare(parseYuan('650000.00'), total, '0.65')).toEqual({
      share: '0.6500',
      required: '0.65',
      ok: true,
    });
    expect(meetsIndustryShare(parseYuan('649999.99'), total, '0.65')).toEqual({
      share: '0.6499',
      required: '0.65',
      ok: false,
    });
  });

  it("requires last year's share when it was higher", () => {
    const result = meetsIndustryShare(6700n, 10000n, '0.65', '0.6812');
    expect(result).toEqual({ share: '0.6700', required: '0.6812', ok: false });
    expect(meetsIndustryShare(6812n, 10000n, '0.65', '0.6812').ok).toBe(true);
  });

  it('keeps the policy minimum when last year was lower', () => {
    expect(meetsIndustryShare(6000n, 10000n, '0.65', '0.60')).toEqual({ share: '0.6000', required: '0.65', ok: false });
  });

  it('handles notice-sized figures exactly', () => {
    // Xiangyuan: 563.504288万元 of 662.874万元 provincial money went to industry.
    const result = meetsIndustryShare(parseWan('563.504288'), parseWan('662.874'), '0.65');
    expect(result).toEqual({ share: '0.8500', required: '0.65', ok: true });
  });

  it('fails when nothing is matched and a minimum applies', () => {
    expect(meetsIndustryShare(0n, 0n, '0.65').ok).toBe(false);
    expect(meetsIndustryShare(0n, 0n, '0').ok).toBe(true);
  });

  it('rejects malformed shares', () => {
    expect(() => meetsIndustryShare(1n, 2n, '65%')).toThrow('比例格式不正确');
    expect(() => meetsIndustryShare(1n, 2n, '0.65', '1.2')).toThrow('比例不能大于 1');
  });
});
